// The ticket's state and every rule that changes it. Deterministic and free of Temporal APIs: the
// workflow feeds it commands and the current (workflow) time, then carries out the effects it queues.
import { DomainError } from '../domain/errors';
import { allowedTransitions, assertTransition, canTransition, isOpen } from '../domain/lifecycle';
import type {
  Actor,
  AssignCommand,
  CommentCommand,
  CsatAnswer,
  CustomerMessage,
  PriorityCommand,
  ReopenCommand,
  ResolveCommand,
  StatusCommand,
  TicketInput,
  TimelineEvent,
  TimelineEventType,
  WithActor,
} from '../domain/ticket';
import { SYSTEM_ACTOR } from '../domain/ticket';
import type { Priority, TicketStatus } from '../domain/types';
import { upgradeAnalysis } from '../domain/ai';
import { Clocks, type ClockKind, type ClocksData } from '../domain/sla';
import { businessTimeBetween } from '../domain/business-time';
import type { AiView, SlaOutcome, TicketView } from './ticket-view';

export type Effect =
  | { type: 'analyse'; reason: string; message?: string }
  | { type: 'notify_escalation'; level: number; users: TicketInput['escalationChain'][number]['users'] }
  | { type: 'notify_unassigned' }
  | { type: 'send_reply'; seq: number; body: string; actor: Actor }
  | { type: 'send_csat' }
  | { type: 'send_csat_reminder' }
  | { type: 'send_advocacy_ask' }
  | { type: 'notify_assignee'; reason: string };

export interface TicketData {
  input: TicketInput;
  status: TicketStatus;
  priority: Priority;
  assigneeId: string | null;
  escalationLevel: number;
  lastEscalatedAt: number | null;
  reopenedAt: number | null;
  escalationExhausted: boolean;
  clocks: ClocksData;
  breached: boolean;
  seq: number;
  projectedSeq: number;
  events: TimelineEvent[]; // events not yet projected to Postgres
  seenMessageIds: string[];
  rootCauseId: string | null;
  actionId: string | null;
  resolutionNote: string | null;
  ai: AiView | null;
  csat: TicketView['csat'];
  csatToken: string | null;
  /** Answers clicked before the survey was recorded as sent (the mail leaves inside the activity). */
  earlyCsatAnswers?: CsatAnswer[];
  reopenCount: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  version: number;
  lastActor: Actor | null;
  effects: Effect[];
  /** When the one CSAT reminder is due (setting tickets.csatReminder); absent in older tickets. */
  csatReminderAt?: number | null;
  /** Set when the ticket closes: until when a customer reply still reopens it, and until when the
   * workflow keeps listening (for that, and for the comment that may follow a one-click CSAT answer). */
  afterClose?: { reopenUntil: number; listenUntil: number; reopenable: boolean } | null;
  // Bookkeeping for reports (changes nothing the workflow does). Absent in state carried over by
  // continue-as-new before they existed: restore() fills them in from what is there.
  slaOutcome: SlaOutcome;
  maxEscalationLevel: number;
}

const MAX_SEEN_MESSAGE_IDS = 1000;
const MAX_EARLY_CSAT_ANSWERS = 5; // forged tokens cannot grow the state
const DAY = 86_400_000;
/** How long after a CSAT answer closed the ticket its optional comment is still accepted. */
export const CSAT_COMMENT_GRACE_MS = DAY;

export class TicketState {
  /** Whether a closed ticket keeps listening (reopen window, CSAT comment); the workflow sets it (a patch). */
  listenAfterClose = false;
  /** Judge the reopen window by the clock, not by the last tick (patched: a reopen or a reply could land
   * in the same workflow task as the window's end timer, before the tick that closes it). */
  reopenWindowByClock = false;

  private constructor(readonly d: TicketData) {}

