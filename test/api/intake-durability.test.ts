// Accepting a feedback is durable before the 2xx: the intake workflow start is the acceptance, so a
// feedback accepted while no worker runs is evaluated once a worker starts — exactly once, even when
// the worker is lost after the evaluation committed and Temporal retries it.
import { randomBytes } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createIntakeActivities } from '../../activities/intake';
import { createApp } from '../../api/app';
import { branches, feedback, rules, tickets } from '../../db/schema';
import type { IntakeResult } from '../../workflows/intake';
import { INTAKE_KEY, startStack, type Session, type Stack } from '../support/stack';
import { workflowBundle } from '../support/temporal';
import { insertUser } from '../support/ticket-fixtures';
import { saveHistory } from '../support/ticket-workflow';

let s: Stack;
let admin: Session;
let ruleId: string;
const pool: string[] = [];

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  await s.database.db.insert(branches).values({ id: 'durable', name: 'Durable' });
  for (const name of ['Ada', 'Ben', 'Cy', 'Dee']) pool.push((await insertUser(s.database.db, name)).id);
  const res = await s.call('POST', '/api/v1/rules', { name: 'Durable branch', trigger: { buckets: ['star_1_2'] }, scope: { branches: ['durable'], services: [] }, outcome: { priority: 'medium', pool, strategy: 'round_robin' } }, admin);
  ruleId = ((await res.json()) as { id: string }).id;
  const order = (await s.database.db.select({ id: rules.id }).from(rules).orderBy(rules.position)).map((r) => r.id);
  await s.call('POST', '/api/v1/rules/reorder', { ids: [ruleId, ...order.filter((id) => id !== ruleId)] }, admin);
});
afterAll(async () => s?.teardown());

describe('durable acceptance', () => {
  it('evaluates a feedback accepted while no worker runs exactly once after one starts, across a lost evaluation', async () => {
    // An API process whose task queue has no worker yet.
    const queue = `no-worker-${randomBytes(4).toString('hex')}`;
    const api = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: { ...s.config, TEMPORAL_TASK_QUEUE: queue } });
    const ids = ['d-1', 'd-2', 'd-3'];
    for (const externalId of ids) {
      const res = await api.request('/api/v1/feedback', {
        method: 'POST',
        headers: { authorization: `Bearer ${INTAKE_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'web', type: 'star', score: 1, branch: 'durable', contact: { email: `${externalId}@example.com` }, externalId }),
      });
      expect(res.status).toBe(202);
    }
    const workflowIds = ids.map((id) => `feedback-web-${id}`);
    // Accepted (Temporal has them) but nothing evaluated: no worker has picked them up.
    for (const id of workflowIds) expect((await s.temporal.env.client.workflow.getHandle(id).describe()).status.name).toBe('RUNNING');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await s.database.db.select().from(feedback).where(inArray(feedback.id, workflowIds))).toEqual([]);

    // A worker starts. Its first evaluation of each feedback commits, then the worker "dies" before
    // reporting back (the attempt fails after the commit), so Temporal runs the evaluation again.
    const real = createActivities(s.deps);
    const calls = new Map<string, number>();
    const worker = await Worker.create({
      connection: s.temporal.env.nativeConnection,
      namespace: 'default',
      taskQueue: queue,
      workflowBundle: workflowBundle(),
      activities: {
        ...real,
        // intake-local-activity: the evaluation (and the ticket's start) runs inside the one local activity.
        async recordEvaluateAndStartTicket(...args: Parameters<typeof real.recordEvaluateAndStartTicket>) {
          const feedbackId = args[0];
          const decision = await real.recordEvaluateAndStartTicket(...args);
          const n = (calls.get(feedbackId) ?? 0) + 1;
          calls.set(feedbackId, n);
          if (n === 1) throw new Error('worker lost after the evaluation committed');
          return decision;
        },
      },
    });
    const running = worker.run();
    try {
      const results = await Promise.all(workflowIds.map((id) => s.temporal.env.client.workflow.getHandle<() => Promise<IntakeResult>>(id).result()));
      expect(results.map((r) => r.outcome)).toEqual(['ticket', 'ticket', 'ticket']);
      expect([...calls.values()]).toEqual([2, 2, 2]);
      const history = await s.temporal.env.client.workflow.getHandle(workflowIds[0]).fetchHistory();
      // intake-local-activity: no activity task through the server, one local activity (retried by the
      // worker itself) recorded as one marker, and no child: the activity started the ticket's workflow.
      const activities = history.events!.map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter(Boolean);
      expect(activities).toEqual([]);
      const markers = history.events!.map((e) => e.markerRecordedEventAttributes?.markerName).filter(Boolean);
      expect(markers.filter((m) => m === 'core_local_activity')).toHaveLength(1);
      expect(markers.filter((m) => m === 'core_patch')).toEqual([]); // patch baseline 1: the API starts intakes with it
      expect(history.events!.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toEqual([]);
      expect(history.events!.filter((e) => e.workflowTaskCompletedEventAttributes)).toHaveLength(1);
      saveHistory(s.temporal.address, s.temporal.env.client.workflow.getHandle(workflowIds[0]), 'intake-patch-baseline-1'); // intake-local-activity.json: the same path, asked with patched()

      // One decision per feedback: the first three of the four pool members, the cursor moved three times
      // (to Cy), not six (which would have left it on Ben).
      const rows = await s.database.db.select().from(feedback).where(inArray(feedback.id, workflowIds));
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r.assigneeId))).toEqual(new Set(pool.slice(0, 3)));
      expect(rows.map((r) => r.ticketNumber).sort()).toEqual(results.map((r) => r.ticketNumber).sort());
      const [rule] = await s.database.db.select({ rrCursor: rules.rrCursor }).from(rules).where(eq(rules.id, ruleId));
      expect(rule.rrCursor).toBe(2);
      await s.eventually(async () => {
        const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(inArray(tickets.feedbackId, workflowIds));
        return Number(c) === 3;
      });

      // A later retry (e.g. a replayed intake) returns the stored decision and changes nothing.
      const again = await createIntakeActivities(s.database.db).evaluateFeedback(workflowIds[0]);
      expect(again.outcome === 'ticket' && again.ticket.number).toBe(rows.find((r) => r.id === workflowIds[0])!.ticketNumber);
      const [after] = await s.database.db.select({ rrCursor: rules.rrCursor }).from(rules).where(eq(rules.id, ruleId));
      expect(after.rrCursor).toBe(2);
    } finally {
      worker.shutdown();
      await running;
    }

    // The same feedback submitted again (a client retry after a lost 2xx) is a duplicate, not a second ticket.
    const dup = await api.request('/api/v1/feedback', {
      method: 'POST',
      headers: { authorization: `Bearer ${INTAKE_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'web', type: 'star', score: 1, branch: 'durable', externalId: 'd-1' }),
    });
    expect(((await dup.json()) as { duplicate: boolean }).duplicate).toBe(true);
    const [{ c }] = await s.database.db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(inArray(tickets.feedbackId, workflowIds));
    expect(Number(c)).toBe(3);
  }, 120_000);
});
