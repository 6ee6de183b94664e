// `npm run bench -- escalation [1000 10000] [--compare] [--cache=N] [--lead=seconds] [--explain] [--sticky=10s] [--wf-slots=N] [--act-slots=N | --act-tuner=cpu,min]`: N open tickets whose L1 escalation falls due at the same
// instant; reports how late the escalations fire (p50/p99/max, from the workflow's own clock) and the
// worker process's peak memory. Real dev server, real Postgres (DATABASE_URL) or PGlite, real worker.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { createMailer } from '../activities/mailer';
import { openDatabase } from '../db/client';
import { notifications, ticketEvents, tickets, users } from '../db/schema';
import { DEFAULT_TICKET_SETTINGS, type TicketInput } from '../domain/ticket';
import { connectClient } from '../platform/temporal';
import { benchServer, machineLoad } from './support/temporal';
import { createWorker, workflowCacheSize } from '../worker';
import { ticketWorkflow } from '../workflows/ticket';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { installTemporalLogger } from '../platform/runtime';
import { timerProbe } from './timer-probe-workflow';
import { explainBurst } from './support/explain-history';
import { baselineLabel, benchPatchBaseline } from './support/patch-baseline';
import { cpuByPid, cpuByThread, cpuSince, processTree, threadSplit } from './support/cpu';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
// `--compare` also runs each size with the SDK's stock worker settings, to show what the product's
// defaults (worker.ts WORKER_TUNING) buy.
const SDK_STOCK: Partial<WorkerOptions> = {
  maxConcurrentWorkflowTaskExecutions: 40,
  maxConcurrentActivityTaskExecutions: 100,
  stickyQueueScheduleToStartTimeout: '10s',
  workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 10 },
  activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 10 },
};
// `--sticky=10s` / `--wf-slots=N`: try the sticky queue's schedule-to-start timeout (product default 30 s, the
// SDK's 10 s) and the workflow task slots (product default 20) against a burst; `--explain` counts the
// timeouts they cause. Activity slots (product: the SDK's fixed 100): `--act-slots=N` another fixed number,
// `--act-tuner=<target CPU 0–1>[,<minimum slots>]` the SDK's resource-based supplier (defaults 0.8, 2).
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
/** Activity slots from the SDK's resource-based supplier (handed out while the machine's CPU is below the
 * target), workflow task slots fixed. Tried as a product default and not kept (README, issue 20). */
function workerTuner(opts: { workflowSlots?: number; activityCpuTarget?: number; minimumActivitySlots?: number }): NonNullable<WorkerOptions['tuner']> {
  return {
    workflowTaskSlotSupplier: { type: 'fixed-size', numSlots: opts.workflowSlots ?? 20 },
    activityTaskSlotSupplier: {
      type: 'resource-based',
      minimumSlots: opts.minimumActivitySlots ?? 2,
      maximumSlots: 100,
      rampThrottle: 10,
      tunerOptions: { targetCpuUsage: opts.activityCpuTarget ?? 0.8, targetMemoryUsage: 0.9 },
    },
    localActivityTaskSlotSupplier: { type: 'fixed-size', numSlots: 100 },
    nexusTaskSlotSupplier: { type: 'fixed-size', numSlots: 10 },
  };
}
const workflowSlots = arg('wf-slots') ? Number(arg('wf-slots')) : undefined;
const [cpuTarget, minSlots] = (arg('act-tuner') ?? '').split(',').map((x) => (x ? Number(x) : undefined));
const tried: Partial<WorkerOptions> = {
  ...(arg('sticky') ? { stickyQueueScheduleToStartTimeout: arg('sticky') as WorkerOptions['stickyQueueScheduleToStartTimeout'] } : {}),
  ...(arg('act-tuner')
    ? { maxConcurrentWorkflowTaskExecutions: undefined, tuner: workerTuner({ workflowSlots, activityCpuTarget: cpuTarget, minimumActivitySlots: minSlots }) }
    : {
        ...(workflowSlots !== undefined ? { maxConcurrentWorkflowTaskExecutions: workflowSlots } : {}),
        ...(arg('act-slots') ? { maxConcurrentActivityTaskExecutions: Number(arg('act-slots')) } : {}),
      }),
};
const variants: Array<{ name: string; tuning: Partial<WorkerOptions> }> = [{ name: Object.keys(tried).length ? `product defaults with ${JSON.stringify(tried)}` : 'product defaults', tuning: tried }];
if (process.argv.includes('--compare')) variants.push({ name: 'SDK stock settings', tuning: SDK_STOCK });
// `--cache=N`: the worker's workflow cache (default: what the product worker sizes from its memory, worker.ts).
const cacheCap = Number(arg('cache') ?? workflowCacheSize());
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// Terminating a thousand busy tickets makes the SDK core warn about each late completion: quiet.
installTemporalLogger({ LOG_LEVEL: 'error' });
const dataDir = `/tmp/closeloop-bench-${process.pid}`;
const server = await benchServer(dataDir);
const { connection, client } = await connectClient(server.address, server.namespace);
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, poolSize: 20 } : { memory: true });
// The worker's activities get `database` to themselves; the bench's own polling reads through a second
// small pool, so a burst that keeps all 20 connections busy neither delays nor fails (connection timeout) them.
const reader = process.env.DATABASE_URL ? await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 2, connectionTimeoutMs: 60_000 }) : database;
const db = reader.db;

