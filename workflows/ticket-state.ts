// The ticket's state and every rule that changes it. Deterministic and free of Temporal APIs: the
// workflow feeds it commands and the current (workflow) time, then carries out the effects it queues.
// The CSAT survey (ticket-csat.ts) and the timeline's way to the read model (ticket-projection.ts)
// are pieces of their own.
import { DomainError } from '../domain/errors';
import { allowedTransitions, assertTransition, canTransition, isOpen, manualTransitions } from '../domain/lifecycle';
import type {
  Actor,
  AssignCommand,
  CommentCommand,
  CsatAnswer,
  CustomerMessage,
  GoogleRatingChange,
  PriorityCommand,
  ReopenCommand,
  ResolveCommand,
  StatusCommand,
  TicketInput,
  TimelineEvent,
  TimelineEventType,
  WithActor,
} from '../domain/ticket';
import { SYSTEM_ACTOR, ticketWorkflowId } from '../domain/ticket';
import type { Priority, TicketStatus } from '../domain/types';
import { upgradeAnalysis } from '../domain/ai';
import { Clocks, targetMs, type ClockKind, type ClocksData } from '../domain/sla';
import { businessTimeBetween } from '../domain/business-time';
import { csatChangeWindowMs, UNHAPPY_CSAT_REOPEN, type CsatReceipt, type CsatSurvey } from '../domain/csat';
import { Csat, type CsatData } from './ticket-csat';
import { scrubDeep } from '../domain/text-scrub';
import { Projection, type ProjectionLog } from './ticket-projection';
import type { AiView, SlaOutcome, TicketView } from '../domain/ticket-view';
import type { EscalationOwnerPick, SkipReason } from '../domain/assignment';

const SKIP_WORDS: Record<SkipReason, string> = { inactive: 'deactivated', unavailable: 'away', at_capacity: 'at capacity' };

export type Effect =
  | { type: 'analyse'; reason: string; message?: string }
  | { type: 'notify_escalation'; level: number; users: TicketInput['escalationChain'][number]['users'] }
  | { type: 'notify_unassigned' }
  | { type: 'send_reply'; seq: number; body: string; actor: Actor }
  | { type: 'delete_google_reply'; seq: number; actor: Actor }
  | { type: 'send_csat' }
  | { type: 'send_csat_reminder' }
  | { type: 'send_advocacy_ask' }
  | { type: 'notify_assignee'; reason: string }
  | { type: 'pick_escalation_owner'; level: number; candidates: string[] }
  | { type: 'notify_save_failed'; seq: number; sqlState: string };

/** The workflow's patches that change these rules, evaluated (patched()) at the start of every run,
 * where they were introduced. The workflow's other patches (csat-early-answer, csat-reminder,
 * notify-assignee-on-unhappy-csat, advocacy-ask-recorded-without-email) stay at the point in
 * workflows/ticket.ts where each is evaluated: moving a patched() call can break replay. */
export interface Patches {
  /** listen-after-close: a closed ticket keeps listening through its reopen window and for the
   * comment that may follow a one-click CSAT answer (older tickets ended at close). */
  listenAfterClose: boolean;
  /** reopen-window-by-clock: judge the reopen window by the clock, not by the last tick (a reopen or a
   * reply could land in the same workflow task as the window's end timer, before the tick that closes it). */
  reopenWindowByClock: boolean;
  /** status-reopened-reopens: a status change to "reopened" (offered in allowedTransitions) reopens the
   * ticket as the reopen update does, or is refused with 409 and the allowed moves (older tickets: 400). */
  statusReopens: boolean;
  /** escalation-owner-capacity: an escalation hands the ticket to the level's first person who is
   * available and has room (an activity decides under the assignment locks), or says on the timeline
   * why nobody could take it (older tickets: the level's first person, whatever their load). */
  escalationOwnerByCapacity: boolean;
}

