// Response shapes of the tickets API, derived from the one ticket definition (domain/ticket-view.ts)
// so the OpenAPI document, the handlers and the web UI's types cannot drift apart.
import { z } from 'zod';
import { aiCorrectionsSchema } from '../domain/ai-correction';
import { aiViewSchema, ticketViewSchema, timelineEntrySchema } from '../domain/ticket-view';

export const ticketSchema = ticketViewSchema
  .extend({
    live: z.boolean().meta({ description: 'false when the workflow is gone (closed past retention): the read model answers' }),
    temporalUrl: z
      .string()
      .nullable()
      .meta({ description: "The ticket's workflow in the Temporal UI, for admins only (null for everyone else): that UI shows every ticket's customer data, past branch limits" }),
    timeline: z.array(timelineEntrySchema),
    aiCorrections: aiCorrectionsSchema,
  })
  .meta({
    id: 'Ticket',
    description:
      'One ticket: its live state while the workflow runs, else the state last projected into the read model, in the same shape. ' +
      'Without the workflow, allowedTransitions is empty and lastActor, csat.comment and csat.reasonId are null. ' +
      "aiCorrections: an agent's corrections of the analysis, which the board and reports use instead of ai.sentiment / ai.themes.",
  });
export type Ticket = z.infer<typeof ticketSchema>;

/** A board row: what the list shows, without the contact, the comment or the full analysis. */
export const ticketSummarySchema = ticketViewSchema
  .pick({
    number: true,
    status: true,
    priority: true,
    kind: true,
    channel: true,
    captureType: true,
    score: true,
    title: true,
    branch: true,
    service: true,
    ruleId: true,
    assigneeId: true,
    escalationLevel: true,
    breached: true,
    sla: true,
    reopenCount: true,
    linkedTicketNumber: true,
    createdAt: true,
    updatedAt: true,
    firstRespondedAt: true,
    resolvedAt: true,
    closedAt: true,
  })
  .extend({
    sentiment: aiViewSchema.shape.sentiment.nullable().meta({ description: 'From the AI analysis; null before it' }),
    urgency: aiViewSchema.shape.urgency.nullable().meta({ description: 'From the AI analysis; null before it' }),
    churnRisk: aiViewSchema.shape.churnRisk.nullable().meta({ description: 'From the AI analysis (percent); null before it' }),
  })
  .meta({ id: 'TicketSummary', description: 'A ticket as the list shows it (read model)' });
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const ticketPageSchema = z.object({ items: z.array(ticketSummarySchema), total: z.number().int() }).meta({ id: 'TicketPage' });
export type TicketPage = z.infer<typeof ticketPageSchema>;
