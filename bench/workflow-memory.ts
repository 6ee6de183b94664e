// `npm run bench -- workflow-memory [n]` (node needs --expose-gc for steadier figures: NODE_OPTIONS=--expose-gc):
// worker memory per cached workflow. Three bundles with the same sleeping workflow — bare, with zod
// imported, and bundled together with the ticket workflow — show what the bundle itself costs; then n
// real ticket workflows (the product's worker with its activities, the database from DATABASE_URL or
// in-memory PGlite, whose own growth then counts too), started and settled, show what one open ticket
// kept in the worker's cache costs, and its ratio to the bare workflow (goal ≤ 1.5×). Measured as V8 heap
// after a full gc with the workflows run on the main thread (debugMode), where gc() reaches them: RSS
// moves by whole arenas and went negative on a loaded machine. Each worker first takes a warm-up batch of
// n and only a second batch of n is measured: what is paid once per worker (the bundle's context, the
// preloaded modules, compiled code, database connections) is not a cost per workflow.
// BENCH_NO_PRELOAD=1 bundles without preloaded modules (platform/workflow-bundle.ts), for the before figure.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { and, sql } from 'drizzle-orm';
import { createMailer } from '../activities/mailer';
import { openDatabase } from '../db/client';
import { tickets, users } from '../db/schema';
import { DEFAULT_TICKET_SETTINGS, type TicketInput } from '../domain/ticket';
import { installTemporalLogger } from '../platform/runtime';
import { connectClient } from '../platform/temporal';
import { workflowBundlerOptions } from '../platform/workflow-bundle';
import { createWorker } from '../worker';
import { ticketWorkflow } from '../workflows/ticket';
import { benchServer, machineLoad } from './support/temporal';
import { baselineLabel, benchPatchBaseline } from './support/patch-baseline';

installTemporalLogger({ LOG_LEVEL: 'error' });
const n = Number(process.argv[2] ?? 500);
const preload = process.env.BENCH_NO_PRELOAD !== '1';
const bundlerOptions = preload ? workflowBundlerOptions : {};
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dataDir = `/tmp/closeloop-memory-${process.pid}`;
const server = await benchServer(dataDir);
const { client, connection } = await connectClient(server.address, server.namespace);
console.log(`workflow memory bench — ${n} cached workflows per bundle after a warm-up batch of ${n}; modules ${preload ? 'preloaded' : 'not preloaded (BENCH_NO_PRELOAD=1)'}, ${baselineLabel()}; ${server.label}; ${machineLoad()}`);

/** Heap per workflow (KiB) of the second of two batches: `start(batch)` puts n more workflows in the worker's
 * cache and `settled(batch)` says they are idle. Fails if the cache did not keep all 2n. */
async function perWorkflow(worker: Worker, start: (batch: number) => Promise<void>, settled: (batch: number) => Promise<boolean>): Promise<number> {
  const running = worker.run();
  const batch = async (b: number) => {
    await start(b);
    while (!(await settled(b))) await sleep(500);
    await sleep(5000); // every first workflow task done
  };
  await batch(0); // warm-up: what the worker pays once
  gc();
  const before = process.memoryUsage().heapUsed;
  await batch(1);
  gc();
  const kib = (process.memoryUsage().heapUsed - before) / n / 1024;
  const cached = worker.getStatus().numCachedWorkflows;
  if (cached < 2 * n) throw new Error(`only ${cached} of ${2 * n} workflows cached: the figure would be too low`);
  worker.shutdown();
  await running;
  return kib;
}
const inBatches = async (f: (i: number) => Promise<unknown>) => {
  for (let i = 0; i < n; i += 50) await Promise.all(Array.from({ length: Math.min(50, n - i) }, (_, j) => f(i + j)));
};

