// Replying on Google from the ticket, on the real stack against the local Business Profile server: a
// one-star review becomes a ticket; the agent's public reply is posted as the owner's reply to the
// review (a later one replaces it), a 5xx is retried into exactly one reply, a refusal is reported on the
// timeline, and an agent can delete the reply. A reviewer who later raises the rating above three stars
// is noted on the ticket.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleReplyActivities } from '../../activities/google-reply';
import { feedback, googleReviews } from '../../db/schema';
import type { Ticket } from '../../api/ticket-schemas';
import { ticketWorkflowId } from '../../domain/ticket';
import { googleReviewsWorkflow } from '../../workflows/google-reviews';
import { startFakeGoogleBusiness, type FakeGoogleBusiness } from '../support/google-business';
import { startStack, type Session, type Stack } from '../support/stack';
import { saveHistory } from '../support/ticket-workflow';

let s: Stack;
let g: FakeGoogleBusiness;
let admin: Session;
let n: number;
const A = 'accounts/111/locations/222';
const REVIEW = `${A}/reviews/r-1`;
const iso = (ms: number) => new Date(ms).toISOString();

async function pollOnce(): Promise<void> {
  await s.temporal.env.client.workflow.execute(googleReviewsWorkflow, { taskQueue: s.taskQueue, workflowId: `google-reviews-${Date.now()}`, args: [[{ name: A, branch: 'main' }]] });
}

const ticket = async () => (await (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).json()) as Ticket;
const post = (path: string, body: unknown) => s.call('POST', `/api/v1/tickets/${n}${path}`, body, admin);
const replyOnGoogle = () => g.reviews(A).find((r) => r.reviewId === 'r-1')?.reviewReply?.comment;
/** The timeline once it holds `count` events of `type`. */
const eventsOnceThere = (type: string, count: number) =>
  s.eventually(async () => {
    const found = (await ticket()).timeline.filter((e) => e.type === type);
    return found.length >= count ? found : null;
  }, 60_000);

beforeAll(async () => {
  g = await startFakeGoogleBusiness();
  s = await startStack({ activityDeps: { google: { baseUrl: g.url, token: g.token, backfillDays: 7 } } });
  admin = await s.login();
  g.put(A, { reviewId: 'r-1', reviewer: { displayName: 'Dana' }, starRating: 'ONE', comment: 'Cold food, rude waiter', createTime: iso(Date.now() - 60_000), updateTime: iso(Date.now() - 60_000) });
  await pollOnce();
  const row = await s.eventually(async () => {
    const [r] = await s.database.db.select().from(feedback).where(eq(feedback.externalId, 'r-1'));
    return r?.ticketNumber ? r : null;
  }, 60_000);
  n = row.ticketNumber!;
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
}, 120_000);
afterAll(async () => {
  await s?.teardown();
  await g?.close();
});

