// Chaos under load (issue 18), real processes on loopback: two API and two worker processes from the
// real entry points, one Temporal dev server, one Postgres database, real SMTP capture, a webhook
// receiver. Each scenario sends a batch of feedback through both APIs (a client retries what fails,
// with the same external id), answers and resolves the tickets, injects one fault in the middle, lets it
// recover and counts: accepted vs recorded feedback, tickets per feedback, e-mails per purpose per ticket,
// webhook events, stuck workflows, crashed processes. One summary line per scenario (README figures).
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES } from '../../domain/webhooks';
import { sleep, startCluster, type Cluster } from '../support/cluster';
import { driveAgent, driveIntake, login, request, settle, summary, ticketsOf, type Session, type Tally } from '../support/cluster-load';

const BATCH = 30;

let cluster: Cluster;
let session: Session;

beforeAll(async () => {
  cluster = await startCluster({ apis: 2, workers: 2, workflowBundlePath: inject('workflowBundlePath') });
  session = await login(cluster.apis[0].url!);
  const sub = await request(`${cluster.apis[1].url}/api/v1/webhooks`, { body: { url: cluster.webhooks.url, events: [...WEBHOOK_EVENT_TYPES], description: 'chaos receiver' }, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf } });
  if (sub.status !== 201) throw new Error(`webhook subscription: ${sub.status}`);
}, 360_000);
afterAll(async () => cluster?.close(), 60_000);

/** A fault: `inject` starts it at the moment given and resolves once it has been repaired. */
interface Fault {
  during: 'intake' | 'agent';
  inject(): Promise<void>;
}

async function scenario(name: string, fault: Fault): Promise<Tally> {
  const crashesBefore = cluster.crashes().length;
  const ids = Array.from({ length: BATCH }, (_, i) => `${name}-${i}`);
  let repaired: Promise<void> | null = null;
  const intake = await driveIntake(cluster, ids, {
    concurrency: 4,
    onProgress: (done) => {
      if (fault.during === 'intake' && done === Math.floor(BATCH / 3)) repaired = fault.inject();
    },
  });
  await repaired;
  const tickets = await ticketsOf(cluster, [...intake.accepted.values()], 240_000);
  if (fault.during === 'agent') repaired = fault.inject();
  const agent = await driveAgent(cluster, session, [...tickets.values()].slice(0, BATCH / 2));
  await repaired;
  const t = await settle(cluster, intake.accepted, 240_000);
  const crashed = cluster.crashes().slice(crashesBefore);
  const failures = [...intake.failures, ...agent.failures];
  const answers = failures.length ? `client saw ${failures.length} failed request(s) (${[...new Set(failures)].join('/')}), retried` : 'no failed request';
  console.log(summary(name, { ...t, crashed }, `${answers}; refused ${intake.refused.length}; load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`));
  // Bring back whatever died so the next scenario starts whole (its crash is counted above).
  for (const p of [...cluster.apis, ...cluster.workers]) if (!p.running()) await p.start();
  expect(intake.refused).toEqual([]);
  return { ...t, crashed };
}

function expectClean(t: Tally) {
  expect(t.lost).toEqual([]);
  expect(t.recorded).toBe(t.accepted);
  expect(t.duplicateTickets).toEqual([]);
  expect(t.duplicateMails).toEqual([]);
  expect(t.missingMails).toEqual([]);
  expect(t.undeliveredWebhooks).toEqual([]);
  expect(t.webhookIdClashes).toEqual([]);
  expect(t.stuck).toEqual([]);
  expect(t.crashed).toEqual([]);
}

describe('chaos under load', () => {
  it('SIGKILL a worker', async () => {
    expectClean(await scenario('sigkill-worker', { during: 'intake', inject: async () => { await cluster.workers[1].kill('SIGKILL'); await cluster.workers[1].start(); } }));
  }, 600_000);

  it('SIGKILL an API process', async () => {
    expectClean(await scenario('sigkill-api', { during: 'intake', inject: async () => { await cluster.apis[0].kill('SIGKILL'); await sleep(2_000); await cluster.apis[0].start(); } }));
  }, 600_000);

  it('mail server down for 20 s while agents answer and resolve', async () => {
    expectClean(await scenario('smtp-down', { during: 'agent', inject: async () => { await cluster.smtpDown(); await sleep(20_000); await cluster.smtpUp(); } }));
  }, 600_000);

  it('kill the Temporal dev server and restart it on its state file', async () => {
    expectClean(await scenario('temporal-restart', { during: 'intake', inject: async () => { await cluster.temporal.kill(); await sleep(5_000); await cluster.temporal.restart(); } }));
  }, 600_000);

  it("cut the app's Postgres connections for 30 s", async () => {
    expectClean(await scenario('postgres-cut-30s', { during: 'intake', inject: async () => { await cluster.cutDatabase(); try { await sleep(30_000); } finally { await cluster.restoreDatabase(); } } }));
  }, 600_000);
});
