// `npm run bench -- live [clients=200] [idle=1000]`: the live stream's fan-out on real Postgres
// (needs DATABASE_URL). An API process (bench/live-probe/api-server.ts, the real app and LiveHub) on
// loopback; this process opens `clients` SSE streams as signed-in users, then announces 30 ticket
// changes exactly as the projection does (publishLive in a transaction → NOTIFY → the API's
// LISTEN → every stream) and prints the delivery latency (commit → event parsed by the client, p50/p95/
// max). Then `idle` more streams stay open, quiet but for the heartbeat, for 20 s: the API process's
// CPU share and memory (RSS, heap) are printed beside the machine's load. Bounded: gives up after 120 s.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import pg from 'pg';
import { ticketChange } from '../activities/live-publish';
import { publishLive } from '../db/live-channel';
import { openDatabase } from '../db/client';
import type { TicketChange } from '../domain/live';
import { bootstrap } from '../platform/bootstrap';
import { freePort } from '../platform/temporal';

const [clients = 200, idle = 1000] = process.argv.slice(2).map(Number).filter((x) => x > 0);
const CHANGES = 30;
const base = process.env.DATABASE_URL;
if (!base) {
  console.log('bench live needs DATABASE_URL (Postgres LISTEN/NOTIFY between processes)');
  process.exit(1);
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const deadline = setTimeout(() => (console.error('gave up after 120 s'), process.exit(2)), 120_000);

const dbName = `closeloop_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${dbName}`);
const u = new URL(base);
u.pathname = `/${dbName}`;
const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
await bootstrap(database.db, { adminEmail: 'admin@bench.test', adminPassword: 'bench-admin-password', intakeKey: `clk_bench_${randomBytes(8).toString('hex')}` });

const port = await freePort();
const child: ChildProcess = fork(path.resolve('bench/live-probe/api-server.ts'), { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_DATABASE_URL: u.toString(), BENCH_PORT: String(port) }, stdio: 'inherit' });
const ask = <T>(msg: object) => new Promise<T>((resolve) => (child.once('message', (m) => resolve(m as T)), child.send(msg)));
await new Promise<void>((resolve) => child.once('message', () => resolve()));
const origin = `http://127.0.0.1:${port}`;

const login = await fetch(`${origin}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bench.test', password: 'bench-admin-password' }) });
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
const aborts: AbortController[] = [];

/** Opens one stream; `onTicket` gets each ticket change with the time it was parsed. */
async function stream(onTicket?: (c: TicketChange, at: number) => void) {
  const abort = new AbortController();
  aborts.push(abort);
  const res = await fetch(`${origin}/api/v1/events`, { headers: { cookie }, signal: abort.signal });
  if (res.status !== 200 || !res.body) throw new Error(`events: ${res.status}`);
  let ready!: () => void;
  const isReady = new Promise<void>((r) => (ready = r));
  const parser = createParser({
    onEvent: (e) => {
      if (e.event === 'ready') ready();
      if (e.event === 'ticket') onTicket?.(JSON.parse(e.data) as TicketChange, performance.now());
    },
  });
  const decoder = new TextDecoder();
  void (async () => {
    const reader = res.body!.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // aborted at the end
    }
  })();
  await isReady;
}

const sentAt = new Map<number, number>();
const latencies: number[] = [];
const view = (version: number) => ({ number: 1000, branch: 'main', assigneeId: null, status: 'new' as const, priority: 'medium' as const, version });
try {
  for (let i = 0; i < clients; i += 50) await Promise.all(Array.from({ length: Math.min(50, clients - i) }, () => stream((c, at) => latencies.push(at - sentAt.get(c.version)!))));
  for (let v = 1; v <= CHANGES; v++) {
    await database.db.transaction(async (tx) => {
      await publishLive(tx, [ticketChange(view(v), [])]);
      sentAt.set(v, performance.now()); // just before the commit: the latency includes it
    });
    await new Promise((r) => setTimeout(r, 100));
  }
  const expected = clients * CHANGES;
  while (latencies.length < expected) await new Promise((r) => setTimeout(r, 20));
  latencies.sort((a, b) => a - b);
  console.log(`live: ${clients} SSE clients, ${CHANGES} ticket changes → ${latencies.length} deliveries (${expected} expected)`);
  console.log(`  latency commit → client: p50 ${pct(latencies, 50).toFixed(1)} ms, p95 ${pct(latencies, 95).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`);
  console.log(`  load average: ${load()}`);

  for (let i = 0; i < idle; i += 100) await Promise.all(Array.from({ length: Math.min(100, idle - i) }, () => stream()));
  await new Promise((r) => setTimeout(r, 2_000));
  type Stats = { cpu: NodeJS.CpuUsage; rss: number; heap: number; streams: number };
  const before = await ask<Stats>({ stats: true });
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 20_000));
  const after = await ask<Stats>({ stats: true });
  const wallMs = performance.now() - t0;
  const cpuMs = (after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system) / 1000;
  console.log(`  idle: ${after.streams} open streams in the API process for ${(wallMs / 1000).toFixed(0)} s: CPU ${((cpuMs / wallMs) * 100).toFixed(2)} % of one core, RSS ${(after.rss / 2 ** 20).toFixed(0)} MiB, heap ${(after.heap / 2 ** 20).toFixed(0)} MiB`);
  console.log(`  load average: ${load()} (${os.cpus().length} cores)`);
} finally {
  clearTimeout(deadline);
  for (const a of aborts) a.abort();
  await ask({ stop: true }).catch(() => undefined);
  child.kill();
  await database.close();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
