// The ticket's vocabulary shared by the workflow (authority), the projection and the API. Free of zod:
// the workflow bundle imports it, and every module it evaluates is paid for per cached ticket workflow.
// The zod schemas for what comes from outside are in domain/ticket-schemas.ts (checked against these
// types there).
import type { Calendar } from './business-time';
import type { CaptureType, Channel, Contact, Priority, TicketKind, TicketStatus } from './types';

export interface SlaTargets {
  firstResponseHours: number;
  resolutionHours: number;
  nextReplyHours: number | null;
}

export interface EscalationUser {
  userId: string;
  channel: 'email' | 'slack';
  slackTarget?: string;
}
export interface EscalationLevel {
  level: number;
  afterHours: number;
  users: EscalationUser[];
}

/** The id of a ticket's workflow (also in Temporal UI links). */
export const ticketWorkflowId = (number: number) => `ticket-${number}`;

/** Everything a ticket workflow starts from; decided by the intake rules. */
export interface TicketInput {
  number: number;
  feedbackId: string | null;
  createdAt: number; // epoch ms
  kind: TicketKind;
  priority: Priority;
  channel: Channel | null;
  captureType: CaptureType | null;
  score: number | null;
  comment: string | null;
  contact: Contact;
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
  /** The patches this ticket's workflow takes as applied without asking patched() (workflows/patch-baseline.ts);
   * absent on tickets started before baselines, which ask as they always did. */
  patchBaseline?: number;
}

/** The patch baseline new tickets and intakes are started with (workflows/patch-baseline.ts). */
export const PATCH_BASELINE = 1;

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

export interface Actor {
  id: string;
  name: string;
}
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
  'save_failed', // Postgres refused to save the ticket's changes (data: sqlState; never the text)
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

// ---- commands: the bodies of the ticket's updates (API schemas in ticket-schemas.ts, the workflow's
// validators in ticket-commands.ts) ----

export interface CommentCommand {
  body: string;
  visibility: 'public' | 'internal';
}
export interface StatusCommand {
  to: TicketStatus;
  reason?: string;
}
export interface AssignCommand {
  userId: string | null;
  /** Only if the ticket is still assigned to this user (null: unassigned). */
  expectedAssigneeId?: string | null;
}
export interface PriorityCommand {
  priority: Priority;
  reason?: string;
}
export interface ResolveCommand {
  rootCauseId: string;
  actionId: string;
  note?: string;
}
export interface ReopenCommand {
  reason?: string;
}

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
  /** NUL or unpaired surrogates in the mail were replaced by U+FFFD (mail/inbound.ts): said on the timeline. */
  textReplaced?: boolean;
}

export interface CsatAnswer {
  token: string;
  score: number; // 1–5
  comment?: string | null;
  reasonId?: string | null;
  answeredAt: number;
}
