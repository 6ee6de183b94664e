// The shape of a ticket, defined once: what the ticket workflow's query and updates return, what the
// projection stores, what the API sends (its OpenAPI schemas are these) and what the web UI reads.
// Times are epoch milliseconds everywhere; the one exception is the AI analysis's own stamps (ISO
// strings, as the analyser wrote them into the workflow's history).
// Workflow code imports the types only (`import type`): this module, and zod with it, stays out of
// the workflow bundle.
import { z } from 'zod';
import { SENTIMENTS, URGENCIES } from './ai';
import { TIMELINE_EVENT_TYPES } from './ticket';
import { actorSchema } from './ticket-schemas';
import { captureTypeSchema, channelSchema, contactSchema, prioritySchema, ticketKindSchema, ticketStatusSchema } from './types';

const epochMs = (description: string) => z.number().meta({ description: `${description} (epoch milliseconds)` });
const text = (description: string) => z.string().nullable().meta({ description });

// ---- SLA clocks (domain/sla.ts keeps them; this is how they are shown) ----

export const CLOCK_STATES = ['running', 'warning', 'breached', 'met'] as const;

export const clockViewSchema = z
  .object({
    startedAt: epochMs('When the clock started, or restarted on reopen'),
    targetMs: z.number().meta({ description: 'Target in business milliseconds, after the priority multiplier (high ×0.5, medium ×1, low ×2)' }),
    dueAt: epochMs('Due time; null while paused, as it moves when the clock resumes').nullable(),
    warnAt: epochMs('When 80 % of the target is used').nullable(),
    state: z.enum(CLOCK_STATES),
    paused: z.boolean(),
    pausedMs: z.number().meta({ description: 'Milliseconds spent paused (pending customer)' }),
    metAt: epochMs('When it was met').nullable(),
  })
  .meta({ id: 'SlaClock', description: 'One SLA clock of a ticket' });
export type ClockView = z.infer<typeof clockViewSchema>;
export type ClockState = ClockView['state'];

export const slaViewSchema = z.object({
  firstResponse: clockViewSchema,
  resolution: clockViewSchema,
  nextReply: clockViewSchema.nullable().meta({ description: 'Runs from a customer message until the next public reply; null until the first one' }),
});
export type SlaView = z.infer<typeof slaViewSchema>;

// ---- AI analysis ----

export const similarTicketSchema = z.object({
  ticketNumber: z.number().int(),
  title: z.string().meta({ description: 'Redacted' }),
  themes: z.array(z.string()),
  rootCause: z.string().nullable(),
  action: z.string().nullable(),
  note: text('The resolution note, redacted'),
  resolvedAt: text('ISO time'),
  score: z.number().meta({ description: '0–1, higher is closer' }),
});
/** A past resolved ticket like this one, and how it was resolved. */
export type SimilarTicket = z.infer<typeof similarTicketSchema>;

/** The fields both the local analyser and the model produce. */
export const analysisSchema = z.object({
  sentiment: z.enum(SENTIMENTS),
  urgency: z.enum(URGENCIES),
  churnRisk: z.number().meta({ description: 'Churn risk, an integer percentage 0–100' }),
  themes: z.array(z.string()).meta({ description: 'Names from the admin theme list' }),
  tags: z.array(z.string()).meta({ description: 'Free tags' }),
  summary: z.string().meta({ description: 'Two sentences' }),
  suggestedAction: z.string(),
  suggestedReply: z.string().meta({ description: 'Draft reply, personalised locally' }),
});
export type Analysis = z.infer<typeof analysisSchema>;

/** How sure the analyser was (0–1 each): the local analyser's strength of cues, not a calibrated
 * probability; null when the model gave none. */
export const aiConfidenceSchema = z
  .object({ sentiment: z.number().min(0).max(1), themes: z.number().min(0).max(1) })
  .meta({ id: 'AiConfidence', description: 'How strong the cues for the sentiment and the themes were (0–1); not a calibrated probability' });
export type AiConfidence = z.infer<typeof aiConfidenceSchema>;

/** The AI analysis of a ticket (model or local analyser), with what was sent for an admin to audit. */
export const aiViewSchema = analysisSchema
  .extend({
    slaAtRisk: z.boolean(),
    similar: z.array(similarTicketSchema).meta({ description: 'Up to 5 similar resolved tickets' }),
    source: z.enum(['llm', 'local']),
    analysedAt: z.string().meta({ description: 'When it was analysed (ISO time)' }),
    sentText: text('Exactly the redacted text that left the process (null when nothing was sent)').optional(),
    fallbackReason: text("Why the model's answer was not used, when a model is configured").optional(),
    attempts: z.number().int().optional().meta({ description: 'Model calls made' }),
    confidence: aiConfidenceSchema.nullable().optional(),
  })
  .meta({ id: 'AiAnalysis', description: 'Older analyses lack sentText, fallbackReason, attempts and confidence' });
