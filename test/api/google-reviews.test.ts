// The Google reviews bridge on the real stack against a local server speaking the Google Business
// Profile reviews API: the schedule (created/updated idempotently) polls, pages through the reviews,
// turns each new review of three stars or fewer into feedback on the google channel exactly once
// (review id = externalId, same intake workflow id as the API), and stops reading at its watermark.
import { WorkflowFailedError } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleReviewActivities } from '../../activities/google-reviews';
import { branches, feedback, googleReviewSync, tickets } from '../../db/schema';
import type { GoogleLocation } from '../../domain/google-reviews';
import { ensureGoogleReviewsSchedule, googleReviewsScheduleId } from '../../platform/google-reviews-schedule';
import { googleReviewsWorkflow, type GoogleReviewsPollResult } from '../../workflows/google-reviews';
import { startFakeGoogleBusiness, type FakeGoogleBusiness, type StarRating } from '../support/google-business';
import { startStack, type Stack } from '../support/stack';

let s: Stack;
let g: FakeGoogleBusiness;
const MIN = 60_000;
const A = 'accounts/111/locations/222';
const B = 'accounts/111/locations/333';
const locations: GoogleLocation[] = [
  { name: A, branch: 'main' },
  { name: B, branch: 'north' },
];
const RATINGS: StarRating[] = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'];
const iso = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  g = await startFakeGoogleBusiness();
  s = await startStack({ activityDeps: { google: { baseUrl: g.url, token: g.token, backfillDays: 7 } } });
  await s.database.db.insert(branches).values({ id: 'north', name: 'North' });
  const now = Date.now();
  // 120 recent reviews at A (three pages of 50), every rating in turn; one low review from before the backfill window.
  for (let i = 0; i < 120; i++) {
    const t = iso(now - (i + 1) * MIN);
    g.put(A, { reviewId: `a-${i}`, reviewer: { displayName: `Reviewer ${i}` }, starRating: RATINGS[i % 5], comment: `Review number ${i}`, createTime: t, updateTime: t });
  }
  g.put(A, { reviewId: 'a-old', reviewer: { displayName: 'Old' }, starRating: 'ONE', comment: 'Long ago', createTime: iso(now - 10 * 86_400_000), updateTime: iso(now - 10 * 86_400_000) });
  g.put(B, { reviewId: 'b-1', reviewer: { displayName: 'A Google user', isAnonymous: true }, starRating: 'TWO', createTime: iso(now - 5 * MIN), updateTime: iso(now - 5 * MIN) });
  g.put(B, { reviewId: 'b-2', reviewer: { displayName: 'Happy' }, starRating: 'FIVE', comment: 'Great', createTime: iso(now - 6 * MIN), updateTime: iso(now - 6 * MIN) });
});
afterAll(async () => {
  await s?.teardown();
  await g?.close();
});

const googleRows = () => s.database.db.select().from(feedback).where(eq(feedback.channel, 'google'));

/** Triggers the schedule once and waits for that poll's result. */
async function poll(): Promise<GoogleReviewsPollResult[]> {
  const handle = s.temporal.env.client.schedule.getHandle(googleReviewsScheduleId(s.taskQueue));
  const recent = (await handle.describe()).info.recentActions;
  const seen = new Set(recent.map((a) => a.action.workflow.workflowId));
  // A scheduled run's workflow id ends in the second it was taken: a trigger within the same second as
  // the previous one would collide with it and start nothing.
  const last = recent.at(-1)?.takenAt.getTime() ?? 0;
  if (Date.now() < last + 1100) await new Promise((r) => setTimeout(r, last + 1100 - Date.now()));
  await handle.trigger();
  const action = await s.eventually(async () => (await handle.describe()).info.recentActions.find((a) => !seen.has(a.action.workflow.workflowId)));
  return s.temporal.env.client.workflow.getHandle<typeof googleReviewsWorkflow>(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId).result();
}

/** Every intake the poll started has been evaluated. */
const settled = (n: number) =>
  s.eventually(async () => {
    const rows = await googleRows();
    return rows.length === n && rows.every((r) => r.outcome !== null) ? rows : null;
  }, 60_000);

