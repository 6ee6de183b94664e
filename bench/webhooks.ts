// `npm run bench -- webhooks [feedback=200]`: outbound webhook delivery on the real pieces in one process
// (a Temporal dev server, a fresh Postgres database when DATABASE_URL is set — else in-memory PGlite —,
// the worker with the outbox and the dispatcher workflow, the Hono app) to a loopback receiver. Posts N
// detractor feedbacks (each: feedback.received, ticket.created, ticket.assigned) and prints how long
// until every event arrived, events per second, the latency from the event to its arrival (p50/p99),
// the dispatcher's share (outbox row → delivered), duplicates and tickets out of order. Bounded: gives up
// after 180 s.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { NativeConnection } from '@temporalio/worker';
import pg from 'pg';
import { createMailer } from '../activities/mailer';
import { DEFAULT_WEBHOOK_CONFIG } from '../activities/webhooks';
import { createApp } from '../api/app';
import { openDatabase } from '../db/client';
import { webhookEvents } from '../db/schema';
import { parseAllowList } from '../domain/webhook-target';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhooks';
import { bootstrap } from '../platform/bootstrap';
import { installTemporalLogger } from '../platform/runtime';
import { connectClient } from '../platform/temporal';
import { benchServer, machineLoad } from './support/temporal';
import { startWebhookReceiver } from '../test/support/webhook-receiver';
import { createWorker } from '../worker';

const [n = 200] = process.argv.slice(2).map(Number).filter((x) => x > 0);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
installTemporalLogger({ LOG_LEVEL: 'error' });

const dataDir = `/tmp/closeloop-bench-webhooks-${process.pid}`;
const server = await benchServer(dataDir);
const base = process.env.DATABASE_URL;
const dbName = `closeloop_bench_${randomBytes(4).toString('hex')}`;
const adminPg = base ? new pg.Client({ connectionString: base }) : null;
let url: string | undefined;
if (adminPg && base) {
  await adminPg.connect();
  await adminPg.query(`create database ${dbName}`);
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  url = u.toString();
}
const database = await openDatabase(url ? { databaseUrl: url, poolSize: 20 } : { memory: true });
const INTAKE_KEY = `clk_bench_${randomBytes(8).toString('hex')}`;
await bootstrap(database.db, { adminEmail: 'admin@bench.test', adminPassword: 'bench-admin-password', intakeKey: INTAKE_KEY });
const rx = await startWebhookReceiver();
const { client, connection } = await connectClient(server.address, server.namespace);
const webhooks = { ...DEFAULT_WEBHOOK_CONFIG, allowList: parseAllowList('127.0.0.1') };
const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:9', from: 'support@bench.test' }); // nothing is mailed here
const native = await NativeConnection.connect({ address: server.address });
const worker = await createWorker({ connection: native, namespace: server.namespace, taskQueue: 'bench-webhooks', deps: { db: database.db, mailer, slack: null, ai: null, publicUrl: 'http://bench.test', mailDomain: 'bench.test', webhooks } });
const running = worker.run();
const app = createApp({
  db: database.db,
  temporal: client,
  config: { TEMPORAL_TASK_QUEUE: 'bench-webhooks', TEMPORAL_NAMESPACE: server.namespace, SESSION_TTL_HOURS: 1, publicUrl: 'http://bench.test', temporalUiUrl: 'http://localhost:8233', TWILIO_AUTH_TOKEN: undefined, MAIL_FROM: 'support@bench.test', mailDomain: 'bench.test', MAIL_ATTACHMENT_MAX_BYTES: 1 << 20, webhooks, oidc: null },
});
const call = (method: string, path: string, body: unknown, headers: Record<string, string>) => app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

try {
  const login = await call('POST', '/api/v1/auth/login', { email: 'admin@bench.test', password: 'bench-admin-password' }, {});
  const session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
  const sub = await call('POST', '/api/v1/webhooks', { url: rx.url, events: WEBHOOK_EVENT_TYPES }, session);
  if (sub.status !== 201) throw new Error(`subscribe: ${sub.status}`);
  const expected = n * 3;
  const started = Date.now();
  for (let i = 0; i < n; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, (_, j) => call('POST', '/api/v1/feedback', { channel: 'kiosk', type: 'star', score: 1, comment: 'Bench', branch: 'main', externalId: `bench-${i + j}` }, { authorization: `Bearer ${INTAKE_KEY}` })),
    );
  }
  const posted = Date.now();
  while (Date.now() < started + 180_000 && new Set(rx.received.map((h) => h.json.id)).size < expected) await new Promise((r) => setTimeout(r, 20));
  const ids = rx.received.map((h) => h.json.id);
  const unique = new Set(ids).size;
  const done = Math.max(...rx.received.map((h) => h.at));
  const latencies = rx.received.map((h) => h.at - Date.parse(String(h.json.timestamp))).sort((a, b) => a - b);
  const perTicket = new Map<string, number[]>();
  for (const h of rx.received) {
    const m = /^evt_t(\d+)_(\d+)$/.exec(h.json.id);
    if (m) perTicket.set(m[1], [...(perTicket.get(m[1]) ?? []), Number(m[2])]);
  }
  const outOfOrder = [...perTicket.values()].filter((seqs) => seqs.some((x, i) => i > 0 && x < seqs[i - 1])).length;
  console.log(`webhooks: ${n} feedback posted in ${posted - started} ms; ${unique}/${expected} events delivered in ${done - started} ms (${((unique / (done - started)) * 1000).toFixed(1)} events/s)`);
  console.log(`  latency event → receiver: p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms, max ${latencies.at(-1)} ms`);
  // The dispatcher's own share: from the outbox row (written with the event's projection) to delivered.
  const rows = await database.db.select({ createdAt: webhookEvents.createdAt, deliveredAt: webhookEvents.deliveredAt }).from(webhookEvents);
  const queued = rows.filter((r) => r.deliveredAt).map((r) => r.deliveredAt!.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
  console.log(`  latency outbox → delivered: p50 ${pct(queued, 50)} ms, p99 ${pct(queued, 99)} ms, max ${queued.at(-1)} ms`);
  console.log(`  duplicates ${ids.length - unique}, tickets out of order ${outOfOrder}/${perTicket.size}`);
  console.log(`  ${machineLoad()}, database ${url ? 'Postgres' : 'PGlite'}, ${server.label}`);
} finally {
  worker.shutdown();
  await running;
  await native.close();
  await connection.close();
  mailer.close();
  await rx.close();
  await database.close();
  if (adminPg) {
    // Without FORCE first: the pool's connections may still be closing.
    for (let i = 0; i <= 20; i++) {
      const dropped = await adminPg.query(`drop database if exists ${dbName}${i === 20 ? ' with (force)' : ''}`).then(() => true, () => false);
      if (dropped) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await adminPg.end();
  }
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
