// The webhook dispatcher's timer paths on the time-skipping server, with real activities (Postgres
// outbox, a loopback receiver): an event queued without a wake signal is found by the idle look, and the
// dispatcher hands over to a new run (continue-as-new) as its history grows.
import type { WorkflowHandle } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities';
import { DEFAULT_WEBHOOK_CONFIG } from '../../activities/webhooks';
import { createMailer } from '../../activities/mailer';
import { users, webhookSubscriptions } from '../../db/schema';
import { enqueueWebhookEvents, resumeSubscription, type NewWebhookEvent } from '../../db/webhooks';
import { parseAllowList } from '../../domain/webhook-target';
import { WEBHOOK_PAYLOAD_VERSION } from '../../domain/webhooks';
import { webhookDispatcherWorkflow } from '../../workflows/webhook-dispatcher';
import { dispatcherWorkflowId } from '../../workflows/webhook-messages';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { startTimeSkippingEnv, workflowBundle, type TemporalTestEnv } from '../support/temporal';
import { saveHistory, settleActivities } from '../support/ticket-workflow';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

const MIN = 60_000;
let t: TemporalTestEnv;
let database: TestDatabase;
let smtp: SmtpCapture;
let rx: WebhookReceiver;
let deps: ActivityDeps;

beforeAll(async () => {
  [t, database, smtp, rx] = await Promise.all([startTimeSkippingEnv(), createTestDatabase(), startSmtpCapture(), startWebhookReceiver()]);
  deps = {
    db: database.db,
    mailer: createMailer({ smtpUrl: smtp.url, from: 'support@closeloop.test' }),
    slack: null,
    ai: null,
    publicUrl: 'http://closeloop.test',
    mailDomain: 'closeloop.test',
    webhooks: { ...DEFAULT_WEBHOOK_CONFIG, allowList: parseAllowList('127.0.0.1') },
  };
});
afterAll(async () => {
  deps?.mailer.close();
  await Promise.all([t?.teardown(), database?.drop(), smtp?.close(), rx?.close()]);
});

const event = (id: string, seq: number): NewWebhookEvent => ({ id, type: 'ticket.created' as const, partitionKey: 'ticket:1', seq, payload: { id, type: 'ticket.created' as const, version: WEBHOOK_PAYLOAD_VERSION, timestamp: new Date().toISOString(), data: {} } });

/** Until the run's first look (its opening nextWebhookEvents) has completed: on a loaded machine the first
 * workflow task can come after settleActivities already saw no pending activity. */
async function firstLookDone(handle: WorkflowHandle) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { events } = await handle.fetchHistory();
    if ((events ?? []).some((e) => e.activityTaskCompletedEventAttributes)) return;
    if (Date.now() > deadline) throw new Error('the dispatcher never completed its first look');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function idle(handle: WorkflowHandle) {
  await settleActivities([handle]);
  await new Promise((r) => setTimeout(r, 200));
}

describe('webhook dispatcher timers', () => {
  it('finds events queued without a wake signal at its next look, and continues as new as history grows', async () => {
    await database.db.insert(webhookSubscriptions).values({ id: 'sub-1', url: rx.url, events: ['ticket.created'], secret: 'whsec_' + Buffer.from('k').toString('base64') });
    const worker = await Worker.create({ connection: t.env.nativeConnection, taskQueue: 'dispatch', activities: createActivities(deps), workflowBundle: workflowBundle(), maxCachedWorkflows: 0 });
    await worker.runUntil(async () => {
      const handle = await t.env.client.workflow.start(webhookDispatcherWorkflow, { taskQueue: 'dispatch', workflowId: dispatcherWorkflowId('sub-1'), args: ['sub-1', 60] });
      await firstLookDone(handle);
      await idle(handle);
      // Queued as the projection does, but nobody signals (as when the wake after the commit failed).
      await enqueueWebhookEvents(database.db, [event('evt_a', 1), event('evt_b', 2)]);
      await new Promise((r) => setTimeout(r, 300));
      expect(rx.received).toHaveLength(0); // not before its look
      await t.env.sleep(5 * MIN + 1000);
      const deadline = Date.now() + 15_000;
      while (rx.received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(rx.received.map((h) => h.json.id)).toEqual(['evt_a', 'evt_b']);
      await idle(handle);
      saveHistory(t.address, handle, 'webhook-dispatcher-idle-look');

      // Idle looks add history; well before Temporal's limits the run hands over to a new one.
      const firstRun = (await handle.describe()).runId;
      for (let i = 0; i < 20 && (await handle.describe()).runId === firstRun; i++) {
        await t.env.sleep(5 * MIN + 1000);
        await idle(handle);
      }
      const now = await handle.describe();
      expect(now.runId).not.toBe(firstRun);
      expect(now.status.name).toBe('RUNNING');
      await enqueueWebhookEvents(database.db, [event('evt_c', 3)]);
      await t.env.client.workflow.getHandle(dispatcherWorkflowId('sub-1')).signal('wake');
      const until = Date.now() + 15_000;
      while (rx.received.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(rx.received.map((h) => h.json.id)).toEqual(['evt_a', 'evt_b', 'evt_c']);
      await handle.terminate('test over');
    });
  }, 120_000);

  it('pauses after the last retry, and a resume signal delivers the same event first', async () => {
    await database.db.insert(users).values({ id: 'admin-1', email: 'admin@closeloop.test', name: 'Admin', passwordHash: '!', role: 'admin' });
    await database.db.insert(webhookSubscriptions).values({ id: 'sub-2', url: rx.url, events: ['ticket.created'], secret: 'whsec_' + Buffer.from('k').toString('base64') });
    const fast = { ...deps, webhooks: { ...deps.webhooks!, retry: { maximumAttempts: 2, initialIntervalMs: 100, maximumIntervalMs: 100 } } };
    const worker = await Worker.create({ connection: t.env.nativeConnection, taskQueue: 'dispatch-2', activities: createActivities(fast), workflowBundle: workflowBundle(), maxCachedWorkflows: 0 });
    rx.received.length = 0;
    rx.status = 500;
    await worker.runUntil(async () => {
      await enqueueWebhookEvents(database.db, [{ ...event('evt_p1', 1), partitionKey: 'ticket:2' }, { ...event('evt_p2', 2), partitionKey: 'ticket:2' }]);
      const handle = await t.env.client.workflow.start(webhookDispatcherWorkflow, { taskQueue: 'dispatch-2', workflowId: dispatcherWorkflowId('sub-2'), args: ['sub-2'] });
      const deadline = Date.now() + 15_000;
      let status = 'active';
      while (status !== 'paused' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        status = (await database.db.select().from(webhookSubscriptions)).find((x) => x.id === 'sub-2')!.status;
      }
      expect(status).toBe('paused');
      expect(rx.received.map((h) => h.json.id)).toEqual(['evt_p1', 'evt_p1']); // two attempts, the later event waits
      await smtp.waitFor((m) => /Webhook paused/.test(m.parsed.subject ?? ''));
      await idle(handle);
      saveHistory(t.address, handle, 'webhook-dispatcher-paused');

      rx.status = 200;
      await resumeSubscription(database.db, 'sub-2');
      await handle.signal('wake');
      const until = Date.now() + 15_000;
      while (rx.received.filter((h) => h.answered === 200).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(rx.received.filter((h) => h.answered === 200).map((h) => h.json.id)).toEqual(['evt_p1', 'evt_p2']);
      await idle(handle);
      await handle.terminate('test over');
    });
  }, 60_000);
});
