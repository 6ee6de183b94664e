// The API process of `npm run bench -- live`: the real app with its LiveHub on DATABASE_URL, served on
// loopback; answers the parent's "stats" message with its CPU time and memory.
import { serve } from '@hono/node-server';
import { Client } from '@temporalio/client';
import { DEFAULT_WEBHOOK_CONFIG } from '../../activities/webhooks';
import { createApp } from '../../api/app';
import { LiveHub } from '../../api/live/hub';
import { openDatabase } from '../../db/client';

const [url, port] = [process.env.BENCH_DATABASE_URL!, Number(process.env.BENCH_PORT)];
const database = await openDatabase({ databaseUrl: url, poolSize: 5 });
const live = await LiveHub.start(database);
// GET /events never asks Temporal; a lazy client that is never used.
const temporal = new Client();
const app = createApp({
  db: database.db,
  temporal,
  live,
  config: { TEMPORAL_TASK_QUEUE: 'bench-live', TEMPORAL_NAMESPACE: 'default', SESSION_TTL_HOURS: 1, publicUrl: 'http://bench.test', temporalUiUrl: 'http://localhost:8233', TWILIO_AUTH_TOKEN: undefined, MAIL_FROM: 'support@bench.test', mailDomain: 'bench.test', MAIL_ATTACHMENT_MAX_BYTES: 1 << 20, webhooks: DEFAULT_WEBHOOK_CONFIG, oidc: null },
});
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
server.once('listening', () => process.send?.({ ready: true }));
process.on('message', (m: { stats?: boolean; stop?: boolean }) => {
  if (m.stats) process.send?.({ cpu: process.cpuUsage(), rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, streams: live.size });
  if (m.stop) void live.close().then(() => server.close(() => process.exit(0)));
});
