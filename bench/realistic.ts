// `npm run bench -- realistic [N=20000] [--spread=20m] [--lead=90s]`: N open tickets (the real ticket
// workflow, started with their search attributes as the intake starts them, product worker defaults:
// cache sized from memory, WORKER_TUNING) whose L1 escalation instants are spread uniformly at random over
// the window, which opens `lead` after the first start (time for every ticket's start-up work). Reports
// how late the escalations fire (p50/p95/p99/max, the workflow's own clock against each ticket's due
// instant), whether every escalation's notice was sent and projected, the worker process's RSS and the
// machine's load through the window. Real dev server (or TEMPORAL_ADDRESS), Postgres (DATABASE_URL) or PGlite.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { and, eq, like, sql } from 'drizzle-orm';
import { NativeConnection } from '@temporalio/worker';
import { createMailer } from '../activities/mailer';
import { openDatabase } from '../db/client';
import { notifications, ticketEvents, tickets, users } from '../db/schema';
import { targetMs } from '../domain/sla';
import { DEFAULT_TICKET_SETTINGS, ticketWorkflowId, type TicketInput } from '../domain/ticket';
import { installTemporalLogger } from '../platform/runtime';
import { connectClient } from '../platform/temporal';
import { createWorker, workflowCacheSize } from '../worker';
import { initialSearchAttributes } from '../workflows/intake';
import { ticketWorkflow } from '../workflows/ticket';
import { benchServer, machineLoad } from './support/temporal';
import { baselineLabel, benchPatchBaseline } from './support/patch-baseline';

/** "20m", "90s", "1500ms", "2h" or plain milliseconds. */
function duration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 'ms') as 'ms' | 's' | 'm' | 'h'];
}
const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const n = process.argv.slice(2).map(Number).find((x) => x > 0) ?? 20_000;
const spreadMs = duration(flag('spread') ?? '20m');
const leadMs = duration(flag('lead') ?? '90s');
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

installTemporalLogger({ LOG_LEVEL: 'error' });
const dataDir = `/tmp/closeloop-bench-realistic-${process.pid}`;
const server = await benchServer(dataDir);
const { connection, client } = await connectClient(server.address, server.namespace);
const database = await openDatabase(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL, poolSize: 20 } : { memory: true });
const db = database.db;
const userId = randomUUID();
await db.insert(users).values({ id: userId, email: `bench-${userId}@staff.test`, name: 'Bench', passwordHash: 'x', role: 'agent', branches: [] });

const taskQueue = `bench-realistic-${Date.now()}`;
const nativeConnection = await NativeConnection.connect({ address: server.address });
const worker = await createWorker({
  connection: nativeConnection,
  namespace: server.namespace,
  taskQueue,
  deps: { db, mailer: createMailer({ from: 'bench@closeloop.test', outboxDir: `${dataDir}/outbox` }), slack: null, ai: null, publicUrl: 'http://bench', mailDomain: 'closeloop.test' },
});
const running = worker.run();
console.log(
  `realistic bench — ${server.label}, database ${database.driver}; ${n} ${baselineLabel()}, escalations spread over ${spreadMs / 1000} s (${((n * 1000) / spreadMs).toFixed(1)}/s) from ${leadMs / 1000} s after the first start; ` +
    `worker cache ${workflowCacheSize()} workflows (sized from memory), ${os.cpus().length} cores; ${machineLoad()}`,
);

const samples: Array<{ at: number; rss: number; load: number }> = [];
const sampler = setInterval(() => samples.push({ at: Date.now(), rss: process.memoryUsage().rss, load: os.loadavg()[0] }), 1000);

