// Building blocks shared by the process entry points (embedded start, worker-only, api-only).
import { serve, type ServerType } from '@hono/node-server';
import { DefaultLogger, NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { createApp } from '../api/app';
import { LiveHub } from '../api/live/hub';
import { openDatabase, type Database } from '../db/client';
import { startDevMailbox } from '../mail/dev-mailbox';
import { startImapReader } from '../mail/imap-reader';
import { inboundDepsFromConfig } from '../mail/inbound';
import { bootstrap } from './bootstrap';
import type { Config } from './config';
import { ensureGoogleReviewsSchedule } from './google-reviews-schedule';
import { connectClient, registerSearchAttributes } from './temporal';
import { createWorker } from '../worker';
import { activityDepsFromConfig } from './activity-deps';

/** The Temporal SDK (worker, bundler) logs at LOG_LEVEL; call once, before any worker is created. */
export function installTemporalLogger(config: Pick<Config, 'LOG_LEVEL'>): void {
  const level = config.LOG_LEVEL.toUpperCase() as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
  // The SDK core (Rust) logs on its own, at WARN, unless told otherwise: the same level for both.
  Runtime.install({ logger: new DefaultLogger(level), telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } } });
}

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir });
  const result = await bootstrap(database.db, {
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    intakeKey: config.INTAKE_KEY,
  });
  if (result.seeded) {
    console.log('[closeloop] first start: seeded an admin, an intake key and a demo rule');
    console.log(`[closeloop]   admin: ${result.adminEmail}${result.generatedPassword ? `  password: ${result.generatedPassword}  (shown once)` : ''}`);
    if (result.generatedIntakeKey) console.log(`[closeloop]   intake key: ${result.generatedIntakeKey}  (shown once)`);
  }
  return database;
}

export async function startWorker(config: Config, address: string, database: Database): Promise<{ worker: Worker; running: Promise<void> }> {
  // Embedded mode: what the app sends goes to the built-in dev mailbox (kept in the database).
  const devMailbox = config.devMailbox ? await startDevMailbox(database.db) : null;
  if (devMailbox) console.log(`[closeloop] no SMTP_URL: outgoing mail goes to the dev mailbox (${devMailbox.url}); read it in the web UI under Dev mailbox`);
  // Workers may start before any API: the ticket workflow's search attributes must exist either way.
  const admin = await connectClient(address, config.TEMPORAL_NAMESPACE);
  await registerSearchAttributes(admin.connection, config.TEMPORAL_NAMESPACE);
  const google = config.google;
  const schedule = await ensureGoogleReviewsSchedule(admin.client, config.TEMPORAL_TASK_QUEUE, google ? { locations: google.locations, pollSeconds: google.pollSeconds } : null);
  if (google) console.log(`[closeloop] Google reviews bridge: schedule ${schedule}, ${google.locations.length} location(s) every ${google.pollSeconds} s`);
  await admin.connection.close();
  const connection = await NativeConnection.connect({ address });
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    deps: activityDepsFromConfig(config, database.db, config.SMTP_URL ?? devMailbox!.url),
  });
  const running = worker.run().finally(async () => {
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
  console.log(`[closeloop] API and web UI on http://${config.HOST}:${config.PORT}  (docs: /api/v1/docs)`);
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
  console.log(`[closeloop] reading customer answers from ${new URL(config.IMAP_URL).host}`);
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
    console.log(`[closeloop] ${signal}: shutting down`);
    stop()
      .catch((e) => console.error(e))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
}
