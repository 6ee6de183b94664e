// The live state of a ticket as the workflow's query returns it (and the read model stores it).
import type { Actor, TicketInput } from '../domain/ticket';
import type { Analysis, SimilarTicket } from '../domain/ai';
import type { Priority, TicketKind, TicketStatus } from '../domain/types';

export type ClockState = 'running' | 'warning' | 'breached' | 'met';

export interface ClockView {
  startedAt: number;
  targetMs: number;
  dueAt: number | null; // null while paused (it moves when the clock resumes)
  warnAt: number | null;
  state: ClockState;
  paused: boolean;
  pausedMs: number;
  metAt: number | null;
}

/** The AI analysis of a ticket (model or local analyser), with what was sent for an admin to audit. */
export interface AiView extends Analysis {
  slaAtRisk: boolean;
  similar: SimilarTicket[];
  source: 'llm' | 'local';
  analysedAt: string;
  sentText?: string | null; // the redacted text that left the process (null when nothing was sent)
  fallbackReason?: string | null; // why the model's answer was not used, when a model is configured
  attempts?: number; // model calls made
}

/** How an SLA clock ended up: breached in any life of the ticket, else met; null while undecided. */
export type SlaOutcome = { firstResponse: 'met' | 'breached' | null; resolution: 'met' | 'breached' | null };

/** Facts derived from the state for reports (projected into the read model's report columns). */
export interface TicketMetrics {
  firstResponseBusinessMs: number | null; // creation → first public reply, in the branch's business hours
  resolutionBusinessMs: number | null; // creation → (latest) resolution, in business hours
  firstResponseSla: SlaOutcome['firstResponse'];
  resolutionSla: SlaOutcome['resolution'];
  maxEscalationLevel: number; // escalationLevel resets on reopen; this does not
  repeatDetractor: boolean;
}

export interface TicketView {
  number: number;
  workflowId: string;
  feedbackId: string | null;
  status: TicketStatus;
  priority: Priority;
  kind: TicketKind;
  channel: TicketInput['channel'];
  captureType: TicketInput['captureType'];
  score: number | null;
  title: string;
  comment: string | null;
  contact: TicketInput['contact'];
  branch: string | null;
  service: string | null;
  ruleId: string | null;
  assigneeId: string | null;
  escalationLevel: number;
  escalationExhausted: boolean;
  breached: boolean;
  sla: { firstResponse: ClockView; resolution: ClockView; nextReply: ClockView | null };
  allowedTransitions: TicketStatus[];
  rootCauseId: string | null;
  actionId: string | null;
  resolutionNote: string | null;
  ai: AiView | null;
  csat: { sentAt: number | null; score: number | null; answeredAt: number | null; recovered: boolean | null; comment?: string | null; reasonId?: string | null } | null;
  reopenCount: number;
  linkedTicketNumber: number | null;
  replyToken: string | null;
  createdAt: number;
  updatedAt: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  lastActor: Actor | null;
  version: number;
  metrics: TicketMetrics;
}