// CPU time per escalation / per bare timer from the due instant until the last one is done, by part: a
// figure the shared machine's load moves far less than lateness. The bench process is the worker (its
// workflow thread, activities and the core) plus the bench's own polling, which is small.
type Parts = Record<'server' | 'worker' | 'postgres', Map<number, number>> & { threads: ReturnType<typeof cpuByThread> };
async function cpuParts(): Promise<Parts> {
  const pids = process.env.DATABASE_URL ? ((await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`)) as { rows: Array<{ pid: number }> }).rows.map((r) => r.pid) : [];
  return {
    server: cpuByPid(processTree(process.pid).filter((p) => p !== process.pid)), // the dev server (none with TEMPORAL_ADDRESS)
    worker: cpuByPid([process.pid]),
    postgres: cpuByPid(pids),
    threads: cpuByThread(),
  };
}
const cpuPer = (before: Parts, after: Parts, n: number) =>
  (['server', 'worker', 'postgres'] as const).map((p) => `${p} ${(cpuSince(before[p], after[p]) / n).toFixed(1)}`).join(', ') +
  ` ms CPU each (worker: ${threadSplit(before.threads, after.threads, n)})`;
/** Snapshot at `at` (or now, if it has passed). */
const cpuAt = (at: number) => new Promise<Parts>((resolve) => setTimeout(() => resolve(cpuParts()), Math.max(0, at - Date.now())));
const userId = randomUUID();
await db.insert(users).values({ id: userId, email: `bench-${userId}@staff.test`, name: 'Bench', passwordHash: 'x', role: 'agent', branches: [] });

console.log(`escalation bench — ${server.label}, database ${database.driver}, ${baselineLabel()}; ${machineLoad()}`);
for (const n of sizes.length ? sizes : [1000, 10000]) for (const variant of variants) {
  const taskQueue = `bench-${n}-${Date.now()}`;
  console.log(`  worker: ${variant.name}, cache ${Math.min(cacheCap, n + 100)} workflows`);
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: server.namespace,
    taskQueue,
    deps: { db: database.db, mailer: createMailer({ from: 'bench@closeloop.test', outboxDir: `${dataDir}/outbox` }), slack: null, ai: null, publicUrl: 'http://bench', mailDomain: 'closeloop.test' },
    // Evicted tickets (beyond the cache) replay their history when they wake.
    tuning: { maxCachedWorkflows: Math.min(cacheCap, n + 100), ...variant.tuning },
  });
  const running = worker.run();
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

  // Every ticket is created "now" with an L1 step long enough to start them all first.
  const createdAt = Date.now();
  // Long enough for every ticket's start-up work (analysis, projection) to settle before the due instant.
  // `--lead=<seconds>` for a loaded machine, where the default is too short for the start-up work.
  const lead = arg('lead');
  const stepMs = lead ? Number(lead) * 1000 : 30_000 + n * 120;
  const dueAt = createdAt + stepMs;
  const base = 1_000_000 + Math.floor(Math.random() * 1000) * 100_000;
  const numbers = Array.from({ length: n }, (_, i) => base + i);
  const input = (number: number): TicketInput => ({
    number, feedbackId: null, createdAt, kind: 'recovery', priority: 'medium', channel: 'kiosk', captureType: 'star', score: 1,
    comment: null, contact: {}, branch: 'main', service: null, ruleId: null, ruleName: 'bench', assigneeId: userId,
    slaTargets: { firstResponseHours: 1000, resolutionHours: 1000, nextReplyHours: null }, calendar: null,
    escalationChain: [{ level: 1, afterHours: stepMs / 3_600_000, users: [{ userId, channel: 'email' }] }],
    settings: DEFAULT_TICKET_SETTINGS, repeatDetractor: false, csatSurvey: false, ...benchPatchBaseline(),
  });
  const t0 = Date.now();
  for (let i = 0; i < n; i += 100) {
    await Promise.all(numbers.slice(i, i + 100).map((num) => client.workflow.start(ticketWorkflow, { taskQueue, workflowId: `bench-ticket-${num}`, args: [input(num)] })));
  }
  const startSecs = (Date.now() - t0) / 1000;
  const cpuAtDue = cpuAt(dueAt); // includes start-up work if it is still running then (warned below)
  for (;;) {
    const [{ c }] = await db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(and(sql`${tickets.number} between ${numbers[0]} and ${numbers[n - 1]}`, sql`${tickets.ai} is not null`));
    if (Number(c) >= n) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const settledSecs = (Date.now() - t0) / 1000;
  if (Date.now() > dueAt) console.log(`  warning: start-up work was still running at the due instant (${settledSecs}s)`);
  const rssBefore = process.memoryUsage().rss;

  // Wait for every escalation event to be projected.
  for (;;) {
    const [{ c }] = await db.select({ c: sql<number>`count(*)::int` }).from(ticketEvents).where(and(eq(ticketEvents.type, 'escalated'), inArray(ticketEvents.ticketNumber, [numbers[0], numbers[n - 1]])));
    const [{ total }] = await db.select({ total: sql<number>`count(*)::int` }).from(ticketEvents).where(and(eq(ticketEvents.type, 'escalated'), sql`${ticketEvents.ticketNumber} between ${numbers[0]} and ${numbers[n - 1]}`));
    if (Number(total) >= n && Number(c) === 2) break;
    if (Date.now() > dueAt + 600_000) {
      console.log(`  only ${total}/${n} escalations within 10 min of the due instant; lateness below is of those`);
      break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  // Every escalation's notice: the e-mail sent (outbox row) and its timeline event projected.
  const inRange = sql`${ticketEvents.ticketNumber} between ${numbers[0]} and ${numbers[n - 1]}`;
  let sent = 0;
  let noticed = 0;
  for (;;) {
    [{ sent }] = await db.select({ sent: sql<number>`count(*)::int` }).from(notifications).where(and(like(notifications.key, '%:escalation-L1:%'), eq(notifications.status, 'sent'), sql`${notifications.ticketNumber} between ${numbers[0]} and ${numbers[n - 1]}`));
    [{ noticed }] = await db.select({ noticed: sql<number>`count(distinct ${ticketEvents.ticketNumber})::int` }).from(ticketEvents).where(and(eq(ticketEvents.type, 'notification_sent'), inRange));
    if ((Number(sent) >= n && Number(noticed) >= n) || Date.now() > dueAt + 600_000) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const noticesDoneSecs = (Date.now() - dueAt) / 1000;
  const cpuDone = await cpuParts();
  const rows = await db.select({ at: ticketEvents.at, number: ticketEvents.ticketNumber }).from(ticketEvents).where(and(eq(ticketEvents.type, 'escalated'), inRange));
  const late = rows.map((r) => r.at.getTime() - dueAt).sort((a, b) => a - b);
  clearInterval(sampler);
  console.log(
    `  ${n} tickets: started in ${startSecs.toFixed(1)} s (${(n / startSecs).toFixed(0)}/s), settled in ${settledSecs.toFixed(1)} s; escalation lateness p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, max ${late[late.length - 1]} ms; ` +
      `${Number(sent)}/${n} notice e-mails sent, ${Number(noticed)}/${n} notices projected (the last ${noticesDoneSecs.toFixed(1)} s after the due instant); ` +
      `worker process RSS ${(rssBefore / 2 ** 20).toFixed(0)} MiB with all tickets open, peak ${(peakRss / 2 ** 20).toFixed(0)} MiB; ${machineLoad()}`,
  );
  console.log(`  from the due instant until the last notice was projected: ${cpuPer(await cpuAtDue, cpuDone, n)}`);
  // `--explain`: timeouts and retries in the burst over every ticket, and the slowest tickets' event gaps.
  if (process.argv.includes('--explain')) await explainBurst(client, dueAt, rows.map((r) => ({ workflowId: `bench-ticket-${r.number}`, lateMs: r.at.getTime() - dueAt })));
  for (let i = 0; i < n; i += 200) await Promise.all(numbers.slice(i, i + 200).map((num) => client.workflow.getHandle(`bench-ticket-${num}`).terminate('bench over').catch(() => undefined)));
  worker.shutdown();
  await running;

  // Baseline on the same server: N workflows that only sleep until one instant.
  const probeQueue = `${taskQueue}-probe`;
  const probeWorker = await Worker.create({ connection: nativeConnection, namespace: server.namespace, taskQueue: probeQueue, workflowsPath: fileURLToPath(new URL('./timer-probe-workflow.ts', import.meta.url)), maxCachedWorkflows: Math.min(cacheCap, n + 100) });
  const probeRunning = probeWorker.run();
  const probeDue = Date.now() + 15_000 + n * 10;
  const handles = [];
  for (let i = 0; i < n; i += 100) handles.push(...(await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, j) => client.workflow.start(timerProbe, { taskQueue: probeQueue, workflowId: `probe-${taskQueue}-${i + j}`, args: [probeDue] })))));
  // Results in batches: 10 000 concurrent long polls exceed the dev server's per-namespace poller limit.
  const probeCpu = cpuAt(probeDue);
  const probeLate: number[] = [];
  for (let i = 0; i < handles.length; i += 200) probeLate.push(...(await Promise.all(handles.slice(i, i + 200).map((h) => h.result()))));
  const probeCpuDone = await cpuParts();
  probeLate.sort((a, b) => a - b);
  console.log(`  baseline, ${n} bare timer workflows due at one instant: lateness p50 ${pct(probeLate, 50)} ms, p99 ${pct(probeLate, 99)} ms, max ${probeLate[n - 1]} ms; ${machineLoad()}`);
  console.log(`  from the due instant until the last timer fired: ${cpuPer(await probeCpu, probeCpuDone, n)}`);
  probeWorker.shutdown();
  await probeRunning;
  await nativeConnection.close();
}
await connection.close();
if (reader !== database) await reader.close();
await database.close();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