describe('reply on Google from the ticket', () => {
  it("posts the agent's public reply as the owner's reply to the review, not by e-mail", async () => {
    const mailsBefore = s.smtp.messages.length;
    expect((await post('/comments', { body: 'Sorry, Dana — dinner is on us next time.', visibility: 'public' })).status).toBe(200);
    const [e] = await eventsOnceThere('google_reply', 1);
    expect(e.data).toEqual({ kind: 'google_reply', review: REVIEW });
    expect(replyOnGoogle()).toBe('Sorry, Dana — dinner is on us next time.');
    expect(g.replyRequests).toEqual([{ method: 'PUT', review: REVIEW, status: 200 }]);
    // Nothing went out by e-mail (agents' own notification mails, "[Closeloop] …", may arrive meanwhile).
    expect(s.smtp.messages.slice(mailsBefore).filter((m) => !(m.parsed.subject ?? '').startsWith('[Closeloop]'))).toEqual([]);
  }, 90_000);

  it('replaces the reply with a later one, retrying a 5xx into exactly one reply', async () => {
    g.failReplies(503, 1);
    expect((await post('/comments', { body: 'Update: the manager will call you.', visibility: 'public' })).status).toBe(200);
    const events = await eventsOnceThere('google_reply', 2);
    expect(events[1].data).toEqual({ kind: 'google_reply', review: REVIEW });
    expect(replyOnGoogle()).toBe('Update: the manager will call you.');
    expect(g.replyRequests.slice(1)).toEqual([
      { method: 'PUT', review: REVIEW, status: 503 },
      { method: 'PUT', review: REVIEW, status: 200 },
    ]);
  }, 90_000);

  it('reports a refusal that cannot heal on the timeline without retrying it', async () => {
    g.failReplies(403, 1);
    const before = g.replyRequests.length;
    expect((await post('/comments', { body: 'A third try.', visibility: 'public' })).status).toBe(200);
    const events = await eventsOnceThere('google_reply', 3);
    expect(events[2].data).toMatchObject({ kind: 'google_reply', review: REVIEW, delivery: 'failed', error: expect.stringContaining('answered 403') });
    expect(events[2].reason).toContain('answered 403');
    // Give a wrongly retried attempt time to show up (the first retry comes after one second).
    await new Promise((r) => setTimeout(r, 2500));
    expect(g.replyRequests.slice(before)).toEqual([{ method: 'PUT', review: REVIEW, status: 403 }]);
    expect(replyOnGoogle()).toBe('Update: the manager will call you.');
  }, 90_000);

  it('lets an agent delete the reply on Google', async () => {
    expect((await post('/google-reply/delete', {})).status).toBe(200);
    const [e] = await eventsOnceThere('google_reply_deleted', 1);
    expect(e.data).toEqual({ kind: 'google_reply_deleted', review: REVIEW, by: 'Admin' });
    expect(replyOnGoogle()).toBeUndefined();
    expect(g.replyRequests.at(-1)).toEqual({ method: 'DELETE', review: REVIEW, status: 200 });
  }, 90_000);

  it('refuses to delete a reply on Google for a ticket that did not come from Google', async () => {
    const fb = { channel: 'qr', type: 'nps', score: 1, comment: 'Slow', contact: { email: 'x@example.com' }, branch: 'main', externalId: 'q-google-reply' };
    const other = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${other}`, undefined, admin)).status === 200);
    const refused = await s.call('POST', `/api/v1/tickets/${other}/google-reply/delete`, {}, admin);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('Google review');
  }, 60_000);

  it('fails for good on a token Google no longer accepts (401) and on an unknown review (404)', async () => {
    const view = await ticket();
    const expired = createGoogleReplyActivities({ db: s.database.db, google: { baseUrl: g.url, token: 'expired-token', backfillDays: 7 } });
    expect(await expired.replyOnGoogle(view, 9001, 'hello')).toMatchObject({ kind: 'google_reply', delivery: 'failed', error: expect.stringContaining('answered 401') });
    // The review was removed on Google meanwhile.
    await s.database.db.update(googleReviews).set({ name: `${A}/reviews/r-removed` }).where(eq(googleReviews.reviewId, 'r-1'));
    const good = createGoogleReplyActivities({ db: s.database.db, google: { baseUrl: g.url, token: g.token, backfillDays: 7 } });
    expect(await good.replyOnGoogle(view, 9002, 'hello')).toMatchObject({ review: `${A}/reviews/r-removed`, delivery: 'failed', error: expect.stringContaining('answered 404') });
  });

  it('notes on the ticket, once, that the reviewer raised the rating above three stars', async () => {
    g.put(A, { reviewId: 'r-1', reviewer: { displayName: 'Dana' }, starRating: 'FOUR', comment: 'They called and made it right', createTime: iso(Date.now() - 60_000), updateTime: iso(Date.now()) });
    await pollOnce();
    const [e] = await eventsOnceThere('google_rating_changed', 1);
    expect(e).toMatchObject({ from: '1', to: '4', data: { reviewId: 'r-1', from: 1, to: 4 } });
    // The same edit seen again (the next poll re-reads at its watermark) is not noted twice, and no new ticket opens.
    await pollOnce();
    await new Promise((r) => setTimeout(r, 1000));
    expect((await ticket()).timeline.filter((x) => x.type === 'google_rating_changed')).toHaveLength(1);
    expect(await s.database.db.select().from(feedback).where(eq(feedback.externalId, 'r-1'))).toHaveLength(1);
    // Replies on Google (a retry, a refusal), their delete and the rating change: guarded by test/workflows/replay.test.ts.
    saveHistory(s.temporal.address, s.temporal.env.client.workflow.getHandle(ticketWorkflowId(n)), 'google-reply-and-delete');
  }, 90_000);
});
