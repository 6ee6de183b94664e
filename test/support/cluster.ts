// Several real Closeloop processes on loopback, as production runs them: one Temporal dev server (state in
// a file, so it can be killed and come back), one Postgres database, N API processes and N worker
// processes started from the real entry points (scripts/api-main.ts, scripts/worker-main.ts), a real SMTP
// capture and a webhook receiver. Plus the faults the chaos tests inject and the tally they check.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { freePort, startDevServer, waitForPort, type DevServer } from '../../platform/temporal';
import { ensureWebBuild } from '../../platform/web-build';
import { startSmtpCapture, type ReceivedMail } from './smtp';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TASK_QUEUE = 'closeloop';
export const CLUSTER_ADMIN = { email: 'admin@cluster.test', password: `Cl-${randomBytes(9).toString('base64url')}-9x` };
export const CLUSTER_INTAKE_KEY = `clk_${randomBytes(18).toString('hex')}`;

export interface AppProcess {
  name: string;
  kind: 'api' | 'worker';
  /** The API's base URL (http://127.0.0.1:port); null for a worker. */
  url: string | null;
  /** Where its /livez and /readyz answer: the API's own port, the worker's WORKER_HEALTH_PORT. */
  healthUrl: string;
  /** How long its last start took, spawn to ready (API health / worker polling). */
  startMs: number;
  /** Exits nobody asked for: a crashed process (with the tail of its output). */
  crashes: string[];
  pid(): number | undefined;
  running(): boolean;
  start(): Promise<void>;
  /** An exit we cause (SIGKILL by default): not a crash. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
}

export interface Cluster {
  apis: AppProcess[];
  workers: AppProcess[];
  temporal: { server: DevServer; client: Client; kill(): Promise<void>; restart(): Promise<void> };
  /** Every mail the SMTP capture received, across its outages. */
  mails(): ReceivedMail[];
  /** The mail server goes away (connections refused) and comes back on the same port. */
  smtpDown(): Promise<void>;
  smtpUp(): Promise<void>;
  webhooks: WebhookReceiver;
  dbName: string;
  /** Our own connection for counting (its lost connections are expected during a database cut). */
  sql: pg.Pool;
  /** Refuses every new connection to the app's database and ends the open ones (the test database only). */
  cutDatabase(): Promise<void>;
  restoreDatabase(): Promise<void>;
  /** Every process's unexpected exits so far. */
  crashes(): string[];
  /** Where start-up time went (ms): dev server healthy, web build, each process spawn-to-ready. */
  timings: Record<string, number>;
  close(): Promise<void>;
}

/**
 * `workflowBundlePath`: the bundle test/global-setup.ts built once per run, handed to every worker process
 * as WORKFLOW_BUNDLE_PATH — without it each worker (and each restart) bundles the workflows itself.
 */
