// The ticket's vocabulary shared by the workflow (authority), the projection and the API.
import { z } from 'zod';
import type { Calendar } from './business-time';
import { captureTypeSchema, channelSchema, contactSchema, prioritySchema, ticketKindSchema, ticketStatusSchema } from './types';

export const slaTargetsSchema = z.object({
  firstResponseHours: z.number().positive(),
  resolutionHours: z.number().positive(),
  nextReplyHours: z.number().positive().nullable().default(null),
});
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

export const escalationUserSchema = z.object({
  userId: z.string(),
  channel: z.enum(['email', 'slack']),
  slackTarget: z.string().optional(),
});
export const escalationLevelSchema = z.object({
  level: z.number().int().min(1),
  afterHours: z.number().positive(),
  users: z.array(escalationUserSchema).min(1),
});
export type EscalationLevel = z.infer<typeof escalationLevelSchema>;

/** The id of a ticket's workflow (also in Temporal UI links). */
export const ticketWorkflowId = (number: number) => `ticket-${number}`;

/** Everything a ticket workflow starts from; decided by the intake rules. */
export interface TicketInput {
  number: number;
  feedbackId: string | null;
  createdAt: number; // epoch ms
  kind: z.infer<typeof ticketKindSchema>;
  priority: z.infer<typeof prioritySchema>;
  channel: z.infer<typeof channelSchema> | null;
  captureType: z.infer<typeof captureTypeSchema> | null;
  score: number | null;
  comment: string | null;
  contact: z.infer<typeof contactSchema>;
  branch: string | null;
  service: string | null;
  ruleId: string | null;
  ruleName: string | null;
  assigneeId: string | null;
  slaTargets: SlaTargets;
  calendar: Calendar | null; // the branch's business hours; null = around the clock
  escalationChain: EscalationLevel[];
  settings: TicketSettings;
  repeatDetractor: boolean;
  csatSurvey: boolean;
  linkedTicketNumber?: number | null;
  /** Unguessable token in the Reply-To of the ticket's mail (support+<token>@…); absent on older tickets. */
  replyToken?: string | null;
  /** The customer's language (BCP 47) from the feedback; absent on older tickets (then the branch
   * default, then English: domain/i18n). */
  locale?: string | null;
  /** Continue-as-new threshold (history events); lowered in tests to exercise the hand-over. */
  maxHistoryEvents?: number;
}

export interface TicketSettings {
  pauseResolutionWhilePending: boolean;
  followUpDays: number; // CSAT answer window; no answer closes the ticket
  /** After closing, a customer reply reopens the ticket for this many days; later (and with 0, as in
   * Zendesk) it opens a new ticket linked to the closed one. */
  reopenWindowDays: number;
  csatReminder: boolean; // one reminder halfway through the follow-up window
  /** Minutes a customer may change their CSAT answer; it takes effect after them (domain/csat.ts).
   * Absent in tickets started before the setting: 15. */
  csatChangeMinutes?: number;
}

export const DEFAULT_TICKET_SETTINGS: TicketSettings = {
  pauseResolutionWhilePending: true,
  followUpDays: 7,
  reopenWindowDays: 0,
  csatReminder: false,
  csatChangeMinutes: 15,
};

export const actorSchema = z.object({ id: z.string(), name: z.string() });
export type Actor = z.infer<typeof actorSchema>;
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Closeloop' };

export const TIMELINE_EVENT_TYPES = [
  'created',
  'status_changed',
  'assigned',
  'assignment_skipped',
  'priority_changed',
  'comment',
  'escalated',
  'escalation_exhausted',
  'sla_warning',
  'sla_breached',
  'sla_met',
  'ai_analysed',
  'email_in',
  'email_out',
  'notification_sent',
  'csat_sent',
  'csat_answered',
  'resolved',
  'reopened',
  'closed',
  'advocacy_ask',
  'google_reply',
  'google_reply_deleted',
  'google_rating_changed',
] as const;
export type TimelineEventType = (typeof TIMELINE_EVENT_TYPES)[number];

export interface TimelineEvent {
  seq: number;
  type: TimelineEventType;
  actor: Actor;
  at: number;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  data?: Record<string, unknown> | null;
}

// ---- commands (API body schemas; the same schemas run in the workflow's update validators) ----

export const commentCommandSchema = z.object({
  body: z.string().trim().min(1, 'body must not be empty').max(20_000),
  visibility: z.enum(['public', 'internal']),
});
export const statusCommandSchema = z.object({ to: ticketStatusSchema, reason: z.string().max(2000).optional() });
export const assignCommandSchema = z.object({
  userId: z.string().min(1).nullable(),
  expectedAssigneeId: z.string().min(1).nullable().optional().describe('Only if the ticket is still assigned to this user (null: unassigned); 409 otherwise. An agent\'s take always carries it'),
});
export const priorityCommandSchema = z.object({ priority: prioritySchema, reason: z.string().max(2000).optional() });
export const resolveCommandSchema = z.object({
  rootCauseId: z.string().min(1, 'a root cause is required'),
  actionId: z.string().min(1, 'an action taken is required'),
  note: z.string().max(20_000).optional(),
});
export const reopenCommandSchema = z.object({ reason: z.string().max(2000).optional() });

export type CommentCommand = z.infer<typeof commentCommandSchema>;
export type StatusCommand = z.infer<typeof statusCommandSchema>;
export type AssignCommand = z.infer<typeof assignCommandSchema>;
export type PriorityCommand = z.infer<typeof priorityCommandSchema>;
export type ResolveCommand = z.infer<typeof resolveCommandSchema>;
export type ReopenCommand = z.infer<typeof reopenCommandSchema>;

/** Every update carries who asked; the API fills it from the session. */
export type WithActor<T> = T & { actor: Actor };

/** The Google reviewer changed the rating of the review behind a ticket (seen by the reviews poll). */
export interface GoogleRatingChange {
  reviewId: string;
  from: number;
  to: number;
  /** The review's updateTime: with the review id, what makes a repeated notice a duplicate. */
  updateTime: string;
}

export interface CustomerMessage {
  messageId: string; // dedupe key (RFC 5322 Message-ID, or a generated id for logged contacts)
  from: string | null;
  subject: string | null;
  body: string;
  verifiedSender: boolean;
  autoReply: boolean;
  attachments: Array<{ id: string; filename: string; contentType: string; size: number; stored?: boolean; original?: boolean }>; // stored: false = over the size cap; original: the raw message
  /** The quoted history cut from the body, for "show quoted text" (capped; the original has it all). */
  quoted?: string;
  receivedAt: number;
}

export interface CsatAnswer {
  token: string;
  score: number; // 1–5
  comment?: string | null;
  reasonId?: string | null;
  answeredAt: number;
}
