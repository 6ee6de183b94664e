// `npm run bench -- intake [rate=100] [seconds=20] [connections=50]`: POST /api/v1/feedback against
// the real stack — `npm run api` and `npm run worker` as their own processes (API served over HTTP by
// @hono/node-server), a Temporal dev server, Postgres (DATABASE_URL, a fresh database) — with
// autocannon, (1) at a fixed rate: throughput, p50/p99 latency, and how long until every accepted
// feedback was evaluated; (2) flat out with the same connections. Beside it, the rate at which the same
// Temporal server accepts starts of an empty workflow from as many concurrent callers, and the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { connectClient, freePort } from '../platform/temporal';
import { cpuByPid, cpuSince, processTree } from './support/cpu';
import { benchServer, machineLoad } from './support/temporal';
import { emptyWorkflow } from './empty-workflow';

const [rate = 100, seconds = 20, connections = 50] = process.argv.slice(2).map(Number).filter((n) => n > 0);
// --no-tickets: every feedback 3–5★, so none opens a ticket: the intake's own cost, without the tickets'.
const noTickets = process.argv.includes('--no-tickets');
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('intake bench: set DATABASE_URL (the API and the worker run as separate processes sharing Postgres)');
  process.exit(1);
}
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = `/tmp/closeloop-bench-intake-${process.pid}`;
const server = await benchServer(dataDir);
const children: ChildProcess[] = [];
process.on('SIGINT', () => process.exit(130)); // so the exit handler below stops the API and worker
process.on('SIGTERM', () => process.exit(143));
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

// A fresh database, dropped at the end.
const dbName = `closeloop_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`create database ${dbName}`);
const dbUrl = new URL(base);
dbUrl.pathname = `/${dbName}`;

const port = await freePort();
const INTAKE_KEY = `clk_bench_${randomBytes(8).toString('hex')}`;
const env = {
  ...process.env,
  TEMPORAL_ADDRESS: server.address,
  TEMPORAL_NAMESPACE: server.namespace,
  DATABASE_URL: dbUrl.toString(),
  PORT: String(port),
  HOST: '127.0.0.1',
  INTAKE_KEY,
  ADMIN_PASSWORD: 'bench-admin-password',
  DATA_DIR: dataDir,
  TEMPORAL_TASK_QUEUE: 'bench-intake',
};
// BENCH_CPU_PROF=<dir>: the API and the worker write V8 CPU profiles there when they stop.
const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
// BENCH_WORKER_NICE=<n>: the worker at a lower CPU priority than the API and the server (nice), so
// acceptance goes first and the evaluation lags on a small machine.
const workerNice = Number(process.env.BENCH_WORKER_NICE ?? 0);
function startRole(script: string, ready: RegExp, nice = 0): Promise<ChildProcess> {
  const command = [path.resolve('node_modules/.bin/tsx'), ...profile, script];
  const child = nice ? spawn('nice', ['-n', String(nice), ...command], { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command[0], command.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d;
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${out.slice(-2000)}`)));
  });
}
// The API first (it migrates and seeds: admin, intake key, branch "main", the demo detractor rule), then the worker.
const apiRole = await startRole('scripts/api-main.ts', /API and web UI listening/);
const workerRole = await startRole('scripts/worker-main.ts', /worker polling/, workerNice);
const database = new pg.Client({ connectionString: dbUrl.toString() });
database.on('error', (e) => console.error('  (bench database connection:', e.message, ')'));
await database.connect();
const { connection, client } = await connectClient(server.address, server.namespace);
console.log(`intake bench — ${server.label}; ${machineLoad()}; Postgres ${dbName}, API http://127.0.0.1:${port} (own process), worker (own process); ${connections} connections, ${seconds} s per phase${noTickets ? '; no tickets (3–5★ only)' : ''}${workerNice ? `; worker at nice ${workerNice}` : ''}`);