export type AiView = z.infer<typeof aiViewSchema>;

// ---- CSAT and report facts ----

export const csatViewSchema = z.object({
  sentAt: epochMs('When the survey was sent').nullable(),
  score: z.number().int().nullable().meta({ description: '1–5; null until answered' }),
  answeredAt: epochMs('When it was answered').nullable(),
  recovered: z.boolean().nullable().meta({ description: 'A score of 4 or 5: the customer was won back' }),
  comment: text("The customer's comment; null when the workflow is gone (the timeline keeps it)"),
  reasonId: text('The CSAT reason (taxonomy entry); null when the workflow is gone (the timeline keeps it)'),
});
export type CsatView = z.infer<typeof csatViewSchema>;

const slaOutcomeSchema = z.enum(['met', 'breached']).nullable();
/** How an SLA clock ended up: breached in any life of the ticket, else met; null while undecided. */
export const slaOutcomesSchema = z.object({ firstResponse: slaOutcomeSchema, resolution: slaOutcomeSchema });
export type SlaOutcome = z.infer<typeof slaOutcomesSchema>;

/** Facts derived from the state for reports (projected into the read model's report columns). */
export const ticketMetricsSchema = z.object({
  firstResponseBusinessMs: z.number().nullable().meta({ description: 'Creation → first public reply, in the branch business hours' }),
  resolutionBusinessMs: z.number().nullable().meta({ description: 'Creation → (latest) resolution, in business hours' }),
  firstResponseSla: slaOutcomeSchema,
  resolutionSla: slaOutcomeSchema,
  maxEscalationLevel: z.number().int().meta({ description: 'escalationLevel resets on reopen; this does not' }),
  repeatDetractor: z.boolean(),
});
export type TicketMetrics = z.infer<typeof ticketMetricsSchema>;

// ---- the ticket ----

export const ticketViewSchema = z
  .object({
    number: z.number().int(),
    workflowId: z.string().meta({ description: "The ticket's Temporal workflow id" }),
    feedbackId: z.string().nullable(),
    status: ticketStatusSchema,
    priority: prioritySchema,
    kind: ticketKindSchema,
    channel: channelSchema.nullable(),
    captureType: captureTypeSchema.nullable(),
    score: z.number().int().nullable(),
    title: z.string(),
    comment: z.string().nullable(),
    contact: contactSchema,
    branch: z.string().nullable(),
    service: z.string().nullable(),
    ruleId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    escalationLevel: z.number().int().meta({ description: '0 = not escalated; 1, 2, … = the L1, L2 … badge' }),
    escalationExhausted: z.boolean().meta({ description: 'The last level of the escalation chain was reached' }),
    breached: z.boolean(),
    sla: slaViewSchema,
    allowedTransitions: z.array(ticketStatusSchema).meta({ description: 'Moves an agent may make now; empty when the workflow is gone' }),
    rootCauseId: z.string().nullable(),
    actionId: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    ai: aiViewSchema.nullable(),
    csat: csatViewSchema.nullable().meta({ description: 'Null until the survey is sent' }),
    reopenCount: z.number().int(),
    linkedTicketNumber: z.number().int().nullable().meta({ description: 'The closed ticket this one follows up (a customer answer after its reopen window)' }),
    replyToken: text("Plus-address token of the ticket's Reply-To (null for older tickets)"),
    locale: text("The customer's language (BCP 47) when known; null for older tickets and unknown languages (mails then use the branch default, then English)"),
    createdAt: epochMs('Created'),
    updatedAt: epochMs('Last change'),
    firstRespondedAt: epochMs('First public reply').nullable(),
    resolvedAt: epochMs('(Latest) resolution').nullable(),
    closedAt: epochMs('Closed').nullable(),
    lastActor: actorSchema.nullable().meta({ description: 'Who last changed it (not the system); null when the workflow is gone' }),
    version: z.number().int().meta({ description: 'Grows with every change' }),
    metrics: ticketMetricsSchema,
  })
  .meta({ id: 'TicketView', description: "A ticket's state as its workflow holds it (also each command's result)" });
export type TicketView = z.infer<typeof ticketViewSchema>;

// ---- the timeline as the read model keeps it ----

export const timelineEntrySchema = z
  .object({
    ticketNumber: z.number().int(),
    seq: z.number().int().meta({ description: 'Per-ticket sequence: the projection upserts on (ticket, seq), so a retry never duplicates' }),
    type: z.enum(TIMELINE_EVENT_TYPES),
    actorId: z.string(),
    actorName: z.string(),
    at: epochMs('When it happened'),
    from: z.string().nullable(),
    to: z.string().nullable(),
    reason: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'TimelineEvent', description: "One event of a ticket's timeline, as projected from the workflow" });
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
