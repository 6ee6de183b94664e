// The CSAT rules: the survey's own transitions (pure, on its slice of the state) and what they do to
// the ticket through TicketState (events, reopen or close, the reminder, listening after close).
import { describe, expect, it } from 'vitest';
import type { CsatAnswer } from '../domain/ticket';
import { DEFAULT_TICKET_SETTINGS } from '../domain/ticket';
import { NEW_TICKET_PATCHES } from '../test/support/ticket-fixtures';
import { DEFAULT_CSAT_CHANGE_MINUTES } from '../domain/csat';
import { agent, DAY, H, lastOf, refusal, rootCause, T0, ticketIn, typesOf } from '../test/support/ticket-state';
import { Csat, CSAT_COMMENT_GRACE_MS, type CsatData } from './ticket-csat';
import type { TicketState } from './ticket-state';

const SENT = T0 + 2 * H; // ticketIn resolves at T0 + 1 h; the survey goes out an hour later
const answer = (score: number, over: Partial<CsatAnswer> = {}): CsatAnswer => ({ token: 'tok', score, answeredAt: SENT + H, ...over });

/** A resolved ticket whose survey went out at SENT. */
function surveyed(over: Parameters<typeof ticketIn>[1] = {}, remind = false, patches = NEW_TICKET_PATCHES): TicketState {
  const t = ticketIn('resolved', { csatSurvey: true, ...over }, patches);
  t.markCsatSent('tok', SENT, remind);
  return t;
}

describe('the survey on its own', () => {
  const unsent = (): CsatData => ({ csat: null, csatToken: null });

  it('maps a score to what it does to a resolved ticket', () => {
    expect([1, 2, 3, 4, 5].map(Csat.consequence)).toEqual(['reopen', 'reopen', null, 'close', 'close']);
  });

  it('an answer before the survey is held only when asked to and while resolved, at most five', () => {
    const s = unsent();
    expect(Csat.answer(s, 'resolved', answer(5), SENT, false)).toBe('ignored');
    expect(Csat.answer(s, 'in_progress', answer(5), SENT, true)).toBe('ignored');
    for (let i = 1; i <= 7; i++) expect(Csat.answer(s, 'resolved', answer(5, { token: `t${i}` }), SENT, true)).toBe('held');
    expect(s.earlyCsatAnswers?.map((a) => a.token)).toEqual(['t3', 't4', 't5', 't6', 't7']);
    expect(Csat.markSent(s, 't6', SENT, null).map((a) => a.token)).toEqual(['t6']);
    expect(s.earlyCsatAnswers).toEqual([]);
  });

  it('scores once, takes one comment after, and ignores wrong tokens and an expired survey', () => {
    const s = unsent();
    Csat.markSent(s, 'tok', SENT, SENT + DAY);
    expect(Csat.answer(s, 'resolved', answer(5, { token: 'forged' }), SENT + H, false)).toBe('ignored');
    expect(Csat.answer(s, 'closed', answer(5), SENT + H, false)).toBe('ignored'); // the follow-up window is over
    expect(Csat.answer(s, 'resolved', answer(2), SENT + H, false)).toBe('scored');
    expect(s).toMatchObject({ csat: { sentAt: SENT, score: 2, answeredAt: SENT + H, recovered: false, comment: null, reasonId: null }, csatReminderAt: null });
    expect(Csat.answer(s, 'reopened', answer(5), SENT + 2 * H, false)).toBe('ignored'); // single use
    expect(Csat.answer(s, 'reopened', answer(5, { comment: 'Cold again' }), SENT + 2 * H, false)).toBe('commented');
    expect(s.csat).toMatchObject({ score: 2, comment: 'Cold again', reasonId: null });
    expect(Csat.answer(s, 'reopened', answer(5, { reasonId: 'late' }), SENT + 3 * H, false)).toBe('ignored'); // one comment
    expect(Csat.commentUntil(s)).toBe(0);
  });

  it('has a reminder due only while a resolved ticket waits for the answer', () => {
    const s = unsent();
    Csat.markSent(s, 'tok', SENT, SENT + DAY);
    expect(Csat.reminderDueAt(s, 'resolved')).toBe(SENT + DAY);
    expect(Csat.reminderDueAt(s, 'reopened')).toBeNull();
    expect(Csat.takeDueReminder(s, 'closed', SENT + DAY)).toBe(false);
    s.csat = { ...s.csat!, score: 4, answeredAt: SENT + H };
    expect(Csat.reminderDueAt(s, 'resolved')).toBeNull();
    expect(Csat.reminderDueAt(unsent(), 'resolved')).toBeNull();
  });

  it('expects the comment for a day after a one-click score', () => {
    const s = unsent();
    Csat.markSent(s, 'tok', SENT, null);
    expect(Csat.commentUntil(s)).toBe(0);
    Csat.answer(s, 'resolved', answer(5), SENT + H, false);
    expect(Csat.commentUntil(s)).toBe(SENT + H + CSAT_COMMENT_GRACE_MS);
    expect(CSAT_COMMENT_GRACE_MS).toBe(DAY);
  });
});