export async function startCluster(opts: { apis: number; workers: number; workflowBundlePath?: string; env?: Record<string, string> }): Promise<Cluster> {
  const t0 = Date.now();
  const timings: Record<string, number> = {};
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('the multi-process tests need a real Postgres: set DATABASE_URL (CI does)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closeloop-cluster-'));
  const dbName = `closeloop_c_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dbUrl = new URL(base);
  dbUrl.pathname = `/${dbName}`;
  const sqlPool = new pg.Pool({ connectionString: dbUrl.toString(), max: 4 });
  sqlPool.on('error', () => undefined); // a cut ends idle connections too: expected here

  const grpcPort = await freePort();
  const temporalOpts = { dataDir: dir, grpcPort, uiPort: await freePort(), namespace: 'default', headless: true, dbFile: path.join(dir, 'temporal.sqlite'), log: () => undefined };
  let server = await startDevServer(temporalOpts);
  const connection = await connectWhenHealthy(server.address);
  const client = new Client({ connection, namespace: 'default' });
  const webhooks = await startWebhookReceiver();
  let smtp = await startSmtpCapture();
  let smtpUp = true;
  const earlierMails: ReceivedMail[] = [];
  // Build the web UI once here, not in two API processes at the same time.
  timings.temporalMs = Date.now() - t0;
  await ensureWebBuild(() => undefined);
  timings.webBuildMs = Date.now() - t0 - timings.temporalMs;

  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: dbUrl.toString(),
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: TASK_QUEUE,
    PUBLIC_URL: 'http://closeloop.test',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    SMTP_URL: smtp.url,
    MAIL_FROM: 'support@closeloop.test',
    ADMIN_EMAIL: CLUSTER_ADMIN.email,
    ADMIN_PASSWORD: CLUSTER_ADMIN.password,
    INTAKE_KEY: CLUSTER_INTAKE_KEY,
    WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
    WEBHOOK_RETRY_INITIAL_SECONDS: '0.5',
    WEBHOOK_RETRY_MAX_SECONDS: '2',
    WEBHOOK_TIMEOUT_SECONDS: '5',
    LOG_LEVEL: 'warn',
    ...(opts.workflowBundlePath ? { WORKFLOW_BUNDLE_PATH: opts.workflowBundlePath } : {}),
    ...opts.env,
    ...extra,
  });

  const procs: AppProcess[] = [];
  const make = async (kind: 'api' | 'worker', i: number): Promise<AppProcess> => {
    const port = await freePort();
    let child: ChildProcess | null = null;
    let out = '';
    let expectedExit = false;
    const p: AppProcess = {
      name: `${kind}-${i + 1}`,
      kind,
      url: kind === 'api' ? `http://127.0.0.1:${port}` : null,
      healthUrl: `http://127.0.0.1:${port}`,
      crashes: [],
      pid: () => child?.pid,
      running: () => !!child && child.exitCode === null && child.signalCode === null,
      output: () => out,
      startMs: 0,
      async start() {
        const began = Date.now();
        expectedExit = false;
        out = '';
        const script = kind === 'api' ? 'scripts/api-main.ts' : 'scripts/worker-main.ts';
        const c = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: env(kind === 'api' ? { PORT: String(port) } : { WORKER_HEALTH_PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
        child = c;
        const keep = (d: Buffer) => (out = (out + d.toString()).slice(-6000));
        c.stdout!.on('data', keep);
        c.stderr!.on('data', keep);
        c.once('exit', (code, signal) => {
          if (!expectedExit) p.crashes.push(`${p.name} exited (code ${code}, signal ${signal}): ${out.slice(-1500)}`);
        });
        const deadline = Date.now() + 240_000;
        for (;;) {
          if (!p.running()) throw new Error(`${p.name} did not start: ${out.slice(-2000)}`);
          // A worker: its own /readyz (worker RUNNING, Postgres and Temporal reachable), as an orchestrator
          // probes it. Not describeTaskQueue's poller list: that shows the root partition's pollers only, so
          // a worker polling other partitions first looked unready for a minute longer than it was.
          if (await answers(kind === 'api' ? `${p.url}/api/v1/health` : `${p.healthUrl}/readyz`)) {
            p.startMs = Date.now() - began;
            return;
          }
          if (Date.now() > deadline) throw new Error(`${p.name} not ready within 240 s: ${out.slice(-2000)}`);
          await sleep(300);
        }
      },
      async kill(signal = 'SIGKILL') {
        if (!child || !p.running()) return;
        expectedExit = true;
        const c = child;
        await new Promise<void>((resolve) => {
          c.once('exit', () => resolve());
          c.kill(signal);
        });
      },
    };
    procs.push(p);
    return p;
  };
  const apis = await Promise.all(Array.from({ length: opts.apis }, (_, i) => make('api', i)));
  const workers = await Promise.all(Array.from({ length: opts.workers }, (_, i) => make('worker', i)));
  // Whatever happens to the test process, its children go with it.
  const killAll = () => {
    procs.forEach((p) => p.running() && process.kill(p.pid()!, 'SIGKILL'));
    if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
  };
  process.once('exit', killAll);
  try {
    // All at once: migrations and the first-start seed run under advisory locks.
    await Promise.all([...workers, ...apis].map((p) => p.start()));
    for (const p of procs) timings[`${p.name}Ms`] = p.startMs;
    timings.totalMs = Date.now() - t0;
  } catch (e) {
    killAll();
    await connection.close().catch(() => undefined);
    await server.stop();
    await Promise.all([smtp.close(), webhooks.close(), sqlPool.end().catch(() => undefined)]);
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  const temporal = {
    get server() {
      return server;
    },
    client,
    async kill() {
      await new Promise<void>((resolve) => {
        if (server.process.exitCode !== null) return resolve();
        server.process.once('exit', () => resolve());
        server.process.kill('SIGKILL');
      });
    },
    async restart() {
      server = await startDevServer(temporalOpts);
      await waitForPort('127.0.0.1', grpcPort, 60_000);
    },
  };

  return {
    apis,
    workers,
    temporal,
    mails: () => [...earlierMails, ...(smtpUp ? smtp.messages : [])],
    async smtpDown() {
      smtpUp = false;
      earlierMails.push(...smtp.messages);
      await smtp.close();
    },
    async smtpUp() {
      smtp = await startSmtpCapture({ port: smtp.port });
      smtpUp = true;
    },
    webhooks,
    dbName,
    sql: sqlPool,
    async cutDatabase() {
      await admin.query(`alter database ${dbName} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [dbName]);
    },
    async restoreDatabase() {
      await admin.query(`alter database ${dbName} allow_connections true`);
    },
    crashes: () => procs.flatMap((p) => p.crashes),
    timings,
    async close() {
      await Promise.all(procs.map((p) => p.kill('SIGTERM').catch(() => undefined)));
      await Promise.all(procs.map((p) => p.kill('SIGKILL').catch(() => undefined)));
      await connection.close().catch(() => undefined);
      await server.stop();
      await Promise.all([smtpUp ? smtp.close() : undefined, webhooks.close(), sqlPool.end().catch(() => undefined)]);
      await admin.query(`alter database ${dbName} allow_connections true`).catch(() => undefined);
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The dev server's port opens before its frontend is healthy; on a loaded machine that gap is long. */
async function connectWhenHealthy(address: string): Promise<Connection> {
  const until = Date.now() + 90_000;
  for (;;) {
    try {
      const connection = await Connection.connect({ address });
      await connection.workflowService.getSystemInfo({});
      return connection;
    } catch (err) {
      if (Date.now() > until) throw err;
      await sleep(500);
    }
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
