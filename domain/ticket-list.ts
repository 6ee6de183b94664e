// The board's filters and sort: the query of GET /tickets, and what a saved view stores (the same
// keys, as the board's URL carries them). Pure.
import { z } from 'zod';
import { pgIntParam } from './ids';
import { PRIORITIES, TICKET_KINDS } from './types';

export const TICKET_SORTS = ['sla_due', 'churn_risk', 'urgency', 'age', 'newest'] as const;

/** Filters and sort, without paging: what a saved view is. */
export const ticketFilterSchema = z.object({
  status: z.string().max(200).optional().describe('Comma-separated statuses'),
  priority: z.enum(PRIORITIES).optional(),
  kind: z.enum(TICKET_KINDS).optional(),
  branch: z.string().max(100).optional(),
  service: z.string().max(100).optional(),
  assignee: z.string().max(200).optional().describe('User id, "me" for the signed-in user, or "none" for unassigned'),
  breached: z.enum(['true', 'false']).optional(),
  escalationLevel: pgIntParam({ min: 0 }).optional(),
  q: z.string().max(200).optional().describe('Full-text search over title and comment; a number (or #number) also finds that ticket'),
  sort: z.enum(TICKET_SORTS).default('newest'),
});
export type TicketFilter = z.infer<typeof ticketFilterSchema>;

export const ticketListQuerySchema = ticketFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: pgIntParam({ min: 0 }).default(0),
});
export type TicketListQuery = z.infer<typeof ticketListQuerySchema>;

/** The filter keys in the order a query string is written (so equal views have equal strings). */
export const TICKET_FILTER_KEYS = Object.keys(ticketFilterSchema.shape) as Array<keyof TicketFilter>;