describe('CSAT answers on a ticket', () => {
  it('a happy score (4–5) closes the resolved ticket as recovered', () => {
    for (const score of [4, 5]) {
      const t = surveyed();
      t.csatAnswer(answer(score, { reasonId: 'fast' }), SENT + H);
      expect(t.view()).toMatchObject({ status: 'closed', closedAt: SENT + H, csat: { score, recovered: true, answeredAt: SENT + H, reasonId: 'fast' } });
      expect(lastOf(t, 'csat_answered')).toMatchObject({ actor: { id: 'customer', name: 'Ann Lee' }, to: String(score), reason: 'fast', data: { comment: null } });
      expect(lastOf(t, 'closed')).toMatchObject({ reason: 'satisfied CSAT answer' });
    }
  });

  it('an unhappy score (1–2) reopens the ticket and tells its assignee, if it has one', () => {
    for (const score of [1, 2]) {
      const t = surveyed({ assigneeId: 'u-1' });
      t.csatAnswer(answer(score, { comment: 'Still cold' }), SENT + H);
      expect(t.view()).toMatchObject({ status: 'reopened', reopenCount: 1, csat: { score, recovered: false, comment: 'Still cold' } });
      expect(lastOf(t, 'reopened')).toMatchObject({ actor: { id: 'system' }, reason: 'unhappy CSAT answer' });
      expect(t.takeEffects()).toEqual([{ type: 'notify_assignee', reason: `unhappy CSAT answer (${score}/5)` }]);
    }
    const unassigned = surveyed();
    unassigned.csatAnswer(answer(1), SENT + H);
    expect(unassigned.status).toBe('reopened');
    expect(unassigned.takeEffects()).toEqual([]);
  });

  it('a middling score (3) is recorded and leaves the ticket to its follow-up window', () => {
    const t = surveyed();
    t.csatAnswer(answer(3), SENT + H);
    expect(t.view()).toMatchObject({ status: 'resolved', csat: { score: 3, recovered: false } });
    expect(t.nextWake()).toEqual({ at: T0 + H + 7 * DAY, what: 'close after follow-up window' });
  });

  it('a score on a ticket an agent reopened meanwhile moves nothing', () => {
    const t = surveyed();
    t.reopen({ actor: agent }, SENT + H);
    t.csatAnswer(answer(5), SENT + 2 * H);
    expect(t.view()).toMatchObject({ status: 'reopened', csat: { score: 5, recovered: true } });
  });

  it('the score is single use; a forged token and an unsent survey change nothing', () => {
    const t = surveyed();
    t.csatAnswer(answer(3), SENT + H);
    const version = t.view().version;
    t.csatAnswer(answer(1), SENT + 2 * H);
    t.csatAnswer(answer(1, { token: 'forged' }), SENT + 2 * H);
    expect(t.view()).toMatchObject({ version, status: 'resolved', csat: { score: 3 } });
    const unsent = ticketIn('resolved', { csatSurvey: true });
    unsent.csatAnswer(answer(1), SENT); // without holding (older tickets): dropped
    expect(unsent.view()).toMatchObject({ csat: null, status: 'resolved' });
  });

  it('after a one-click score the comment may follow once, even though the ticket closed', () => {
    const t = surveyed();
    t.csatAnswer(answer(5), SENT + H);
    expect(t.status).toBe('closed');
    t.csatAnswer(answer(1, { comment: 'Lovely staff' }), SENT + 2 * H); // the score in a late click is ignored
    expect(t.view().csat).toMatchObject({ score: 5, comment: 'Lovely staff', reasonId: null });
    expect(lastOf(t, 'csat_answered')).toMatchObject({ to: '5', reason: 'comment added', data: { comment: 'Lovely staff' } });
    t.csatAnswer(answer(5, { comment: 'Changed my mind' }), SENT + 3 * H);
    expect(typesOf(t).filter((x) => x === 'csat_answered')).toHaveLength(2);
    const reasonOnly = surveyed();
    reasonOnly.csatAnswer(answer(4), SENT + H);
    reasonOnly.csatAnswer(answer(4, { reasonId: 'friendly' }), SENT + 2 * H);
    expect(lastOf(reasonOnly, 'csat_answered')).toMatchObject({ reason: 'friendly' });
  });

  it('a closed ticket keeps listening for that comment for a day, then settles', () => {
    const t = surveyed();
    t.csatAnswer(answer(5), SENT + H);
    const until = SENT + H + CSAT_COMMENT_GRACE_MS;
    expect(t.isSettled(SENT + H)).toBe(false);
    expect(t.reopenable).toBe(false); // no reopen window (0 days): only the comment is awaited
    expect(t.nextWake()).toEqual({ at: until, what: 'stop listening to the closed ticket' });
    expect(t.isSettled(until)).toBe(true);
    const commented = surveyed();
    commented.csatAnswer(answer(5, { comment: 'All good' }), SENT + H);
    expect(commented.isSettled(SENT + H)).toBe(true); // nothing more to wait for
    const older = surveyed({}, false, { ...NEW_TICKET_PATCHES, listenAfterClose: false });
    older.csatAnswer(answer(5), SENT + H);
    expect(older.isSettled(SENT + H)).toBe(true);
  });

  it('an unanswered survey expires with the follow-up window', () => {
    const t = surveyed();
    t.tick(T0 + H + 7 * DAY);
    expect(lastOf(t, 'closed')).toMatchObject({ reason: 'no CSAT answer within the follow-up window' });
    t.csatAnswer(answer(5), T0 + H + 7 * DAY + 1);
    expect(t.view().csat).toMatchObject({ score: null, answeredAt: null });
  });
});

