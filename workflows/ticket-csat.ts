// The CSAT survey of a resolved ticket: sent once, answered on the survey page (a change of mind
// within a short window replaces the answer; its consequence waits for the window — domain/csat.ts has
// the policy in words), an optional comment after the score, the one reminder. Older tickets were
// answered by a signal (one-click score, first answer wins, answers that beat the bookkeeping held):
// that path stays for their histories. Pure functions on the survey's slice of TicketData
// (continue-as-new carries it as it is); TicketState turns what they return into timeline events,
// status moves and effects.
import { type CsatReceiptOutcome, type CsatRefusal, type CsatSurvey } from '../domain/csat';
import { DomainError } from '../domain/errors';
import type { CsatAnswer } from '../domain/ticket';
import type { TicketStatus } from '../domain/types';
import type { TicketView } from '../domain/ticket-view';

export interface CsatData {
  csat: TicketView['csat'];
  csatToken: string | null;
  /** Answers clicked before the survey was recorded as sent (the mail leaves inside the activity). */
  earlyCsatAnswers?: CsatAnswer[];
  /** When the one CSAT reminder is due (setting tickets.csatReminder); absent in older tickets. */
  csatReminderAt?: number | null;
  /** When the answer given on the survey page takes effect (the end of its change window); absent in
   * older tickets, whose answers took effect at once. */
  csatSettleAt?: number | null;
}

/** What an incoming answer did to the survey. */
export type CsatOutcome =
  | 'held' // came before the survey was recorded as sent: kept until markSent
  | 'ignored' // wrong token, follow-up window over, or nothing new
  | 'commented' // the comment (or reason) following the one-click score
  | 'scored';

const MAX_EARLY_ANSWERS = 5; // forged tokens cannot grow the state
/** How long after a CSAT answer closed the ticket its optional comment is still accepted. */
export const CSAT_COMMENT_GRACE_MS = 86_400_000;

/** Where the survey stands when an answer arrives; it alone decides what the answer does. */
type Phase = 'unsent' | 'open' | 'expired' | 'answered';

function phase(s: CsatData, status: TicketStatus): Phase {
  if (!s.csat) return 'unsent';
  if (s.csat.answeredAt !== null) return 'answered';
  return status === 'closed' ? 'expired' : 'open'; // a closed ticket's follow-up window is over
}

interface Arrival {
  answer: CsatAnswer;
  status: TicketStatus;
  now: number;
  holdEarly: boolean;
}

const ON_ANSWER: Record<Phase, (s: CsatData, x: Arrival) => CsatOutcome> = {
  unsent(s, { answer, status, holdEarly }) {
    if (!holdEarly || status !== 'resolved') return 'ignored';
    s.earlyCsatAnswers = [...(s.earlyCsatAnswers ?? []), answer].slice(-MAX_EARLY_ANSWERS);
    return 'held';
  },
  open(s, { answer: a, now }) {
    s.csatReminderAt = null;
    s.csat = { ...s.csat!, score: a.score, answeredAt: now, recovered: a.score >= 4, comment: a.comment ?? null, reasonId: a.reasonId ?? null };
    return 'scored';
  },
  expired: () => 'ignored',
  // The score is single-use; the optional comment (and reason) may follow the one-click answer, once.
  answered(s, { answer: a }) {
    if ((!a.comment && !a.reasonId) || s.csat!.comment || s.csat!.reasonId) return 'ignored';
    s.csat = { ...s.csat!, comment: a.comment ?? null, reasonId: a.reasonId ?? null };
    return 'commented';
  },
};

const refuse = (why: CsatRefusal, message: string, s: CsatData) => new DomainError('CONFLICT', message, { csat: why, score: s.csat?.score ?? null, answeredAt: s.csat?.answeredAt ?? null });

