// Building blocks shared by the process entry points (embedded start, worker-only, api-only).
import { serve, type ServerType } from '@hono/node-server';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../api/app';
import { LiveHub } from '../api/live/hub';
import { openDatabase, type Database } from '../db/client';
import { startDevMailbox } from '../mail/dev-mailbox';
import { startImapReader } from '../mail/imap-reader';
import { inboundDepsFromConfig } from '../mail/inbound';
import { bootstrap } from './bootstrap';
import type { Config } from './config';
import { ensureGoogleReviewsSchedule } from './google-reviews-schedule';
import { ensureNotificationDigestSchedule } from './notification-digest-schedule';
import { connectClient, registerSearchAttributes } from './temporal';
import { createWorker } from '../worker';
import { activityDepsFromConfig } from './activity-deps';
import { log, setLogLevel } from './logger';
import { PinoTemporalLogger } from './temporal-logger';
import { startWorkerHealth } from './worker-health';
import { startMetricsServer } from './metrics';

const out = log('closeloop');

/** The process logs at LOG_LEVEL, and the Temporal SDK (worker, bundler, Rust core, workflow and
 * activity loggers) through the same pino logger; call once, before any worker is created. */
export function installTemporalLogger(config: Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, 'HOST' | 'TEMPORAL_METRICS_PORT'>>): void {
  setLogLevel(config.LOG_LEVEL);
  const level = config.LOG_LEVEL.toUpperCase() as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  // The SDK core (Rust) logs on its own, at WARN, unless told otherwise: the same level for both,
  // forwarded to the SDK logger, i.e. to pino.
  Runtime.install({
    logger: new PinoTemporalLogger(log('temporal')),
    telemetryOptions: {
      logging: { filter: { core: level, other: level }, forward: {} },
      // The SDK's own worker metrics (task slots, poll latencies, schedule-to-start…) in Prometheus format.
      ...(config.TEMPORAL_METRICS_PORT ? { metrics: { prometheus: { bindAddress: `${config.HOST ?? '127.0.0.1'}:${config.TEMPORAL_METRICS_PORT}` } } } : {}),
    },
  });
}

/** This process's /metrics on METRICS_PORT (platform/metrics.ts), when set. */
export async function startMetrics(config: Pick<Config, 'HOST' | 'METRICS_PORT'>): Promise<{ close(): Promise<void> } | null> {
  if (!config.METRICS_PORT) return null;
  const server = await startMetricsServer(config.METRICS_PORT, config.HOST);
  out.info({ port: server.port }, 'Prometheus metrics on /metrics');
  return server;
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const result = await bootstrap(database.db, {
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    intakeKey: config.INTAKE_KEY,
  });
  if (result.seeded) {
    // The one-time credentials go to the terminal, not to the log stream (which is shipped and kept).
    out.info('first start: seeded an admin, an intake key and a demo rule (credentials printed to stderr once)');
    process.stderr.write(`[closeloop]   admin: ${result.adminEmail}${result.generatedPassword ? `  password: ${result.generatedPassword}  (shown once)` : ''}\n`);
    if (result.generatedIntakeKey) process.stderr.write(`[closeloop]   intake key: ${result.generatedIntakeKey}  (shown once)\n`);
  }
  return database;
}

export async function startWorker(config: Config, address: string, database: Database): Promise<{ worker: Worker; running: Promise<void> }> {
  // Embedded mode: what the app sends goes to the built-in dev mailbox (kept in the database).
  const devMailbox = config.devMailbox ? await startDevMailbox(database.db) : null;
  if (devMailbox) out.info({ devMailbox: devMailbox.url }, 'no SMTP_URL: outgoing mail goes to the dev mailbox; read it in the web UI under Dev mailbox');
  // Workers may start before any API: the ticket workflow's search attributes must exist either way.
  const admin = await connectClient(address, config.TEMPORAL_NAMESPACE);
  await registerSearchAttributes(admin.connection, config.TEMPORAL_NAMESPACE);
  const google = config.google;
  const schedule = await ensureGoogleReviewsSchedule(admin.client, config.TEMPORAL_TASK_QUEUE, google ? { locations: google.locations, pollSeconds: google.pollSeconds } : null);
  if (google) out.info({ schedule, locations: google.locations.length, pollSeconds: google.pollSeconds }, 'Google reviews bridge scheduled');
  out.info({ schedule: await ensureNotificationDigestSchedule(admin.client, config.TEMPORAL_TASK_QUEUE) }, 'notification digest scheduled hourly');
  await admin.connection.close();
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: activityDepsFromConfig(config, database.db, config.SMTP_URL ?? devMailbox!.url),
    workflowBundle: config.WORKFLOW_BUNDLE_PATH ? { codePath: config.WORKFLOW_BUNDLE_PATH } : undefined,
  });
  const health = config.WORKER_HEALTH_PORT ? await startWorkerHealth({ port: config.WORKER_HEALTH_PORT, host: config.HOST, worker, db: database.db, connection }) : null;
  if (health) out.info({ port: health.port }, 'worker health on /livez and /readyz');
  const running = worker.run().finally(async () => {
    await health?.close();
    await connection.close();
    await devMailbox?.close();
  });
  return { worker, running };
}

export async function startApi(config: Config, address: string, database: Database): Promise<{ server: ServerType; close(): Promise<void> }> {
  const { connection, client } = await connectClient(address, config.TEMPORAL_NAMESPACE);
  await registerSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  const live = await LiveHub.start(database);
  const app = createApp({ db: database.db, temporal: client, config, live });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  out.info({ url: `http://${config.HOST}:${config.PORT}`, docs: '/api/v1/docs' }, 'API and web UI listening');
  return {
    server,
    close: async () => {
      await live.close(); // ends the event streams, which would hold server.close() forever
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
    },
  };
}

/** With IMAP_URL set, the worker process also reads the support mailbox and threads answers into tickets. */
export async function startMailReader(config: Config, address: string, database: Database): Promise<{ stop(): Promise<void> } | null> {
  if (!config.IMAP_URL) return null;
  const { connection, client } = await connectClient(address, config.TEMPORAL_NAMESPACE);
  const reader = startImapReader(config.IMAP_URL, inboundDepsFromConfig(config, database.db, client));
  out.info({ imapHost: new URL(config.IMAP_URL).host }, 'reading customer answers by IMAP');
  return {
    stop: async () => {
      await reader.stop();
      await connection.close();
    },
  };
}

/** Asks a running worker to stop; a no-op when the SDK's own signal handling is already draining it. */
export function stopWorker(worker: Worker) {
  if (worker.getState() === 'RUNNING') worker.shutdown();
}

/** Runs `stop` once on SIGINT/SIGTERM so every process shuts down cleanly. */
export function onShutdown(stop: () => Promise<void>) {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    out.info({ signal }, 'shutting down');
    stop()
      .catch((err) => out.error({ err }, 'shutdown failed'))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