describe('an answer that beats the survey bookkeeping', () => {
  it('is held and applied when the survey is recorded as sent, under its own token only', () => {
    const t = ticketIn('resolved', { csatSurvey: true });
    t.csatAnswer(answer(5), SENT, true);
    t.csatAnswer(answer(1, { token: 'forged' }), SENT, true);
    expect(t.view()).toMatchObject({ status: 'resolved', csat: null });
    t.markCsatSent('tok', SENT + 1);
    expect(t.view()).toMatchObject({ status: 'closed', csat: { sentAt: SENT + 1, score: 5, answeredAt: SENT + 1 } });
    expect(typesOf(t).slice(-4)).toEqual(['csat_sent', 'csat_answered', 'status_changed', 'closed']);
    expect(t.carryOver().earlyCsatAnswers).toEqual([]);
  });

  it('is not held once the ticket left resolved', () => {
    const t = ticketIn('reopened', { csatSurvey: true });
    t.csatAnswer(answer(5), SENT, true);
    expect(t.carryOver().earlyCsatAnswers ?? []).toEqual([]);
  });
});

describe('the CSAT reminder', () => {
  const closeAt = T0 + H + 7 * DAY;
  const remindAt = SENT + Math.floor((closeAt - SENT) / 2);

  it('falls due once, halfway between the survey and the end of the follow-up window', () => {
    const t = surveyed({ settings: { ...DEFAULT_TICKET_SETTINGS, csatReminder: true } }, true);
    expect(t.nextWake()).toEqual({ at: remindAt, what: 'send the CSAT reminder' });
    t.tick(remindAt - 1);
    expect(t.takeEffects()).toEqual([]);
    t.tick(remindAt);
    expect(t.takeEffects()).toEqual([{ type: 'send_csat_reminder' }]);
    t.tick(remindAt + H);
    expect(t.takeEffects()).toEqual([]);
    expect(t.nextWake()).toEqual({ at: closeAt, what: 'close after follow-up window' });
  });

  it('is not sent once answered or reopened, nor when not asked for', () => {
    const answered = surveyed({}, true);
    answered.csatAnswer(answer(3), SENT + H);
    answered.tick(remindAt);
    expect(answered.takeEffects()).toEqual([]);
    const reopened = surveyed({}, true);
    reopened.reopen({ actor: agent }, SENT + H);
    reopened.resolve({ ...rootCause, actor: agent }, SENT + 2 * H);
    reopened.takeEffects();
    reopened.tick(remindAt);
    expect(reopened.takeEffects()).toEqual([]);
    const plain = surveyed({}, false);
    plain.tick(remindAt);
    expect(plain.takeEffects()).toEqual([]);
  });

  it('is not scheduled when the survey went out after the follow-up window', () => {
    const t = ticketIn('resolved', { csatSurvey: true });
    t.markCsatSent('tok', closeAt, true);
    expect(t.nextWake()).toEqual({ at: closeAt, what: 'close after follow-up window' });
  });
});

