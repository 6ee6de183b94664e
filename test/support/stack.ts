// The real stack in one test process: Temporal dev server, a fresh database, a worker on its own task
// queue, a real SMTP server, and the Hono app driven with app.request().
import { randomBytes } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import type { ActivityDeps } from '../../activities';
import { createMailer } from '../../activities/mailer';
import { DEFAULT_WEBHOOK_CONFIG } from '../../activities/webhooks';
import { createApp } from '../../api/app';
import { LiveHub } from '../../api/live/hub';
import type { OidcConfig, WebhookConfig } from '../../platform/config';
import type { Channel } from '../../domain/types';
import type { ApiDeps } from '../../api/deps';
import { startDevMailbox, type DevMailbox } from '../../mail/dev-mailbox';
import { inboundDepsFromConfig, type InboundDeps } from '../../mail/inbound';
import { bootstrap } from '../../platform/bootstrap';
import { createWorker } from '../../worker';
import { createTestDatabase, type TestDatabase } from './db';
import { startSmtpCapture, type SmtpCapture } from './smtp';
import { startDevServerEnv, workflowBundle, type TemporalTestEnv } from './temporal';

export const ADMIN = { email: 'admin@test.local', password: 'admin-pass-123' };
export const INTAKE_KEY = 'clk_test_intake_key_0001';

export interface Session {
  cookie: string;
  csrf: string;
}

export interface Stack {
  temporal: TemporalTestEnv;
  database: TestDatabase;
  smtp: SmtpCapture;
  taskQueue: string;
  app: ReturnType<typeof createApp>;
  /** The app's live fan-out (GET /events). */
  live: LiveHub;
  /** The app's config, for a test that builds a second app beside it. */
  config: ApiDeps['config'];
  worker: Worker;
  deps: ActivityDeps;
  /** What the mail reader (or the dev mailbox's "answer as the customer") hands to handleInboundMail. */
  inboundDeps: InboundDeps;
  /** With `devMailbox: true` the app's mail goes to the built-in dev mailbox instead of `smtp`. */
  devMailbox: DevMailbox | null;
  adminId: string;
  /** app.request with JSON body and, when given, the session cookie and CSRF header. */
  call(method: string, path: string, body?: unknown, session?: Session | null, headers?: Record<string, string>): Promise<Response>;
  login(email?: string, password?: string): Promise<Session>;
  postFeedback(body: Record<string, unknown>, query?: string): Promise<Response>;
  /** The intake's verdict for a feedback, from its row once evaluated: what `?wait=true` answers when the
   * intake finishes within the API's wait, and still there when a loaded machine makes it run out. */
  intakeOutcome(channel: string, externalId: string): Promise<{ outcome: string; ticketNumber: number | null }>;
  /** The ticket that feedback posted with `?wait=true` opened: from the answer, or (when a loaded machine
   * made the API's 5 s wait run out and the answer came without it) from the intake's row. Throws when the
   * feedback opened no ticket. */
  ticketNumberOf(res: Response, fb: { channel?: unknown; externalId?: unknown }): Promise<number>;
  /** Polls until fn returns a truthy value (read-model projections are asynchronous). */
  eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  teardown(): Promise<void>;
}

export async function startStack(
  opts: { temporal?: TemporalTestEnv; activityDeps?: Partial<ActivityDeps>; devMailbox?: boolean; attachmentMaxBytes?: number; webhooks?: Partial<WebhookConfig>; oidc?: OidcConfig | null; config?: Partial<ApiDeps['config']> } = {},
): Promise<Stack> {
  const temporal = opts.temporal ?? (await startDevServerEnv());
  const database = await createTestDatabase();
  const boot = await bootstrap(database.db, { adminEmail: ADMIN.email, adminPassword: ADMIN.password, intakeKey: INTAKE_KEY });
  if (!boot.seeded) throw new Error('expected an empty database');
  const smtp = await startSmtpCapture();
  const devMailbox = opts.devMailbox ? await startDevMailbox(database.db, { log: () => undefined }) : null;
  const taskQueue = `test-${randomBytes(4).toString('hex')}`;
  const config: ApiDeps['config'] = {
    TEMPORAL_TASK_QUEUE: taskQueue,
    TEMPORAL_NAMESPACE: 'default',
    SESSION_TTL_HOURS: 12,
    publicUrl: 'http://closeloop.test',
    temporalUiUrl: 'http://localhost:8233',
    TWILIO_AUTH_TOKEN: 'twilio-test-token',
    MAIL_FROM: 'support@closeloop.test',
    mailDomain: 'closeloop.test',
    MAIL_ATTACHMENT_MAX_BYTES: opts.attachmentMaxBytes ?? 10 * 1024 * 1024,
    devMailbox: !!devMailbox,
    webhooks: { ...DEFAULT_WEBHOOK_CONFIG, ...opts.webhooks },
    oidc: opts.oidc ?? null,
    ...opts.config,
  };
  const deps: ActivityDeps = {
    db: database.db,
    mailer: createMailer({ smtpUrl: devMailbox?.url ?? smtp.url, from: config.MAIL_FROM }),
    slack: null,
    ai: null,
    publicUrl: config.publicUrl,
    mailDomain: config.mailDomain,
    webhooks: config.webhooks,
    ...opts.activityDeps,
  };
  const worker = await createWorker({
    connection: temporal.env.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps,
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  const live = await LiveHub.start(database);
  const app = createApp({ db: database.db, temporal: temporal.env.client, config, live });
  const { users, feedback } = await import('../../db/schema');
  const { and, eq } = await import('drizzle-orm');
  const [admin] = await database.db.select().from(users).where(eq(users.email, ADMIN.email));

  const call: Stack['call'] = async (method, path, body, session, headers = {}) =>
    app.request(path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  const intakeOutcome: Stack['intakeOutcome'] = (channel, externalId) =>
    eventually(async () => {
      const [row] = await database.db
        .select({ outcome: feedback.outcome, ticketNumber: feedback.ticketNumber })
        .from(feedback)
        .where(and(eq(feedback.channel, channel as Channel), eq(feedback.externalId, externalId)));
      return row?.outcome ? { outcome: row.outcome, ticketNumber: row.ticketNumber } : null;
    });

  return {
    temporal,
    database,
    smtp,
    taskQueue,
    app,
    live,
    config,
    worker,
    deps,
    inboundDeps: inboundDepsFromConfig(config, database.db, temporal.env.client),
    devMailbox,
    adminId: admin.id,
    call,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await call('POST', '/api/v1/auth/login', { email, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const me = (await res.json()) as { csrfToken: string };
      return { cookie, csrf: me.csrfToken };
    },
    postFeedback: (body, query = '') => call('POST', `/api/v1/feedback${query}`, body, null, { authorization: `Bearer ${INTAKE_KEY}` }),
    intakeOutcome,
    async ticketNumberOf(res, fb) {
      const answered = (await res.json()) as { ticketNumber?: number };
      if (typeof answered.ticketNumber === 'number') return answered.ticketNumber;
      const { outcome, ticketNumber } = await intakeOutcome(String(fb.channel), String(fb.externalId));
      if (ticketNumber == null) throw new Error(`feedback ${String(fb.externalId)} opened no ticket (outcome ${outcome})`);
      return ticketNumber;
    },
    eventually,
    async teardown() {
      await live.close();
      worker.shutdown();
      await running;
      deps.mailer.close();
      await smtp.close();
      await devMailbox?.close();
      await database.drop();
      if (!opts.temporal) await temporal.teardown();
    },
  };
}

// 30 s: a bound for a loaded machine (two test files at once on CI's 2 cores), not a latency goal.
async function eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
