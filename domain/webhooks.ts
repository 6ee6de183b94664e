// Outbound webhooks: the event types, their payloads (version 1, documented in the OpenAPI document's
// `webhooks` from these schemas) and which timeline event becomes which webhook event. Pure.
import { z } from 'zod';
import type { TimelineEvent } from './ticket';
import { actorSchema } from './ticket-schemas';
import { ticketViewSchema, type TicketView } from './ticket-view';
import { captureTypeSchema, channelSchema, contactSchema, ticketStatusSchema } from './types';

export const WEBHOOK_PAYLOAD_VERSION = 1;

export const WEBHOOK_EVENT_TYPES = [
  'feedback.received',
  'ticket.created',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.escalated',
  'sla.warning',
  'sla.breached',
  'ticket.resolved',
  'ticket.reopened',
  'comment.added',
  'csat.answered',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'feedback.received': 'A feedback was accepted by the intake (whether or not it opens a ticket)',
  'ticket.created': 'A ticket was opened',
  'ticket.assigned': 'A ticket got a new assignee (or none)',
  'ticket.status_changed': "A ticket's status changed",
  'ticket.escalated': 'A ticket reached the next escalation level',
  'sla.warning': '80 % of an SLA target elapsed',
  'sla.breached': 'An SLA target was missed',
  'ticket.resolved': 'A ticket was resolved with a root cause and an action taken',
  'ticket.reopened': 'A resolved (or recently closed) ticket was reopened',
  'comment.added': 'A comment (public reply or internal note) or a customer e-mail was added to a ticket',
  'csat.answered': 'The customer answered the CSAT survey (or added a comment to the answer)',
};

// ---- payloads ----

/** The ticket as it stood when the event was recorded (events recorded together share one snapshot). */
export const webhookTicketSchema = ticketViewSchema
  .pick({
    number: true,
    status: true,
    priority: true,
    kind: true,
    channel: true,
    captureType: true,
    score: true,
    title: true,
    comment: true,
    contact: true,
    branch: true,
    service: true,
    ruleId: true,
    assigneeId: true,
    escalationLevel: true,
    breached: true,
    feedbackId: true,
    linkedTicketNumber: true,
    reopenCount: true,
    createdAt: true,
    updatedAt: true,
    resolvedAt: true,
    closedAt: true,
  })
  .extend({ url: z.string().meta({ description: 'The ticket in the Closeloop web UI' }) })
  .meta({ id: 'WebhookTicket' });
export type WebhookTicket = z.infer<typeof webhookTicketSchema>;

export const webhookFeedbackSchema = z
  .object({
    id: z.string(),
    channel: channelSchema,
    type: captureTypeSchema,
    score: z.number().int(),
    comment: z.string().nullable(),
    contact: contactSchema,
    branch: z.string().nullable(),
    service: z.string().nullable(),
    externalId: z.string().nullable(),
    submittedAt: z.number().meta({ description: 'epoch milliseconds' }),
    receivedAt: z.number().meta({ description: 'epoch milliseconds' }),
  })
  .meta({ id: 'WebhookFeedback' });
export type WebhookFeedback = z.infer<typeof webhookFeedbackSchema>;

const reason = z.string().nullable();
const slaClock = z.enum(['firstResponse', 'resolution', 'nextReply']);
const ticketData = <T extends z.ZodRawShape>(shape: T) => z.object({ ticket: webhookTicketSchema, actor: actorSchema, ...shape });

/** `data` of each event type. */
export const WEBHOOK_DATA_SCHEMAS = {
  'feedback.received': z.object({ feedback: webhookFeedbackSchema }),
  'ticket.created': ticketData({ reason }),
  'ticket.assigned': ticketData({ from: z.string().nullable().meta({ description: 'Previous assignee (user id)' }), to: z.string().nullable().meta({ description: 'New assignee (user id); null = unassigned' }), reason }),
  'ticket.status_changed': ticketData({ from: ticketStatusSchema, to: ticketStatusSchema, reason }),
  'ticket.escalated': ticketData({ fromLevel: z.number().int(), toLevel: z.number().int(), reason }),
  'sla.warning': ticketData({ clock: slaClock }),
  'sla.breached': ticketData({ clock: slaClock }),
  'ticket.resolved': ticketData({ rootCauseId: z.string(), actionId: z.string(), note: z.string().nullable() }),
  'ticket.reopened': ticketData({ reason }),
  'comment.added': ticketData({
    comment: z.object({
      visibility: z.enum(['public', 'internal']),
      body: z.string(),
      source: z.enum(['agent', 'customer_email', 'unverified_email']).meta({ description: 'Written in Closeloop, or an e-mail from the customer (an unverified sender is an internal note)' }),
      autoReply: z.boolean().meta({ description: 'An automatic reply (out of office, bounce): it changed nothing' }),
    }),
  }),
  'csat.answered': ticketData({ csat: z.object({ score: z.number().int().min(1).max(5), comment: z.string().nullable(), reasonId: z.string().nullable() }) }),
} satisfies Record<WebhookEventType, z.ZodType>;