const figures: Record<string, number> = {};
for (const name of ['bare', 'with-zod', 'with-ticket-bundle']) {
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  const taskQueue = `memory-${name}-${Date.now()}`;
  const worker = await Worker.create({
    connection: nativeConnection,
    namespace: server.namespace,
    taskQueue,
    workflowsPath: fileURLToPath(new URL(`./memory-probe/${name}.ts`, import.meta.url)),
    // The ticket bundle as the product's worker bundles it; the others import none of those modules.
    ...(name === 'with-ticket-bundle' ? { bundlerOptions } : {}),
    maxCachedWorkflows: 2 * n + 10,
    debugMode: true,
  });
  figures[name] = await perWorkflow(
    worker,
    (b) => inBatches((i) => client.workflow.start('probe', { taskQueue, workflowId: `${taskQueue}-${b}-${i}` })),
    async (b) => (await client.workflow.count(`TaskQueue = "${taskQueue}" AND ExecutionStatus = "Running"`)).count >= (b + 1) * n,
  );
  console.log(`  ${name.padEnd(20)} heap +${figures[name].toFixed(0)} KiB per cached workflow; ${machineLoad()}`);
  await nativeConnection.close();
}

// Real ticket workflows: started, analysed and projected, then asleep until a far-off SLA instant.
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, poolSize: 10 } : { memory: true });
const userId = randomUUID();
await database.db.insert(users).values({ id: userId, email: `bench-${userId}@staff.test`, name: 'Bench', passwordHash: 'x', role: 'agent', branches: [] });
const nativeConnection = await NativeConnection.connect({ address: server.address });
const taskQueue = `memory-ticket-${Date.now()}`;
const worker = await createWorker({
  connection: nativeConnection,
  namespace: server.namespace,
  taskQueue,
  deps: { db: database.db, mailer: createMailer({ from: 'bench@closeloop.test', outboxDir: `${dataDir}/outbox` }), slack: null, ai: null, publicUrl: 'http://bench', mailDomain: 'closeloop.test' },
  tuning: { maxCachedWorkflows: 2 * n + 10, debugMode: true, bundlerOptions },
});
const base = 2_000_000 + Math.floor(Math.random() * 1000) * 100_000;
const createdAt = Date.now();
const input = (number: number): TicketInput => ({
  number, feedbackId: null, createdAt, kind: 'recovery', priority: 'medium', channel: 'kiosk', captureType: 'star', score: 1,
  comment: 'Waited far too long at the counter', contact: {}, branch: 'main', service: null, ruleId: null, ruleName: 'bench', assigneeId: userId,
  slaTargets: { firstResponseHours: 1000, resolutionHours: 1000, nextReplyHours: null }, calendar: null,
  escalationChain: [{ level: 1, afterHours: 900, users: [{ userId, channel: 'email' }] }],
  settings: DEFAULT_TICKET_SETTINGS, repeatDetractor: false, csatSurvey: false, ...benchPatchBaseline(),
});
figures.ticket = await perWorkflow(
  worker,
  (b) => inBatches((i) => client.workflow.start(ticketWorkflow, { taskQueue, workflowId: `memory-ticket-${base + b * n + i}`, args: [input(base + b * n + i)] })),
  async (b) => {
    const [{ c }] = await database.db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(and(sql`${tickets.number} between ${base + b * n} and ${base + (b + 1) * n - 1}`, sql`${tickets.ai} is not null`));
    return Number(c) >= n;
  },
);
console.log(`  ${'ticket workflows'.padEnd(20)} heap +${figures.ticket.toFixed(0)} KiB per cached open ticket (${(figures.ticket / 1024).toFixed(2)} MiB; ${(figures.ticket / figures.bare).toFixed(2)}× bare; database ${database.driver}); process RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB; ${machineLoad()}`);
for (const b of [0, 1]) await inBatches((i) => client.workflow.getHandle(`memory-ticket-${base + b * n + i}`).terminate('bench over').catch(() => undefined));
await nativeConnection.close();
await database.close();
await connection.close();
await server.stop();