export const Csat = {
  /** The survey as the page sees it under `token` (nothing changes). */
  survey(s: CsatData, status: TicketStatus, token: string, ticket: Omit<CsatSurvey, 'state' | 'score' | 'answeredAt' | 'changeUntil' | 'commentUntil'>, windowMs: number): CsatSurvey {
    const p = phase(s, status);
    const state: CsatSurvey['state'] = p === 'unsent' ? (status === 'resolved' ? 'pending' : 'unknown') : token !== s.csatToken ? 'unknown' : p === 'expired' ? 'closed' : p;
    const known = state === 'open' || state === 'answered' || state === 'closed';
    const answeredAt = known ? (s.csat?.answeredAt ?? null) : null;
    return {
      ...ticket,
      state,
      score: known ? (s.csat?.score ?? null) : null,
      answeredAt,
      changeUntil: answeredAt === null ? null : answeredAt + windowMs,
      commentUntil: known ? Csat.commentUntil(s) : 0,
    };
  },

  /** The update's validator: throws (before anything enters history) when the answer is refused. */
  check(s: CsatData, status: TicketStatus, a: CsatAnswer, now: number, windowMs: number): void {
    const p = phase(s, status);
    if (p === 'unsent') throw refuse('not_ready', 'The survey is not ready yet', s);
    if (a.token !== s.csatToken) throw new DomainError('NOT_FOUND', 'No such survey');
    if (p === 'expired') throw refuse('closed', 'The survey is closed: the follow-up window ended without an answer', s);
    if (p === 'answered' && Csat.outcomeOf(s, a, now, windowMs) === null) throw refuse('already_answered', `Already answered (${s.csat!.score}/5); the answer can no longer be changed`, s);
  },

  /** What an answer on the page does (null: refused); changes nothing. */
  outcomeOf(s: CsatData, a: CsatAnswer, now: number, windowMs: number): CsatReceiptOutcome | null {
    const c = s.csat!;
    if (c.answeredAt === null) return 'scored';
    const comment = a.comment ?? null;
    const reasonId = a.reasonId ?? null;
    const adds = (comment !== null && comment !== c.comment) || (reasonId !== null && reasonId !== c.reasonId);
    if (now < c.answeredAt + windowMs) return a.score !== c.score ? 'changed' : adds ? 'commented' : 'unchanged';
    if (a.score !== c.score) return null;
    if (!adds) return 'unchanged';
    return c.comment === null && c.reasonId === null && now < c.answeredAt + CSAT_COMMENT_GRACE_MS ? 'commented' : null;
  },

  /** Applies a checked answer from the page; the first score's consequence waits for the window. */
  submit(s: CsatData, a: CsatAnswer, now: number, windowMs: number): CsatReceiptOutcome {
    const outcome = Csat.outcomeOf(s, a, now, windowMs)!;
    const c = s.csat!;
    const comment = a.comment ?? c.comment;
    const reasonId = a.reasonId ?? c.reasonId;
    if (outcome === 'scored') {
      s.csatReminderAt = null;
      s.csatSettleAt = now + windowMs;
      s.csat = { ...c, score: a.score, answeredAt: now, recovered: a.score >= 4, comment: a.comment ?? null, reasonId: a.reasonId ?? null };
    } else if (outcome === 'changed') s.csat = { ...c, score: a.score, recovered: a.score >= 4, comment, reasonId };
    else if (outcome === 'commented') s.csat = { ...c, comment, reasonId };
    return outcome;
  },

  /** When the page's answer takes effect, if it has not yet. */
  settleDueAt: (s: CsatData): number | null => s.csatSettleAt ?? null,

  /** The score whose consequence falls due by `now` (once), or null. */
  takeDueSettlement(s: CsatData, now: number): number | null {
    if (s.csatSettleAt == null || now < s.csatSettleAt) return null;
    s.csatSettleAt = null;
    return s.csat?.score ?? null;
  },

  /** Applies an answer. With `holdEarly`, an answer that beats the survey's bookkeeping is kept. */
  answer(s: CsatData, status: TicketStatus, answer: CsatAnswer, now: number, holdEarly: boolean): CsatOutcome {
    const p = phase(s, status);
    if (p !== 'unsent' && answer.token !== s.csatToken) return 'ignored';
    return ON_ANSWER[p](s, { answer, status, now, holdEarly });
  },

  /** What a score does to a resolved ticket: 1–2 reopen it, 4–5 (recovered) close it, 3 waits. */
  consequence: (score: number): 'reopen' | 'close' | null => (score <= 2 ? 'reopen' : score >= 4 ? 'close' : null),

  /** Records the survey as sent; the reminder (if any) falls due at `reminderAt`. Returns the answers
   * held for this token, to be applied now. */
  markSent(s: CsatData, token: string, now: number, reminderAt: number | null): CsatAnswer[] {
    s.csatToken = token;
    s.csat = { sentAt: now, score: null, answeredAt: null, recovered: null, comment: null, reasonId: null };
    s.csatReminderAt = reminderAt;
    if (s.csatSettleAt != null) s.csatSettleAt = null;
    const early = (s.earlyCsatAnswers ?? []).filter((a) => a.token === token);
    s.earlyCsatAnswers = [];
    return early;
  },

  wasSent: (s: CsatData) => !!s.csat?.sentAt,

  /** The reminder is due only while a resolved ticket's survey waits for its answer. */
  reminderDueAt(s: CsatData, status: TicketStatus): number | null {
    if (status !== 'resolved' || !s.csat || s.csat.answeredAt !== null) return null;
    return s.csatReminderAt ?? null;
  },

  /** True (once) when the reminder is due by `now`. */
  takeDueReminder(s: CsatData, status: TicketStatus, now: number): boolean {
    const at = Csat.reminderDueAt(s, status);
    if (at === null || now < at) return false;
    s.csatReminderAt = null;
    return true;
  },

  cancelReminder(s: CsatData) {
    s.csatReminderAt = null;
  },

  /** Until when the optional comment after a one-click score is still expected (0: none). */
  commentUntil(s: CsatData): number {
    const c = s.csat;
    return c && c.answeredAt !== null && !c.comment && !c.reasonId ? c.answeredAt + CSAT_COMMENT_GRACE_MS : 0;
  },
};