/** The body of one delivery: the same envelope for every type. */
export function webhookEnvelopeSchema<T extends WebhookEventType>(type: T) {
  return z
    .object({
      id: z.string().meta({ description: 'Unique per event (the same on every retry and redelivery): dedupe on it. Also the webhook-id header' }),
      type: z.literal(type),
      version: z.literal(WEBHOOK_PAYLOAD_VERSION).meta({ description: 'Payload version; a breaking change gets a new one' }),
      timestamp: z.string().meta({ description: 'When it happened (ISO time)' }),
      data: WEBHOOK_DATA_SCHEMAS[type],
    })
    .meta({ id: `Webhook_${type.replace('.', '_')}`, description: WEBHOOK_EVENT_DESCRIPTIONS[type] });
}

export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  version: typeof WEBHOOK_PAYLOAD_VERSION;
  timestamp: string;
  data: Record<string, unknown>;
}

// ---- from the ticket's timeline ----

export const ticketEventId = (ticketNumber: number, seq: number) => `evt_t${ticketNumber}_${seq}`;
export const ticketPartition = (ticketNumber: number) => `ticket:${ticketNumber}`;

export function webhookTicketOf(view: TicketView, publicUrl: string): WebhookTicket {
  // The schema keeps exactly the documented fields (zod strips the rest).
  return webhookTicketSchema.parse({ ...view, url: `${publicUrl}/tickets/${view.number}` });
}

const level = (s: string | null | undefined) => Number(/\d+/.exec(s ?? '')?.[0] ?? 0);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** The webhook event a timeline event stands for, or null when it has none (an AI analysis, a mail sent…). */
export function webhookEventOf(e: TimelineEvent, ticket: WebhookTicket): WebhookEvent | null {
  const base = { ticket, actor: e.actor };
  const d = e.data ?? {};
  const of = (type: WebhookEventType, data: Record<string, unknown>): WebhookEvent => ({
    id: ticketEventId(ticket.number, e.seq),
    type,
    version: WEBHOOK_PAYLOAD_VERSION,
    timestamp: new Date(e.at).toISOString(),
    data: { ...base, ...data },
  });
  switch (e.type) {
    case 'created':
      return of('ticket.created', { reason: e.reason ?? null });
    case 'assigned':
      return of('ticket.assigned', { from: e.from ?? null, to: e.to ?? null, reason: e.reason ?? null });
    case 'status_changed':
      return of('ticket.status_changed', { from: e.from, to: e.to, reason: e.reason ?? null });
    case 'escalated':
      return of('ticket.escalated', { fromLevel: level(e.from), toLevel: level(e.to), reason: e.reason ?? null });
    case 'sla_warning':
      return of('sla.warning', { clock: e.to });
    case 'sla_breached':
      return of('sla.breached', { clock: e.to });
    case 'resolved':
      return of('ticket.resolved', { rootCauseId: str(d.rootCauseId) ?? '', actionId: str(d.actionId) ?? '', note: str(d.note) });
    case 'reopened':
      return of('ticket.reopened', { reason: e.reason ?? null });
    case 'comment':
      return of('comment.added', { comment: { visibility: d.visibility === 'public' ? 'public' : 'internal', body: str(d.body) ?? '', source: d.unverifiedSender ? 'unverified_email' : 'agent', autoReply: false } });
    case 'email_in':
      return of('comment.added', { comment: { visibility: 'public', body: str(d.body) ?? '', source: 'customer_email', autoReply: d.autoReply === true } });
    case 'csat_answered':
      return of('csat.answered', { csat: { score: Number(e.to), comment: str(d.comment), reasonId: e.reason && e.reason !== 'comment added' ? e.reason : null } });
    default:
      return null;
  }
}

export const feedbackPartition = (feedbackId: string) => `feedback:${feedbackId}`;

export function feedbackReceivedEvent(id: string, feedback: WebhookFeedback): WebhookEvent {
  return { id, type: 'feedback.received', version: WEBHOOK_PAYLOAD_VERSION, timestamp: new Date(feedback.receivedAt).toISOString(), data: { feedback } };
}

// ---- subscriptions ----

export const webhookSubscriptionInputSchema = z.object({
  // The document says https only (the default: WEBHOOK_ALLOWED_TARGETS empty); the server also takes plain
  // http for a target that list names (refusedUrl in domain/webhook-target.ts), so it is not in the regex.
  url: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .max(2000)
    .meta({ pattern: '^https://', description: 'https:// (plain http only for hosts on WEBHOOK_ALLOWED_TARGETS); no credentials in it, no loopback, private or link-local address' }),
  description: z.string().trim().max(500).default(''),
  events: z.array(webhookEventTypeSchema).min(1, 'pick at least one event type').max(WEBHOOK_EVENT_TYPES.length),
});
export type WebhookSubscriptionInput = z.input<typeof webhookSubscriptionInputSchema>;

/** How a failing delivery is retried (Temporal's retry policy) before its subscription is paused. */
export interface WebhookRetry {
  maximumAttempts: number;
  initialIntervalMs: number;
  maximumIntervalMs: number;
}