describe('answers from the survey page (csat-answer-policy)', () => {
  const W = DEFAULT_CSAT_CHANGE_MINUTES * 60_000;
  const at = SENT + H;
  const page = (score: number, over: Partial<CsatAnswer> = {}) => answer(score, { answeredAt: at, ...over });
  const check = (t: TicketState, a: CsatAnswer, now: number) => refusal(() => t.validateCsatAnswer(a, now));

  it('records the answer at once and acts on it when the change window ends', () => {
    const t = surveyed({ assigneeId: 'u-1' });
    expect(t.submitCsat(page(1, { comment: 'Still cold' }), at)).toMatchObject({ outcome: 'scored', survey: { state: 'answered', score: 1, answeredAt: at, changeUntil: at + W } });
    expect(t.view()).toMatchObject({ status: 'resolved', csat: { score: 1, recovered: false, comment: 'Still cold' } });
    expect(t.nextWake()).toEqual({ at: at + W, what: 'act on the CSAT answer' });
    t.tick(at + W - 1);
    expect(t.status).toBe('resolved');
    t.tick(at + W);
    expect(t.view()).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(t.takeEffects()).toEqual([{ type: 'notify_assignee', reason: 'unhappy CSAT answer (1/5)' }]);
  });

  it('lets a changed mind within the window replace the answer; the consequence follows the last one', () => {
    const t = surveyed({ assigneeId: 'u-1' });
    t.submitCsat(page(1), at);
    expect(t.submitCsat(page(5, { comment: 'Actually fine' }), at + W - 1)).toMatchObject({ outcome: 'changed', survey: { score: 5, answeredAt: at } });
    expect(lastOf(t, 'csat_answered')).toMatchObject({ from: '1', to: '5', reason: 'answer changed', data: { comment: 'Actually fine' } });
    expect(t.submitCsat(page(5), at + W - 1).outcome).toBe('unchanged'); // a double click
    t.tick(at + W);
    expect(t.view()).toMatchObject({ status: 'closed', reopenCount: 0, csat: { score: 5, recovered: true, comment: 'Actually fine' } });
    expect(t.takeEffects()).toEqual([]); // nobody was told about the 1
  });

  it('refuses a different score after the window, says what is on record, and still takes the comment once', () => {
    const t = surveyed();
    t.submitCsat(page(4), at);
    t.tick(at + W);
    expect(t.status).toBe('closed');
    const late = check(t, page(1), at + W + 1);
    expect(late).toMatchObject({ code: 'CONFLICT', details: { csat: 'already_answered', score: 4, answeredAt: at } });
    expect(() => t.validateCsatAnswer(page(4), at + W + 1)).not.toThrow(); // the same answer again: nothing to refuse
    expect(t.submitCsat(page(4), at + W + 1).outcome).toBe('unchanged');
    expect(t.submitCsat(page(4, { comment: 'Lovely staff' }), at + 2 * W).outcome).toBe('commented');
    expect(t.view().csat).toMatchObject({ score: 4, comment: 'Lovely staff' });
    expect(check(t, page(4, { comment: 'Another one' }), at + 3 * W).details).toMatchObject({ csat: 'already_answered' });
  });

  it('refuses a forged token, an unsent survey and an expired one, before anything changes', () => {
    const t = surveyed();
    expect(check(t, page(5, { token: 'forged' }), at).code).toBe('NOT_FOUND');
    const unsent = ticketIn('resolved', { csatSurvey: true });
    expect(check(unsent, page(5), at).details).toMatchObject({ csat: 'not_ready' });
    expect(unsent.csatSurvey('tok').state).toBe('pending');
    const expired = surveyed();
    expired.tick(T0 + H + 7 * DAY);
    expect(check(expired, page(5), T0 + H + 7 * DAY + 1).details).toMatchObject({ csat: 'closed', score: null });
    expect(expired.csatSurvey('tok')).toMatchObject({ state: 'closed', followUpDays: 7 });
    expect(expired.csatSurvey('forged').state).toBe('unknown');
  });

  it('waits for an answer given at the end of the follow-up window before closing', () => {
    const closeAt = T0 + H + 7 * DAY;
    const t = surveyed({ assigneeId: 'u-1' });
    t.submitCsat(page(2, { answeredAt: closeAt - 60_000 }), closeAt - 60_000);
    expect(t.nextWake()).toEqual({ at: closeAt - 60_000 + W, what: 'act on the CSAT answer' });
    t.tick(closeAt);
    expect(t.status).toBe('resolved');
    t.tick(closeAt - 60_000 + W);
    expect(t.status).toBe('reopened');
  });

  it('moves nothing when the ticket left resolved during the window', () => {
    const t = surveyed();
    t.submitCsat(page(5), at);
    t.reopen({ actor: agent }, at + 60_000);
    t.tick(at + W);
    expect(t.view()).toMatchObject({ status: 'reopened', csat: { score: 5 } });
  });

  it('with a window of 0 minutes acts at once and takes no change of mind', () => {
    const t = surveyed({ settings: { ...DEFAULT_TICKET_SETTINGS, csatChangeMinutes: 0 } });
    t.submitCsat(page(5), at);
    t.tick(at);
    expect(t.status).toBe('closed');
    expect(check(t, page(2), at).details).toMatchObject({ csat: 'already_answered', score: 5 });
  });

  it('shows the survey to its page: state, answer, change window, comment window, capture type', () => {
    const t = surveyed({ captureType: 'smile', score: 0, locale: 'ar' });
    expect(t.csatSurvey('tok')).toEqual({ state: 'open', ticketNumber: t.view().number, captureType: 'smile', locale: 'ar', branch: 'main', score: null, answeredAt: null, changeUntil: null, commentUntil: 0, followUpDays: 7 });
    t.submitCsat(page(3), at);
    expect(t.csatSurvey('tok')).toMatchObject({ state: 'answered', score: 3, changeUntil: at + W, commentUntil: at + CSAT_COMMENT_GRACE_MS });
  });
});