/** Everything continue-as-new carries over; restore() takes it back (its shape only ever grows). */
export interface TicketData extends CsatData, ProjectionLog {
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
  seenMessageIds: string[];
  rootCauseId: string | null;
  actionId: string | null;
  resolutionNote: string | null;
  ai: AiView | null;
  reopenCount: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
  version: number;
  lastActor: Actor | null;
  effects: Effect[];
  /** Set when the ticket closes: until when a customer reply still reopens it, and until when the
   * workflow keeps listening (for that, and for the comment that may follow a one-click CSAT answer). */
  afterClose?: { reopenUntil: number; listenUntil: number; reopenable: boolean } | null;
  // Bookkeeping for reports (changes nothing the workflow does). Absent in state carried over by
  // continue-as-new before they existed: restore() fills them in from what is there.
  slaOutcome: SlaOutcome;
  maxEscalationLevel: number;
  /** The SQLSTATE while saving to the read model keeps failing (one timeline event and notice per streak). */
  saveFailing?: string | null;
}

const MAX_SEEN_MESSAGE_IDS = 1000;
const DAY = 86_400_000;

export class TicketState {
  private constructor(
    private readonly d: TicketData,
    private readonly patches: Readonly<Patches>,
  ) {}

  static create(input: TicketInput, patches: Patches): TicketState {
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
    }, patches);
    s.event('created', SYSTEM_ACTOR, now, { to: 'new', reason: input.ruleName ? `rule "${input.ruleName}"` : null, data: { priority: input.priority, assigneeId: input.assigneeId } });
    if (input.assigneeId) s.event('assigned', SYSTEM_ACTOR, now, { to: input.assigneeId, reason: 'assignment strategy' });
    else if (input.escalationChain.length) s.queue({ type: 'notify_unassigned' });
    s.requestAnalysis('new ticket');
    if (input.kind === 'advocacy' && input.contact.email) s.queue({ type: 'send_advocacy_ask' });
    if (input.repeatDetractor && input.escalationChain.length) s.escalate(now, 'repeat detractor: two or more low scores within 90 days');
    return s;
  }

  /** Takes back what carryOver() handed to continue-as-new, from any earlier version of this code. */
  static restore(data: TicketData, patches: Patches): TicketState {
    const s = new TicketState(data, patches);
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

  /** The whole state, for continue-as-new. */
  carryOver(): TicketData {
    return this.d;
  }

  // ---- validators: synchronous, throw DomainError before anything enters history ----

  validateStatus(cmd: StatusCommand, now: number) {
    if (cmd.to === 'resolved') throw new DomainError('INVALID_INPUT', 'Use resolve, which needs a root cause and an action taken');
    if (cmd.to === 'reopened' && this.patches.statusReopens) return this.validateReopen(now);
    if (cmd.to === 'reopened') throw new DomainError('INVALID_INPUT', 'Use reopen to reopen a ticket');
    if (cmd.to === 'closed') throw new DomainError('ILLEGAL_TRANSITION', 'Tickets close when the follow-up window ends', { from: this.d.status, to: cmd.to, allowed: this.manualTransitions() });
    // Same verdict as the table; the 409 lists only the moves an agent can make (never "closed").
    if (!canTransition(this.d.status, cmd.to)) throw new DomainError('ILLEGAL_TRANSITION', `A ${this.d.status} ticket cannot move to ${cmd.to}`, { from: this.d.status, to: cmd.to, allowed: this.manualTransitions() });
  }
  /** Only a Google review's ticket has an owner's reply on Google to delete. */
  validateDeleteGoogleReply() {
    if (this.d.input.channel !== 'google') throw new DomainError('INVALID_INPUT', 'Only a ticket from a Google review has a reply on Google to delete');
  }
  validateOpen(what: string) {
    if (this.d.status === 'closed') throw new DomainError('ILLEGAL_TRANSITION', `Cannot ${what} a closed ticket`, { from: 'closed', allowed: [] });
  }
  /** With expectedAssigneeId the change holds only if nobody reassigned the ticket meanwhile (an
   * agent's take). A validator only refuses, so this needs no patch: no history records a refusal. */
  validateAssign(cmd: AssignCommand) {
    this.validateOpen('assign');
    const expected = cmd.expectedAssigneeId;
    if (expected !== undefined && expected !== this.d.assigneeId) {
      throw new DomainError('CONFLICT', this.d.assigneeId ? 'Someone else was assigned this ticket meanwhile; a manager reassigns' : 'The ticket was unassigned meanwhile; reload and try again', { assigneeId: this.d.assigneeId });
    }
  }
  validateResolve(cmd: ResolveCommand) {
    if (!cmd.rootCauseId || !cmd.actionId) throw new DomainError('INVALID_INPUT', 'Resolving needs a root cause and an action taken');
    assertTransition(this.d.status, 'resolved');
  }
  validateReopen(now: number) {
    if (this.d.status === 'closed' && !this.reopenableAt(now)) throw new DomainError('ILLEGAL_TRANSITION', 'The reopen window of this closed ticket has passed', { from: 'closed', to: 'reopened', allowed: [] });
    if (!canTransition(this.d.status, 'reopened')) throw new DomainError('ILLEGAL_TRANSITION', `A ${this.d.status} ticket cannot move to reopened`, { from: this.d.status, to: 'reopened', allowed: this.manualTransitions() });
  }

  // ---- commands ----

  addComment(cmd: WithActor<CommentCommand>, now: number) {
    this.event('comment', cmd.actor, now, { data: { visibility: cmd.visibility, body: cmd.body } });
    if (cmd.visibility === 'public') {
      const seq = this.d.seq;
      this.queue({ type: 'send_reply', seq, body: cmd.body, actor: cmd.actor });
      if (this.d.firstRespondedAt === null) this.d.firstRespondedAt = now;
      this.meet('firstResponse', now);
      this.meet('nextReply', now);
      if (this.d.status === 'new' || this.d.status === 'reopened') this.moveTo('in_progress', cmd.actor, now, 'public reply');
    }
  }

  changeStatus(cmd: WithActor<StatusCommand>, now: number) {
    // Only reached with the status-reopened-reopens patch: older tickets' validator refused it.
    if (cmd.to === 'reopened') return this.reopenBecause(cmd.actor, now, cmd.reason ?? 'reopened by agent');
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
    if (this.d.input.csatSurvey && this.d.input.contact.email) this.queue({ type: 'send_csat' });
  }

  reopen(cmd: WithActor<ReopenCommand>, now: number) {
    this.reopenBecause(cmd.actor, now, cmd.reason ?? 'reopened by agent');
  }

  /** Inbound email or a logged contact; deduped by Message-ID. Returns false for a duplicate. */
  /** The reviewer changed the rating on Google: noted on the timeline, once per review edit. */
  googleRatingChanged(change: GoogleRatingChange, now: number): boolean {
    const key = `google-rating:${change.reviewId}:${change.updateTime}`;
    if (this.d.seenMessageIds.includes(key)) return false;
    this.d.seenMessageIds = [...this.d.seenMessageIds, key].slice(-MAX_SEEN_MESSAGE_IDS);
    this.event('google_rating_changed', SYSTEM_ACTOR, now, { from: String(change.from), to: String(change.to), data: { reviewId: change.reviewId, from: change.from, to: change.to } });
    return true;
  }

  customerMessage(msg: CustomerMessage, now: number): boolean {
    if (this.d.seenMessageIds.includes(msg.messageId)) return false;
    this.d.seenMessageIds = [...this.d.seenMessageIds, msg.messageId].slice(-MAX_SEEN_MESSAGE_IDS);
    if (!msg.verifiedSender) {
      this.event('comment', SYSTEM_ACTOR, now, { reason: 'unverified sender', data: { visibility: 'internal', body: msg.body, from: msg.from, subject: msg.subject, messageId: msg.messageId, unverifiedSender: true, attachments: msg.attachments, ...(msg.quoted ? { quoted: msg.quoted } : {}), ...(msg.textReplaced ? { textReplaced: true } : {}) } });
      return true;
    }
    this.event('email_in', { id: `customer:${msg.from ?? ''}`, name: this.d.input.contact.name ?? msg.from ?? 'Customer' }, now, {
      reason: msg.autoReply ? 'auto-reply (ignored for status)' : null,
      data: { body: msg.body, from: msg.from, subject: msg.subject, messageId: msg.messageId, autoReply: msg.autoReply, attachments: msg.attachments, ...(msg.quoted ? { quoted: msg.quoted } : {}), ...(msg.textReplaced ? { textReplaced: true } : {}) },
    });
    if (msg.autoReply || (this.d.status === 'closed' && !this.reopenableAt(now))) return true;
    const customer = this.customer();
    if (this.d.status === 'pending_customer') this.moveTo('in_progress', customer, now, 'customer replied');
    else if (this.d.status === 'resolved') this.reopenBecause(customer, now, 'customer replied after resolution');
    else if (this.d.status === 'closed') this.reopenBecause(customer, now, 'customer replied within the reopen window');
    Clocks.startNextReply(this.d.clocks, this.d.input.slaTargets, this.d.priority, now, this.d.input.calendar);
    this.queue({ type: 'analyse', reason: 'new customer message', message: msg.body });
    return true;
  }

  /** An analysis on request (an agent's "analyse again"). */
  requestAnalysis(reason: string) {
    this.queue({ type: 'analyse', reason });
  }

  /** The signal path of older tickets (one-click score, first answer wins). With `holdEarly`, an answer
   * that beats the survey's bookkeeping is kept until markCsatSent. */
  csatAnswer(a: CsatAnswer, now: number, holdEarly = false) {
    const outcome = Csat.answer(this.d, this.d.status, a, now, holdEarly);
    if (outcome === 'commented') this.event('csat_answered', this.customer(), now, { to: String(this.d.csat!.score), reason: a.reasonId ?? 'comment added', data: { comment: a.comment ?? null } });
    if (outcome !== 'scored') return;
    this.event('csat_answered', this.customer(), now, { to: String(a.score), reason: a.reasonId ?? null, data: { comment: a.comment ?? null } });
    this.actOnCsat(a.score, now);
  }

  // ---- answers from the survey page (update csatAnswer; the policy: domain/csat.ts) ----

  /** The update's validator: refuses a wrong token, a closed or unsent survey, a late change. */
  validateCsatAnswer(a: CsatAnswer, now: number) {
    Csat.check(this.d, this.d.status, a, now, csatChangeWindowMs(this.d.input.settings));
  }

  /** Records a checked answer; its consequence follows when the change window ends (tick). */
  submitCsat(a: CsatAnswer, now: number): CsatReceipt {
    const before = this.d.csat?.score ?? null;
    const outcome = Csat.submit(this.d, a, now, csatChangeWindowMs(this.d.input.settings));
    const c = this.d.csat!;
    if (outcome === 'scored') this.event('csat_answered', this.customer(), now, { to: String(c.score), reason: c.reasonId, data: { comment: c.comment } });
    if (outcome === 'changed') this.event('csat_answered', this.customer(), now, { from: String(before), to: String(c.score), reason: 'answer changed', data: { comment: c.comment, reasonId: c.reasonId } });
    if (outcome === 'commented') this.event('csat_answered', this.customer(), now, { to: String(c.score), reason: a.reasonId ?? 'comment added', data: { comment: c.comment } });
    return { outcome, survey: this.csatSurvey(a.token) };
  }

  /** The survey as its page sees it under `token`. */
  csatSurvey(token: string): CsatSurvey {
    const i = this.d.input;
    return Csat.survey(this.d, this.d.status, token, { ticketNumber: i.number, captureType: i.captureType, locale: i.locale ?? null, branch: i.branch, followUpDays: i.settings.followUpDays }, csatChangeWindowMs(i.settings));
  }

  /** What a CSAT score does to a resolved ticket: 1–2 reopen it (and tell the assignee), 4–5 close it. */
  private actOnCsat(score: number, now: number) {
    const then = this.d.status === 'resolved' ? Csat.consequence(score) : null;
    if (then === 'reopen') {
      this.reopenBecause(SYSTEM_ACTOR, now, UNHAPPY_CSAT_REOPEN);
      if (this.d.assigneeId) this.queue({ type: 'notify_assignee', reason: `unhappy CSAT answer (${score}/5)` });
    } else if (then === 'close') this.close(now, 'satisfied CSAT answer');
  }

  /** With `remind`, one reminder falls due halfway between the survey and the end of the follow-up window. */
  markCsatSent(token: string, now: number, remind = false) {
    const closeAt = this.followUpCloseAt();
    const reminderAt = remind && closeAt !== null && closeAt > now ? now + Math.floor((closeAt - now) / 2) : null;
    const early = Csat.markSent(this.d, token, now, reminderAt);
    this.event('csat_sent', SYSTEM_ACTOR, now, {});
    for (const a of early) this.csatAnswer(a, now);
  }

  // ---- the passage of time ----

  /** Advance everything due by `now`: SLA warnings and breaches, escalation, follow-up close. */
  tick(now: number) {
    this.evaluateClocks(now);
    const due = this.escalationDueAt();
    if (due !== null && now >= due) this.escalate(now, 'unresolved past the escalation step');
    if (Csat.takeDueReminder(this.d, this.d.status, now)) this.queue({ type: 'send_csat_reminder' });
    const settled = Csat.takeDueSettlement(this.d, now);
    if (settled !== null) this.actOnCsat(settled, now);
    const closeAt = this.followUpCloseAt();
    if (closeAt !== null && now >= closeAt) this.close(now, Csat.wasSent(this.d) && this.d.csat?.answeredAt == null ? 'no CSAT answer within the follow-up window' : 'follow-up window ended');
    const after = this.d.afterClose;
    if (this.d.status === 'closed' && after?.reopenable && now >= after.reopenUntil) this.d.afterClose = { ...after, reopenable: false };
  }

  /** The next instant anything changes on its own, with a readable reason for the timer summary. */
  nextWake(): { at: number; what: string } | null {
    const candidates: Array<{ at: number | null; what: string }> = [
      ...Clocks.deadlines(this.d.clocks, isOpen(this.d.status)),
      { at: this.escalationDueAt(), what: `escalate to L${this.d.escalationLevel + 1}` },
      { at: Csat.reminderDueAt(this.d, this.d.status), what: 'send the CSAT reminder' },
      { at: Csat.settleDueAt(this.d), what: 'act on the CSAT answer' },
      { at: this.followUpCloseAt(), what: 'close after follow-up window' },
      ...this.afterCloseDeadlines(),
    ];
    let best: { at: number; what: string } | null = null;
    for (const c of candidates) if (c.at !== null && (best === null || c.at < best.at)) best = { at: c.at, what: c.what };
    return best;
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
    return this.reopenable && (!this.patches.reopenWindowByClock || now < this.d.afterClose!.reopenUntil);
  }

  // ---- the workflow's side: effects to carry out, their results, the read model ----

  /** An agent asked to remove the owner's reply on Google; the outcome follows on the timeline. */
  deleteGoogleReply(actor: Actor) {
    // Keyed by the newest event: a delete after a later reply is a new delete, a repeated one is not.
    this.queue({ type: 'delete_google_reply', seq: this.d.seq, actor });
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

  /** The escalation level's owner as decided by the assignment rules (pick_escalation_owner). */
  applyEscalationOwner(level: number, pick: EscalationOwnerPick, now: number) {
    const skipped = pick.skipped.length ? { skipped: pick.skipped } : null;
    if (pick.userId === null) {
      const reason = `nobody on escalation L${level} can take the ticket (${pick.skipped.map((s) => SKIP_WORDS[s.why]).join(', ')}); it stays with its owner`;
      this.event('assignment_skipped', SYSTEM_ACTOR, now, { from: this.d.assigneeId, to: `L${level}`, reason, data: skipped });
    } else if (pick.userId !== this.d.assigneeId) {
      this.event('assigned', SYSTEM_ACTOR, now, { from: this.d.assigneeId, to: pick.userId, reason: `escalation L${level}`, data: skipped });
      this.d.assigneeId = pick.userId;
    }
  }

  takeEffects(): Effect[] {
    const e = this.d.effects;
    this.d.effects = [];
    return e;
  }

  hasEffects(): boolean {
    return this.d.effects.length > 0;
  }

  /** Events since the last successful projection. */
  unprojected(): TimelineEvent[] {
    return Projection.unprojected(this.d);
  }

  markProjected(seq: number) {
    Projection.markProjected(this.d, seq);
  }

  /**
   * Postgres refused to save the ticket (a data error, see activities/data-errors.ts). Text it cannot
   * store (NUL, lone surrogates) is replaced everywhere in the state, so the next save can pass; the
   * first failure of a streak goes on the timeline — without the text — and to the admins.
   */
  saveFailed(sqlState: string, now: number) {
    const clean = scrubDeep(this.d);
    if (clean.replaced) Object.assign(this.d, clean.value);
    if (this.d.saveFailing) return;
    this.d.saveFailing = sqlState;
    this.event('save_failed', SYSTEM_ACTOR, now, {
      reason: clean.replaced ? 'could not save the ticket: text that cannot be stored was replaced' : 'could not save the ticket',
      data: { sqlState, textReplaced: clean.replaced },
    });
    this.queue({ type: 'notify_save_failed', seq: this.d.seq, sqlState });
  }

  /** A save went through: a later failure is news again. */
  saveSucceeded() {
    this.d.saveFailing = null;
  }

  view(): TicketView {
    const d = this.d;
    const i = d.input;
    return {
      number: i.number,
      workflowId: ticketWorkflowId(i.number),
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
      locale: i.locale ?? null,
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
    return manualTransitions(this.d.status);
  }

  private queue(effect: Effect) {
    this.d.effects.push(effect);
  }

  private customer(): Actor {
    return { id: 'customer', name: this.d.input.contact.name ?? 'Customer' };
  }

  private event(type: TimelineEventType, actor: Actor, at: number, e: Partial<Pick<TimelineEvent, 'from' | 'to' | 'reason' | 'data'>>) {
    Projection.append(this.d, { type, actor, at, from: e.from ?? null, to: e.to ?? null, reason: e.reason ?? null, data: e.data ?? null });
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
    Csat.cancelReminder(this.d);
    this.event('reopened', actor, now, { reason });
  }

  private close(now: number, reason: string) {
    this.moveTo('closed', SYSTEM_ACTOR, now, reason);
    this.d.closedAt = now;
    this.event('closed', SYSTEM_ACTOR, now, { reason });
    // Keep listening through the reopen window and for the comment a one-click CSAT answer may bring.
    const reopenUntil = now + this.d.input.settings.reopenWindowDays * DAY;
    const listenUntil = Math.max(reopenUntil, Csat.commentUntil(this.d));
    if (this.patches.listenAfterClose && listenUntil > now) this.d.afterClose = { reopenUntil, listenUntil, reopenable: reopenUntil > now };
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
    return Clocks.addBusiness(this.escalationStart(), targetMs(next.afterHours, this.d.priority), this.d.input.calendar);
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
    if (this.patches.escalationOwnerByCapacity) {
      this.queue({ type: 'pick_escalation_owner', level: next.level, candidates: next.users.map((u) => u.userId) });
    } else {
      const owner = next.users[0]?.userId ?? null;
      if (owner && owner !== this.d.assigneeId) {
        this.event('assigned', SYSTEM_ACTOR, now, { from: this.d.assigneeId, to: owner, reason: `escalation L${next.level}` });
        this.d.assigneeId = owner;
      }
    }
    this.queue({ type: 'notify_escalation', level: next.level, users: next.users });
    // The last level stays put: report the exhausted chain once instead of looping.
    if (!chain.some((l) => l.level === next.level + 1)) {
      this.d.escalationExhausted = true;
      this.event('escalation_exhausted', SYSTEM_ACTOR, now, { to: `L${next.level}`, reason: 'last level of the escalation chain reached' });
    }
  }

  private followUpCloseAt(): number | null {
    if (this.d.status !== 'resolved' || this.d.resolvedAt === null) return null;
    const at = this.d.resolvedAt + this.d.input.settings.followUpDays * DAY;
    // An answer given near the end of the window is acted on first.
    const settle = Csat.settleDueAt(this.d);
    return settle === null ? at : Math.max(at, settle);
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
