// Bulk actions on the board: one change for many tickets, each carried out as the usual ticket
// command; the answer lists every ticket with its outcome, refusals included. Pure.
import { z } from 'zod';
import { pgInt } from './ids';
import { prioritySchema, ticketStatusSchema } from './types';

export const MAX_BULK_TICKETS = 200;

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('assign'), userId: z.string().min(1).nullable().describe('null unassigns') }).strict(),
  z.object({ kind: z.literal('status'), to: ticketStatusSchema }).strict(),
  z.object({ kind: z.literal('priority'), priority: prioritySchema }).strict(),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

export const bulkRequestSchema = z
  .object({
    tickets: z
      .array(pgInt())
      .min(1, 'select at least one ticket')
      .max(MAX_BULK_TICKETS)
      .refine((n) => new Set(n).size === n.length, 'each ticket once')
      .meta({ uniqueItems: true }),
    action: bulkActionSchema,
  })
  .strict()
  .meta({ id: 'BulkRequest' });
export type BulkRequest = z.infer<typeof bulkRequestSchema>;

export const bulkOutcomeSchema = z
  .object({
    ticket: z.number().int(),
    ok: z.boolean(),
    status: z.number().int().meta({ description: 'The HTTP status the single command would have answered (200, 403, 404, 409 …)' }),
    error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).optional(),
  })
  .meta({ id: 'BulkOutcome' });
export type BulkOutcome = z.infer<typeof bulkOutcomeSchema>;

export const bulkResultSchema = z
  .object({
    results: z.array(bulkOutcomeSchema).meta({ description: 'One per requested ticket, in the order asked' }),
    done: z.number().int(),
    refused: z.number().int(),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof bulkResultSchema>;