describe('Google reviews bridge', () => {
  it('creates its schedule idempotently and keeps it up to date', async () => {
    const client = s.temporal.env.client;
    expect(await ensureGoogleReviewsSchedule(client, s.taskQueue, { locations, pollSeconds: 3600 })).toBe('created');
    // Long enough that the schedule never fires on its own during the test: the test triggers each poll.
    expect(await ensureGoogleReviewsSchedule(client, s.taskQueue, { locations, pollSeconds: 30 * 86_400 })).toBe('updated');
    const d = await client.schedule.getHandle(googleReviewsScheduleId(s.taskQueue)).describe();
    expect(d.spec.intervals?.map((i) => i.every)).toEqual([30 * 86_400_000]);
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'googleReviewsWorkflow', taskQueue: s.taskQueue, args: [locations] });
    const ids: string[] = [];
    for await (const sch of client.schedule.list()) ids.push(sch.scheduleId);
    expect(ids.filter((id) => id === googleReviewsScheduleId(s.taskQueue))).toHaveLength(1);
  });

  it('pages through the reviews and turns each low one into feedback for the mapped branch', async () => {
    const results = await poll();
    expect(results).toEqual([
      { location: A, accepted: 72 }, // 3 of every 5 ratings are three stars or fewer
      { location: B, accepted: 1 },
    ]);
    const toA = g.requests.filter((r) => r.location === A);
    expect(toA).toHaveLength(3);
    expect(toA.map((r) => r.pageToken === null)).toEqual([true, false, false]);
    for (const r of g.requests) expect(r).toMatchObject({ authorization: `Bearer ${g.token}`, pageSize: 50, orderBy: 'updateTime desc' });

    const rows = await settled(73);
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect([...byId.keys()].every((id) => /^a-\d+$/.test(id!) ? [0, 1, 2].includes(Number(id!.slice(2)) % 5) : id === 'b-1')).toBe(true);
    expect(byId.has('a-old')).toBe(false);
    const a0 = g.reviews(A).find((r) => r.reviewId === 'a-0')!;
    expect(byId.get('a-0')).toMatchObject({ id: 'feedback-google-a-0', type: 'star', score: 1, comment: 'Review number 0', contact: { name: 'Reviewer 0' }, branch: 'main', submittedAt: new Date(a0.updateTime) });
    expect(byId.get('b-1')).toMatchObject({ score: 2, comment: null, contact: {}, branch: 'north' });
    // The rules decide what opens: the demo rule takes 1–2★, so a one-star review opened a ticket.
    expect(byId.get('a-0')!.outcome).toBe('ticket');
    expect(byId.get('a-2')!.outcome).toBe('no_match');
    const [t] = await s.eventually(async () => {
      const found = await s.database.db.select().from(tickets).where(eq(tickets.number, byId.get('a-0')!.ticketNumber!));
      return found.length ? found : null;
    });
    expect(t).toMatchObject({ channel: 'google', branch: 'main', score: 1 });
    const [sync] = await s.database.db.select().from(googleReviewSync).where(eq(googleReviewSync.location, A));
    expect(sync.watermark.toISOString()).toBe(g.reviews(A).find((r) => r.reviewId === 'a-0')!.updateTime);
  }, 120_000);

  it('on the next poll reads only down to its watermark and takes new and newly low reviews once', async () => {
    const before = g.requests.length;
    const now = Date.now();
    g.put(A, { reviewId: 'a-new', reviewer: { displayName: 'New' }, starRating: 'TWO', comment: 'Rude staff', createTime: iso(now), updateTime: iso(now) });
    // Already taken at one star; edited later: no second feedback.
    g.put(A, { reviewId: 'a-0', reviewer: { displayName: 'Reviewer 0' }, starRating: 'TWO', comment: 'Edited: still bad', createTime: iso(now - MIN), updateTime: iso(now - 1000) });
    // Four stars before, edited down to one: it is a low review now.
    g.put(A, { reviewId: 'a-3', reviewer: { displayName: 'Reviewer 3' }, starRating: 'ONE', comment: 'Changed my mind', createTime: iso(now - 4 * MIN), updateTime: iso(now - 2000) });
    expect(await poll()).toEqual([
      { location: A, accepted: 2 },
      { location: B, accepted: 0 },
    ]);
    const rows = await settled(75);
    expect(g.requests.slice(before).filter((r) => r.location === A)).toHaveLength(1); // the first page reaches past the watermark
    const byId = new Map(rows.map((r) => [r.externalId, r]));
    expect(byId.get('a-0')).toMatchObject({ score: 1, comment: 'Review number 0' });
    expect(byId.get('a-3')).toMatchObject({ score: 1, comment: 'Changed my mind' });
    expect(byId.get('a-new')).toMatchObject({ score: 2, branch: 'main' });

    // Nothing changed: nothing new. And the API sees the same id, so a review pushed there too is a duplicate.
    expect(await poll()).toEqual([
      { location: A, accepted: 0 },
      { location: B, accepted: 0 },
    ]);
    const res = await s.postFeedback({ channel: 'google', type: 'star', score: 2, externalId: 'a-new' });
    expect(((await res.json()) as { duplicate: boolean }).duplicate).toBe(true);
    expect(await googleRows()).toHaveLength(75);
  }, 120_000);

  it('fails a location clearly (bad token, unknown branch) without stopping the others', async () => {
    const acts = createGoogleReviewActivities({ db: s.database.db, google: { baseUrl: g.url, token: 'expired-token', backfillDays: 7 } });
    await expect(acts.fetchNewGoogleReviews({ name: B, branch: 'north' })).rejects.toMatchObject({ nonRetryable: true, message: expect.stringContaining('answered 401') });
    const good = createGoogleReviewActivities({ db: s.database.db, google: { baseUrl: g.url, token: g.token, backfillDays: 7 } });
    await expect(good.fetchNewGoogleReviews({ name: B, branch: 'atlantis' })).rejects.toMatchObject({ message: 'GOOGLE_BUSINESS_LOCATIONS maps accounts/111/locations/333 to unknown branch "atlantis"' });

    const C = 'accounts/111/locations/444';
    g.put(C, { reviewId: 'c-1', reviewer: { displayName: 'Cee' }, starRating: 'THREE', comment: 'Meh', createTime: iso(Date.now()), updateTime: iso(Date.now()) });
    const run = s.temporal.env.client.workflow.execute(googleReviewsWorkflow, {
      taskQueue: s.taskQueue,
      workflowId: `google-reviews-mixed-${Date.now()}`,
      args: [[{ name: B, branch: 'atlantis' }, { name: C, branch: 'main' }]],
    });
    const err = await run.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toContain('unknown branch "atlantis"');
    await s.eventually(async () => (await s.database.db.select().from(feedback).where(and(eq(feedback.channel, 'google'), eq(feedback.externalId, 'c-1')))).length === 1);
    const [{ n }] = await s.database.db.select({ n: sql<number>`count(*)::int` }).from(feedback).where(eq(feedback.branch, 'atlantis'));
    expect(Number(n)).toBe(0);
  });

  it('removes its schedule when the bridge is no longer configured', async () => {
    expect(await ensureGoogleReviewsSchedule(s.temporal.env.client, s.taskQueue, null)).toBe('deleted');
    expect(await ensureGoogleReviewsSchedule(s.temporal.env.client, s.taskQueue, null)).toBe('absent');
  });
});
