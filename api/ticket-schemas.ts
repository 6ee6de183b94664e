// Response shapes of the tickets API, for the OpenAPI document. The ticket is the workflow's live view
// (workflows/ticket-view.ts) laid over its read-model row; objects stay open so a field added to the
// view is documented by its absence rather than stripped.
import { z } from '@hono/zod-openapi';
import { SENTIMENTS, URGENCIES } from '../domain/ai';
import { TIMELINE_EVENT_TYPES } from '../domain/ticket';
import { PRIORITIES, TICKET_STATUSES } from '../domain/types';

const ms = (what: string) => z.number().int().openapi({ description: `${what} (epoch milliseconds)` });

export const slaClockSchema = z
  .looseObject({
    startedAt: ms('When the clock started (or restarted on reopen / priority change)'),
    targetMs: z.number().int().openapi({ description: 'Target after the priority multiplier (high ×0.5, medium ×1, low ×2)' }),
    dueAt: ms('Due time; null while paused').nullable(),
    warnAt: ms('80 % of the target elapsed').nullable(),
    state: z.enum(['running', 'warning', 'breached', 'met']),
    paused: z.boolean(),
    pausedMs: z.number().int().openapi({ description: 'Time spent paused (pending customer)' }),
    metAt: ms('When it was met').nullable(),
  })
  .openapi('SlaClock');

const similarTicketSchema = z.looseObject({
  ticketNumber: z.number().int(),
  title: z.string(),
  themes: z.array(z.string()),
  rootCause: z.string().nullable(),
  action: z.string().nullable(),
  note: z.string().nullable(),
  score: z.number(),
});

export const aiAnalysisSchema = z
  .looseObject({
    sentiment: z.enum(SENTIMENTS),
    urgency: z.enum(URGENCIES),
    churnRisk: z.number().int().min(0).max(100).openapi({ description: 'Churn risk %' }),
    themes: z.array(z.string()).openapi({ description: 'Names from the admin theme list' }),
    tags: z.array(z.string()).openapi({ description: 'Free tags' }),
    summary: z.string(),
    suggestedAction: z.string(),
    suggestedReply: z.string().openapi({ description: 'Draft reply, personalised locally' }),
    slaAtRisk: z.boolean(),
    similar: z.array(similarTicketSchema).openapi({ description: 'Up to 5 similar resolved tickets' }),
    source: z.enum(['llm', 'local']),
    analysedAt: z.string(),
    sentText: z.string().nullable().optional().openapi({ description: 'Exactly the redacted text that left the process' }),
    fallbackReason: z.string().nullable().optional(),
  })
  .openapi('AiAnalysis');

export const timelineEventSchema = z
  .looseObject({
    ticketNumber: z.number().int(),
    seq: z.number().int().openapi({ description: 'Per-ticket sequence: the projection upserts on (ticket, seq), so a retry never duplicates' }),
    type: z.enum(TIMELINE_EVENT_TYPES),
    actorId: z.string(),
    actorName: z.string(),
    at: z.string().openapi({ description: 'ISO time' }),
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('TimelineEvent');

const ticketCore = {
  number: z.number().int(),
  status: z.enum(TICKET_STATUSES),
  priority: z.enum(PRIORITIES),
  assigneeId: z.string().nullable(),
  escalationLevel: z.number().int().openapi({ description: '0 = not escalated; 1, 2, … = the L1, L2 … badge' }),
  breached: z.boolean(),
  branch: z.string().nullable(),
  service: z.string().nullable(),
};

export const ticketSchema = z
  .looseObject({
    ...ticketCore,
    sla: z.looseObject({ firstResponse: slaClockSchema, resolution: slaClockSchema, nextReply: slaClockSchema.nullable() }),
    allowedTransitions: z.array(z.enum(TICKET_STATUSES)).optional().openapi({ description: 'Moves an agent may make now (live tickets)' }),
    ai: aiAnalysisSchema.nullable(),
    live: z.boolean().openapi({ description: 'false when the workflow is gone (closed past retention): the read model answers' }),
    temporalUrl: z.string().openapi({ description: "The ticket's workflow in the Temporal UI" }),
    timeline: z.array(timelineEventSchema),
  })
  .openapi('Ticket');

export const ticketAfterCommandSchema = z
  .looseObject({ ...ticketCore, sla: z.looseObject({ firstResponse: slaClockSchema, resolution: slaClockSchema, nextReply: slaClockSchema.nullable() }), version: z.number().int() })
  .openapi('TicketState', { description: "The workflow's live state after the change (the update's result)" });

export const ticketPageSchema = z
  .object({ items: z.array(z.looseObject(ticketCore)), total: z.number().int() })
  .openapi('TicketPage');