  static create(input: TicketInput): TicketState {
    const now = input.createdAt;
    const s = new TicketState({
      input,
      status: 'new',
      priority: input.priority,
      assigneeId: input.assigneeId,
      escalationLevel: 0,
      lastEscalatedAt: null,
      reopenedAt: null,
      escalationExhausted: false,
      clocks: Clocks.start(input.slaTargets, input.priority, now, input.calendar),
      breached: false,
      seq: 0,
      projectedSeq: 0,
      events: [],
      seenMessageIds: [],
      rootCauseId: null,
      actionId: null,
      resolutionNote: null,
      ai: null,
      csat: null,
      csatToken: null,
      reopenCount: 0,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      updatedAt: now,
      version: 0,
      lastActor: null,
      effects: [],
      slaOutcome: { firstResponse: null, resolution: null },
      maxEscalationLevel: 0,
    });
    s.event('created', SYSTEM_ACTOR, now, { to: 'new', reason: input.ruleName ? `rule "${input.ruleName}"` : null, data: { priority: input.priority, assigneeId: input.assigneeId } });
    if (input.assigneeId) s.event('assigned', SYSTEM_ACTOR, now, { to: input.assigneeId, reason: 'assignment strategy' });
    else if (input.escalationChain.length) s.d.effects.push({ type: 'notify_unassigned' });
    s.d.effects.push({ type: 'analyse', reason: 'new ticket' });
    if (input.kind === 'advocacy' && input.contact.email) s.d.effects.push({ type: 'send_advocacy_ask' });
    if (input.repeatDetractor && input.escalationChain.length) s.escalate(now, 'repeat detractor: two or more low scores within 90 days');
    return s;
  }

  static restore(data: TicketData): TicketState {
    const s = new TicketState(data);
    data.maxEscalationLevel ??= data.escalationLevel;
    if (!data.slaOutcome) {
      data.slaOutcome = { firstResponse: null, resolution: null };
      s.recordSlaOutcomes();
    }
    return s;
  }

  get status() {
    return this.d.status;
  }

  // ---- validators: synchronous, throw DomainError before anything enters history ----