// CPU time by part (from /proc): per operation, a figure the shared machine's load moves far less than
// throughput. Postgres: the backends of the bench database alive at the end of a phase.
type Parts = Record<'server' | 'worker' | 'api' | 'postgres' | 'client', Map<number, number>>;
async function cpuParts(): Promise<Parts> {
  const api = processTree(apiRole.pid!);
  const worker = processTree(workerRole.pid!);
  const taken = new Set([...api, ...worker, process.pid]);
  const { rows } = await database.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
  return {
    server: cpuByPid(processTree(process.pid).filter((p) => !taken.has(p))), // the dev server (none with TEMPORAL_ADDRESS)
    worker: cpuByPid(worker),
    api: cpuByPid(api),
    postgres: cpuByPid(rows.map((r) => r.pid)),
    client: cpuByPid([process.pid]),
  };
}
const perOp = (before: Parts, after: Parts, n: number, parts: (keyof Parts)[]) =>
  parts.map((p) => `${p} ${(cpuSince(before[p], after[p]) / Math.max(1, n)).toFixed(1)}`).join(', ') + ' ms CPU each';

// ---- Baseline: empty-workflow starts on the same server, `connections` callers in a closed loop.
async function emptyStarts(): Promise<number> {
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  let n = 0;
  const t0 = Date.now();
  const cpu0 = await cpuParts();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < until) {
        const t = performance.now();
        await client.workflow.start(emptyWorkflow, { taskQueue: 'bench-empty', workflowId: `empty-${process.pid}-${Date.now()}-${n++}` });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const secs = (Date.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const perSecond = latencies.length / secs;
  const cpu = perOp(cpu0, await cpuParts(), latencies.length, ['server', 'client']);
  console.log(`  baseline: empty-workflow starts ${perSecond.toFixed(0)}/s (${latencies.length} in ${secs.toFixed(1)} s), start latency p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms; ${cpu}`);
  return perSecond;
}
const baseline = await emptyStarts();

/** One autocannon run; every request a new feedback (unique externalId), 2 in 5 of them 1–2★ (a ticket each; none with --no-tickets). */
async function intake(phase: string, overallRate: number | undefined) {
  let seq = 0;
  const cpu0 = await cpuParts();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
    requests: [
      {
        method: 'POST',
        path: '/api/v1/feedback',
        headers: { authorization: `Bearer ${INTAKE_KEY}`, 'content-type': 'application/json' },
        setupRequest: (req) => {
          const i = seq++;
          const body = { channel: 'kiosk', type: 'star', score: noTickets ? (i % 3) + 3 : (i % 5) + 1, branch: 'main', externalId: `bench-${phase}-${i}`, contact: { email: `customer${i % 500}@example.com` }, ...(i % 2 ? { comment: 'Waited far too long at the counter' } : {}) };
          return { ...req, body: JSON.stringify(body) };
        },
      },
    ],
  });
  const accepted = result['2xx'];
  const t0 = Date.now();
  // Every accepted feedback is evaluated (recorded with an outcome) by the worker. Requests still in
  // flight when autocannon stops are accepted too but not counted as 2xx: wait until the count is still.
  let evaluated = 0;
  let stillSince = Date.now();
  while (Date.now() - t0 < 600_000) {
    const { rows } = await database.query<{ c: number }>('select count(*)::int as c from feedback where id like $1 and outcome is not null', [`feedback-kiosk-bench-${phase}-%`]);
    const c = Number(rows[0].c);
    if (c !== evaluated) stillSince = Date.now();
    evaluated = c;
    if (evaluated >= accepted && Date.now() - stillSince > 2000) break;
    await sleep(250);
  }
  const drain = (stillSince - t0) / 1000;
  const cpu = perOp(cpu0, await cpuParts(), evaluated, ['server', 'worker', 'api', 'postgres', 'client']);
  const throughput = accepted / result.duration;
  console.log(
    `  intake ${overallRate ? `at a fixed ${overallRate}/s` : 'flat out'}: ${throughput.toFixed(0)}/s accepted (${accepted} × 2xx, ${result.non2xx} non-2xx, ${result.errors} errors in ${result.duration.toFixed(1)} s), ` +
      `latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; all ${evaluated} accepted (incl. those in flight at the end) evaluated ${drain.toFixed(1)} s after the last request; per feedback (accepted and evaluated) ${cpu}; ${machineLoad()}`,
  );
  return throughput;
}

const fixed = await intake('fixed', rate);
const max = await intake('max', undefined);
console.log(`  ratio: intake flat out / empty-workflow starts = ${(max / baseline).toFixed(2)}; the fixed-rate throughput is ${((fixed / baseline) * 100).toFixed(0)} % of the server's empty-start rate; ${machineLoad()}`);

for (const c of children) c.kill('SIGINT');
await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
await connection.close();
await database.end();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.end();
await server.stop();
rmSync(dataDir, { recursive: true, force: true });