// Every ticket is created "now" with one escalation step that ends at its own instant in the window.
const createdAt = Date.now();
const windowStart = createdAt + leadMs;
const base = 2_000_000 + Math.floor(Math.random() * 1000) * 100_000;
const numbers = Array.from({ length: n }, (_, i) => base + i);
const dueOf = new Map<number, number>();
const input = (number: number): TicketInput => {
  const afterHours = (leadMs + Math.random() * spreadMs) / 3_600_000;
  dueOf.set(number, createdAt + targetMs(afterHours, 'medium'));
  return {
    number, feedbackId: null, createdAt, kind: 'recovery', priority: 'medium', channel: 'kiosk', captureType: 'star', score: 1,
    comment: null, contact: {}, branch: 'main', service: null, ruleId: null, ruleName: 'bench', assigneeId: userId,
    slaTargets: { firstResponseHours: 1000, resolutionHours: 1000, nextReplyHours: null }, calendar: null,
    escalationChain: [{ level: 1, afterHours, users: [{ userId, channel: 'email' }] }],
    settings: DEFAULT_TICKET_SETTINGS, repeatDetractor: false, csatSurvey: false, ...benchPatchBaseline(),
  };
};
const t0 = Date.now();
for (let i = 0; i < n; i += 100) {
  await Promise.all(
    numbers.slice(i, i + 100).map((num) => {
      const ticket = input(num);
      return client.workflow.start(ticketWorkflow, { taskQueue, workflowId: ticketWorkflowId(num), args: [ticket], typedSearchAttributes: initialSearchAttributes(ticket) });
    }),
  );
}
const startSecs = (Date.now() - t0) / 1000;
const inRange = sql`${tickets.number} between ${numbers[0]} and ${numbers[n - 1]}`;
for (;;) {
  const [{ c }] = await db.select({ c: sql<number>`count(*)::int` }).from(tickets).where(and(inRange, sql`${tickets.ai} is not null`));
  if (Number(c) >= n) break;
  await sleep(500);
}
const settledAt = Date.now();
const dueBeforeSettled = [...dueOf.values()].filter((d) => d < settledAt).length;
const rssOpen = process.memoryUsage().rss;
console.log(
  `  ${n} tickets started in ${startSecs.toFixed(1)} s (${(n / startSecs).toFixed(0)}/s), start-up work settled after ${((settledAt - t0) / 1000).toFixed(1)} s` +
    `${dueBeforeSettled ? ` — ${dueBeforeSettled} escalations fell due before that (raise --lead)` : ''}; worker RSS ${mib(rssOpen)} with all open; ${machineLoad()}`,
);

// Until every escalation and its notice are projected (or 10 min after the last instant).
const lastDue = Math.max(...dueOf.values());
const evRange = sql`${ticketEvents.ticketNumber} between ${numbers[0]} and ${numbers[n - 1]}`;
const countEvents = async (type: (typeof ticketEvents.$inferSelect)['type']) => Number((await db.select({ c: sql<number>`count(distinct ${ticketEvents.ticketNumber})::int` }).from(ticketEvents).where(and(eq(ticketEvents.type, type), evRange)))[0].c);
let lastReport = Date.now();
for (;;) {
  const [escalated, noticed] = [await countEvents('escalated'), await countEvents('notification_sent')];
  if (escalated >= n && noticed >= n) break;
  if (Date.now() > lastDue + 600_000) {
    console.log(`  only ${escalated}/${n} escalations and ${noticed}/${n} notices projected 10 min after the last instant`);
    break;
  }
  if (Date.now() - lastReport > 60_000) {
    lastReport = Date.now();
    console.log(`  … ${escalated}/${n} escalated, ${Math.max(0, Math.min(n, [...dueOf.values()].filter((d) => d <= Date.now()).length))} due so far; worker RSS ${mib(process.memoryUsage().rss)}; ${machineLoad()}`);
  }
  await sleep(1000);
}
clearInterval(sampler);
const doneAt = Date.now();

const rows = await db.select({ n: ticketEvents.ticketNumber, at: ticketEvents.at }).from(ticketEvents).where(and(eq(ticketEvents.type, 'escalated'), evRange));
const late = rows.map((r) => Math.round(r.at.getTime() - dueOf.get(r.n)!)).sort((a, b) => a - b);
const [{ sent }] = await db.select({ sent: sql<number>`count(*)::int` }).from(notifications).where(and(like(notifications.key, '%:escalation-L1:%'), eq(notifications.status, 'sent'), sql`${notifications.ticketNumber} between ${numbers[0]} and ${numbers[n - 1]}`));
const noticed = await countEvents('notification_sent');
const windowSamples = samples.filter((s) => s.at >= windowStart && s.at <= doneAt);
const peakRss = Math.max(...samples.map((s) => s.rss));
const loads = windowSamples.map((s) => s.load);
console.log(
  `  escalation lateness over ${late.length}/${n} escalations: p50 ${pct(late, 50)} ms, p95 ${pct(late, 95)} ms, p99 ${pct(late, 99)} ms, max ${late[late.length - 1]} ms; ` +
    `${Number(sent)}/${n} notice e-mails sent, ${noticed}/${n} notices projected; last projected ${((doneAt - lastDue) / 1000).toFixed(1)} s after the last instant`,
);
console.log(
  `  worker process RSS: ${mib(rssOpen)} with all ${n} open, peak ${mib(peakRss)}, ${mib(process.memoryUsage().rss)} at the end; ` +
    `1-min load during the window: mean ${(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(2)}, max ${Math.max(0, ...loads).toFixed(2)}; ${machineLoad()}`,
);

for (let i = 0; i < n; i += 200) await Promise.all(numbers.slice(i, i + 200).map((num) => client.workflow.getHandle(ticketWorkflowId(num)).terminate('bench over').catch(() => undefined)));
worker.shutdown();
await running;
await nativeConnection.close();
await connection.close();
await database.close();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