  validateStatus(cmd: StatusCommand) {
    if (cmd.to === 'resolved') throw new DomainError('INVALID_INPUT', 'Use resolve, which needs a root cause and an action taken');
    if (cmd.to === 'reopened') throw new DomainError('INVALID_INPUT', 'Use reopen to reopen a ticket');
    if (cmd.to === 'closed') throw new DomainError('ILLEGAL_TRANSITION', 'Tickets close when the follow-up window ends', { from: this.d.status, to: cmd.to, allowed: this.manualTransitions() });
    // Same verdict as the table; the 409 lists only the moves an agent can make (never "closed").
    if (!canTransition(this.d.status, cmd.to)) throw new DomainError('ILLEGAL_TRANSITION', `A ${this.d.status} ticket cannot move to ${cmd.to}`, { from: this.d.status, to: cmd.to, allowed: this.manualTransitions() });
  }
  validateOpen(what: string) {
    if (this.d.status === 'closed') throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${what} a closed ticket`, { from: 'closed', allowed: [] });
  }
  validateResolve(cmd: ResolveCommand, known: { rootCauses: string[]; actions: string[] } | null) {
    if (!cmd.rootCauseId || !cmd.actionId) throw new DomainError('INVALID_INPUT', 'Resolving needs a root cause and an action taken');
    if (known && !known.rootCauses.includes(cmd.rootCauseId)) throw new DomainError('INVALID_INPUT', `Unknown root cause ${cmd.rootCauseId}`);
    if (known && !known.actions.includes(cmd.actionId)) throw new DomainError('INVALID_INPUT', `Unknown action ${cmd.actionId}`);
    assertTransition(this.d.status, 'resolved');
  }
  validateReopen(now: number) {
    if (this.d.status === 'closed' && !this.reopenableAt(now)) throw new DomainError('ILLEGAL_TRANSITION', 'The reopen window of this closed ticket has passed', { from: 'closed', to: 'reopened', allowed: [] });
    assertTransition(this.d.status, 'reopened');
  }

  // ---- commands ----

  addComment(cmd: WithActor<CommentCommand>, now: number) {
    this.event('comment', cmd.actor, now, { data: { visibility: cmd.visibility, body: cmd.body } });
    if (cmd.visibility === 'public') {
      const seq = this.d.seq;
      this.d.effects.push({ type: 'send_reply', seq, body: cmd.body, actor: cmd.actor });
      if (this.d.firstRespondedAt === null) this.d.firstRespondedAt = now;
      this.meet('firstResponse', now);
      this.meet('nextReply', now);
      if (this.d.status === 'new' || this.d.status === 'reopened') this.moveTo('in_progress', cmd.actor, now, 'public reply');
    }
  }

  changeStatus(cmd: WithActor<StatusCommand>, now: number) {
    this.moveTo(cmd.to, cmd.actor, now, cmd.reason ?? null);
  }

  assign(cmd: WithActor<AssignCommand>, now: number) {
    if (cmd.userId === this.d.assigneeId) return;
    this.event('assigned', cmd.actor, now, { from: this.d.assigneeId, to: cmd.userId });
    this.d.assigneeId = cmd.userId;
  }

  changePriority(cmd: WithActor<PriorityCommand>, now: number) {
    if (cmd.priority === this.d.priority) return;
    this.event('priority_changed', cmd.actor, now, { from: this.d.priority, to: cmd.priority, reason: cmd.reason ?? null });
    this.d.priority = cmd.priority;
    // Due times are re-computed from each clock's start with the new multiplier.
    Clocks.reprioritise(this.d.clocks, this.d.input.slaTargets, cmd.priority, this.d.input.calendar);
    this.evaluateClocks(now);
  }

  resolve(cmd: WithActor<ResolveCommand>, now: number) {
    this.moveTo('resolved', cmd.actor, now, cmd.note ?? null);
    this.d.rootCauseId = cmd.rootCauseId;
    this.d.actionId = cmd.actionId;
    this.d.resolutionNote = cmd.note ?? null;
    this.d.resolvedAt = now;
    this.event('resolved', cmd.actor, now, { data: { rootCauseId: cmd.rootCauseId, actionId: cmd.actionId, note: cmd.note ?? null } });
    Clocks.stopAll(this.d.clocks, now);
    this.recordSlaOutcomes();
    if (this.d.input.csatSurvey && this.d.input.contact.email) this.d.effects.push({ type: 'send_csat' });
  }

  reopen(cmd: WithActor<ReopenCommand>, now: number) {
    this.reopenBecause(cmd.actor, now, cmd.reason ?? 'reopened by agent');
  }

  /** Inbound email or a logged contact; deduped by Message-ID. Returns false for a duplicate. */
  customerMessage(msg: CustomerMessage, now: number): boolean {
    if (this.d.seenMessageIds.includes(msg.messageId)) return false;
    this.d.seenMessageIds = [...this.d.seenMessageIds, msg.messageId].slice(-MAX_SEEN_MESSAGE_IDS);
    if (!msg.verifiedSender) {
      this.event('comment', SYSTEM_ACTOR, now, { reason: 'unverified sender', data: { visibility: 'internal', body: msg.body, from: msg.from, subject: msg.subject, messageId: msg.messageId, unverifiedSender: true, attachments: msg.attachments, ...(msg.quoted ? { quoted: msg.quoted } : {}) } });
      return true;
    }
    this.event('email_in', { id: `customer:${msg.from ?? ''}`, name: this.d.input.contact.name ?? msg.from ?? 'Customer' }, now, {
      reason: msg.autoReply ? 'auto-reply (ignored for status)' : null,
      data: { body: msg.body, from: msg.from, subject: msg.subject, messageId: msg.messageId, autoReply: msg.autoReply, attachments: msg.attachments, ...(msg.quoted ? { quoted: msg.quoted } : {}) },
    });
    if (msg.autoReply || (this.d.status === 'closed' && !this.reopenableAt(now))) return true;
    const customer: Actor = { id: 'customer', name: this.d.input.contact.name ?? 'Customer' };
    if (this.d.status === 'pending_customer') this.moveTo('in_progress', customer, now, 'customer replied');
    else if (this.d.status === 'resolved') this.reopenBecause(customer, now, 'customer replied after resolution');
    else if (this.d.status === 'closed') this.reopenBecause(customer, now, 'customer replied within the reopen window');
    Clocks.startNextReply(this.d.clocks, this.d.input.slaTargets, this.d.priority, now, this.d.input.calendar);
    this.d.effects.push({ type: 'analyse', reason: 'new customer message', message: msg.body });
    return true;
  }

  /** With `holdEarly`, an answer that beats the survey's bookkeeping is kept until markCsatSent. */
  csatAnswer(a: CsatAnswer, now: number, holdEarly = false) {
    if (!this.d.csat && holdEarly && this.d.status === 'resolved') {
      this.d.earlyCsatAnswers = [...(this.d.earlyCsatAnswers ?? []), a].slice(-MAX_EARLY_CSAT_ANSWERS);
      return;
    }
    if (!this.d.csat || a.token !== this.d.csatToken) return;
    if (this.d.status === 'closed' && this.d.csat.answeredAt === null) return; // the follow-up window is over
    if (this.d.csat.answeredAt !== null) {
      // The score is single-use; the optional comment (and reason) may follow the one-click answer.
      if ((a.comment || a.reasonId) && !this.d.csat.comment && !this.d.csat.reasonId) {
        this.d.csat = { ...this.d.csat, comment: a.comment ?? null, reasonId: a.reasonId ?? null };
        this.event('csat_answered', { id: 'customer', name: this.d.input.contact.name ?? 'Customer' }, now, { to: String(this.d.csat.score), reason: a.reasonId ?? 'comment added', data: { comment: a.comment ?? null } });
      }
      return;
    }
    const recovered = a.score >= 4;
    this.d.csatReminderAt = null;
    this.d.csat = { ...this.d.csat, score: a.score, answeredAt: now, recovered, comment: a.comment ?? null, reasonId: a.reasonId ?? null };
    this.event('csat_answered', { id: 'customer', name: this.d.input.contact.name ?? 'Customer' }, now, { to: String(a.score), reason: a.reasonId ?? null, data: { comment: a.comment ?? null } });
    if (a.score <= 2 && this.d.status === 'resolved') {
      this.reopenBecause(SYSTEM_ACTOR, now, 'unhappy CSAT answer');
      if (this.d.assigneeId) this.d.effects.push({ type: 'notify_assignee', reason: `unhappy CSAT answer (${a.score}/5)` });
    }
    else if (recovered && this.d.status === 'resolved') this.close(now, 'satisfied CSAT answer');
  }

  // ---- the passage of time ----

  /** Advance everything due by `now`: SLA warnings and breaches, escalation, follow-up close. */
  tick(now: number) {
    this.evaluateClocks(now);
    const due = this.escalationDueAt();
    if (due !== null && now >= due) this.escalate(now, 'unresolved past the escalation step');
    const remindAt = this.csatReminderDueAt();
    if (remindAt !== null && now >= remindAt) {
      this.d.csatReminderAt = null;
      this.d.effects.push({ type: 'send_csat_reminder' });
    }
    const closeAt = this.followUpCloseAt();
    if (closeAt !== null && now >= closeAt) this.close(now, this.d.csat?.sentAt ? 'no CSAT answer within the follow-up window' : 'follow-up window ended');
    const after = this.d.afterClose;
    if (this.d.status === 'closed' && after?.reopenable && now >= after.reopenUntil) this.d.afterClose = { ...after, reopenable: false };
  }

  /** The next instant anything changes on its own, with a readable reason for the timer summary. */
  nextWake(): { at: number; what: string } | null {
    const candidates: Array<{ at: number | null; what: string }> = [
      ...Clocks.deadlines(this.d.clocks, isOpen(this.d.status)),
      { at: this.escalationDueAt(), what: `escalate to L${this.d.escalationLevel + 1}` },
      { at: this.csatReminderDueAt(), what: 'send the CSAT reminder' },
      { at: this.followUpCloseAt(), what: 'close after follow-up window' },
      ...this.afterCloseDeadlines(),
    ];
    let best: { at: number; what: string } | null = null;
    for (const c of candidates) if (c.at !== null && (best === null || c.at < best.at)) best = { at: c.at, what: c.what };
    return best;
  }

  /** With `remind`, one reminder falls due halfway between the survey and the end of the follow-up window. */
  markCsatSent(token: string, now: number, remind = false) {
    this.d.csatToken = token;
    this.d.csat = { sentAt: now, score: null, answeredAt: null, recovered: null, comment: null, reasonId: null };
    this.event('csat_sent', SYSTEM_ACTOR, now, {});
    const closeAt = this.followUpCloseAt();
    this.d.csatReminderAt = remind && closeAt !== null && closeAt > now ? now + Math.floor((closeAt - now) / 2) : null;
    const early = (this.d.earlyCsatAnswers ?? []).filter((a) => a.token === token);
    this.d.earlyCsatAnswers = [];
    for (const a of early) this.csatAnswer(a, now);
  }

  // ---- after closing: the reopen window (setting tickets.reopenWindowDays) ----

  /** A closed ticket whose workflow may finish: nothing more can change it. */
  isSettled(now: number): boolean {
    return this.d.status === 'closed' && (!this.d.afterClose || now >= this.d.afterClose.listenUntil);
  }

  get reopenable(): boolean {
    return this.d.status === 'closed' && !!this.d.afterClose?.reopenable;
  }

  reopenableAt(now: number): boolean {
    return this.reopenable && (!this.reopenWindowByClock || now < this.d.afterClose!.reopenUntil);
  }

  recordAi(ai: AiView, now: number) {
    this.d.ai = ai;
    this.event('ai_analysed', SYSTEM_ACTOR, now, {
      reason: ai.fallbackReason ? `model not used: ${ai.fallbackReason}` : null,
      data: { source: ai.source, sentiment: ai.sentiment, urgency: ai.urgency, churnRisk: ai.churnRisk, slaAtRisk: ai.slaAtRisk, themes: ai.themes },
    });
  }

  recordEffect(type: TimelineEventType, now: number, data: Record<string, unknown>, reason: string | null = null) {
    this.event(type, SYSTEM_ACTOR, now, { data, reason });
  }

  takeEffects(): Effect[] {
    const e = this.d.effects;
    this.d.effects = [];
    return e;
  }

  /** Events since the last successful projection. */
  unprojected(): TimelineEvent[] {
    return this.d.events.filter((e) => e.seq > this.d.projectedSeq);
  }
  markProjected(seq: number) {
    if (seq > this.d.projectedSeq) this.d.projectedSeq = seq;
    this.d.events = this.d.events.filter((e) => e.seq > this.d.projectedSeq);
  }

  view(): TicketView {
    const d = this.d;
    const i = d.input;
    return {
      number: i.number,
      workflowId: `ticket-${i.number}`,
      feedbackId: i.feedbackId,
      status: d.status,
      priority: d.priority,
      kind: i.kind,
      channel: i.channel,
      captureType: i.captureType,
      score: i.score,
      title: titleOf(i),
      comment: i.comment,
      contact: i.contact,
      branch: i.branch,
      service: i.service,
      ruleId: i.ruleId,
      assigneeId: d.assigneeId,
      escalationLevel: d.escalationLevel,
      escalationExhausted: d.escalationExhausted,
      breached: d.breached,
      sla: Clocks.view(d.clocks),
      allowedTransitions: this.manualTransitions(),
      rootCauseId: d.rootCauseId,
      actionId: d.actionId,
      resolutionNote: d.resolutionNote,
      ai: d.ai && upgradeAnalysis(d.ai),
      csat: d.csat,
      reopenCount: d.reopenCount,
      linkedTicketNumber: i.linkedTicketNumber ?? null,
      replyToken: i.replyToken ?? null,
      createdAt: i.createdAt,
      updatedAt: d.updatedAt,
      firstRespondedAt: d.firstRespondedAt,
      resolvedAt: d.resolvedAt,
      closedAt: d.closedAt,
      lastActor: d.lastActor,
      version: d.version,
      metrics: {
        firstResponseBusinessMs: d.firstRespondedAt === null ? null : businessTimeBetween(i.createdAt, d.firstRespondedAt, i.calendar),
        resolutionBusinessMs: d.resolvedAt === null ? null : businessTimeBetween(i.createdAt, d.resolvedAt, i.calendar),
        firstResponseSla: d.slaOutcome.firstResponse,
        resolutionSla: d.slaOutcome.resolution,
        maxEscalationLevel: d.maxEscalationLevel,
        repeatDetractor: i.repeatDetractor,
      },
    };
  }

  // ---- internals ----

  private manualTransitions(): TicketStatus[] {
    if (this.d.status === 'closed' && !this.reopenable) return [];
    return allowedTransitions(this.d.status).filter((s) => s !== 'closed');
  }

  private event(type: TimelineEventType, actor: Actor, at: number, e: Partial<Pick<TimelineEvent, 'from' | 'to' | 'reason' | 'data'>>) {
    this.d.seq += 1;
    this.d.events.push({ seq: this.d.seq, type, actor, at, from: e.from ?? null, to: e.to ?? null, reason: e.reason ?? null, data: e.data ?? null });
    this.d.updatedAt = at;
    this.d.version += 1;
    if (actor.id !== SYSTEM_ACTOR.id) this.d.lastActor = actor;
  }

  private moveTo(to: TicketStatus, actor: Actor, now: number, reason: string | null) {
    const from = this.d.status;
    if (from === to) return;
    assertTransition(from, to);
    this.d.status = to;
    this.event('status_changed', actor, now, { from, to, reason });
    if (this.d.input.settings.pauseResolutionWhilePending) {
      if (to === 'pending_customer') Clocks.pause(this.d.clocks, 'resolution', now, this.d.input.calendar);
      else if (from === 'pending_customer') Clocks.resume(this.d.clocks, 'resolution', now, this.d.input.calendar);
    }
  }

  private reopenBecause(actor: Actor, now: number, reason: string) {
    this.moveTo('reopened', actor, now, reason);
    this.recordSlaOutcomes();
    // A breach stays on record; a met resolution no longer holds once the ticket is open again.
    if (this.d.slaOutcome.resolution === 'met') this.d.slaOutcome.resolution = null;
    this.d.reopenCount += 1;
    this.d.resolvedAt = null;
    this.d.breached = false;
    this.d.escalationLevel = 0;
    this.d.lastEscalatedAt = null;
    this.d.escalationExhausted = false;
    // A reopened ticket gets fresh timers from now, not the stale ones of its first life.
    this.d.clocks = Clocks.start(this.d.input.slaTargets, this.d.priority, now, this.d.input.calendar);
    this.d.reopenedAt = now;
    this.d.closedAt = null;
    this.d.afterClose = null;
    this.d.csatReminderAt = null;
    this.event('reopened', actor, now, { reason });
  }

  private close(now: number, reason: string) {
    this.moveTo('closed', SYSTEM_ACTOR, now, reason);
    this.d.closedAt = now;
    this.event('closed', SYSTEM_ACTOR, now, { reason });
    // Keep listening through the reopen window and for the comment a one-click CSAT answer may bring.
    const reopenUntil = now + this.d.input.settings.reopenWindowDays * DAY;
    const listenUntil = Math.max(reopenUntil, this.csatCommentUntil());
    if (this.listenAfterClose && listenUntil > now) this.d.afterClose = { reopenUntil, listenUntil, reopenable: reopenUntil > now };
  }

  private meet(kind: ClockKind, now: number) {
    if (Clocks.meet(this.d.clocks, kind, now)) this.event('sla_met', SYSTEM_ACTOR, now, { to: kind });
    this.recordSlaOutcomes();
  }

  /** Sticky per-clock outcome across reopenings: a breach in any life counts, else the first met. */
  private recordSlaOutcomes() {
    const o = this.d.slaOutcome;
    for (const kind of ['firstResponse', 'resolution'] as const) {
      const state = this.d.clocks[kind].state;
      if (state === 'breached') o[kind] = 'breached';
      else if (state === 'met' && o[kind] === null) o[kind] = 'met';
    }
  }

  private evaluateClocks(now: number) {
    const open = isOpen(this.d.status);
    for (const change of Clocks.evaluate(this.d.clocks, now, open)) {
      if (change.state === 'warning') this.event('sla_warning', SYSTEM_ACTOR, now, { to: change.kind, reason: '80 % of the target elapsed' });
      if (change.state === 'breached') {
        this.d.breached = true;
        this.recordSlaOutcomes();
        this.event('sla_breached', SYSTEM_ACTOR, now, { to: change.kind });
      }
    }
  }

  private escalationStart(): number {
    return this.d.lastEscalatedAt ?? this.d.reopenedAt ?? this.d.input.createdAt;
  }

  private escalationDueAt(): number | null {
    if (!isOpen(this.d.status) || this.d.escalationExhausted) return null;
    const next = this.d.input.escalationChain.find((l) => l.level === this.d.escalationLevel + 1);
    if (!next) return null;
    return Clocks.addBusiness(this.escalationStart(), next.afterHours * 3_600_000 * Clocks.multiplier(this.d.priority), this.d.input.calendar);
  }

  private escalate(now: number, reason: string) {
    const chain = this.d.input.escalationChain;
    const next = chain.find((l) => l.level === this.d.escalationLevel + 1);
    if (!next) return;
    const from = this.d.escalationLevel;
    this.d.escalationLevel = next.level;
    this.d.maxEscalationLevel = Math.max(this.d.maxEscalationLevel, next.level);
    this.d.lastEscalatedAt = now;
    this.event('escalated', SYSTEM_ACTOR, now, { from: `L${from}`, to: `L${next.level}`, reason });
    if (this.d.status !== 'escalated' && allowedTransitions(this.d.status).includes('escalated')) this.moveTo('escalated', SYSTEM_ACTOR, now, reason);
    const owner = next.users[0]?.userId ?? null;
    if (owner && owner !== this.d.assigneeId) {
      this.event('assigned', SYSTEM_ACTOR, now, { from: this.d.assigneeId, to: owner, reason: `escalation L${next.level}` });
      this.d.assigneeId = owner;
    }
    this.d.effects.push({ type: 'notify_escalation', level: next.level, users: next.users });
    // The last level stays put: report the exhausted chain once instead of looping.
    if (!chain.some((l) => l.level === next.level + 1)) {
      this.d.escalationExhausted = true;
      this.event('escalation_exhausted', SYSTEM_ACTOR, now, { to: `L${next.level}`, reason: 'last level of the escalation chain reached' });
    }
  }

  private followUpCloseAt(): number | null {
    if (this.d.status !== 'resolved' || this.d.resolvedAt === null) return null;
    return this.d.resolvedAt + this.d.input.settings.followUpDays * DAY;
  }

  private csatReminderDueAt(): number | null {
    if (this.d.status !== 'resolved' || !this.d.csat || this.d.csat.answeredAt !== null) return null;
    return this.d.csatReminderAt ?? null;
  }

  /** Until when the optional comment after a one-click CSAT answer is still expected (0: none). */
  private csatCommentUntil(): number {
    const c = this.d.csat;
    return c && c.answeredAt !== null && !c.comment && !c.reasonId ? c.answeredAt + CSAT_COMMENT_GRACE_MS : 0;
  }

  private afterCloseDeadlines(): Array<{ at: number | null; what: string }> {
    const a = this.d.afterClose;
    if (this.d.status !== 'closed' || !a) return [];
    return [
      { at: a.reopenable ? a.reopenUntil : null, what: 'end of the reopen window' },
      { at: a.listenUntil, what: 'stop listening to the closed ticket' },
    ];
  }
}

function titleOf(i: TicketInput): string {
  const who = i.contact.name ?? i.contact.email ?? 'Customer';
  const score = i.captureType && i.score !== null ? `${i.captureType.toUpperCase()} ${i.score}` : 'Feedback';
  const text = i.comment ? `: ${i.comment.slice(0, 80)}${i.comment.length > 80 ? '…' : ''}` : '';
  return `${score} from ${who}${text}`;
}
