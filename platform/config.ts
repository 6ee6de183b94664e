// Configuration is read from the environment once, validated with zod, and passed down explicitly.
import path from 'node:path';
import { z } from 'zod';
import { parseGoogleLocations, type GoogleLocation } from '../domain/google-reviews';

const port = z.coerce.number().int().min(1).max(65535);
const optionalUrl = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .pipe(z.url().optional());
const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

export const configSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: optionalUrl,
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: optionalUrl,
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('closeloop'),
  TEMPORAL_GRPC_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_URL: optionalUrl,
  TEMPORAL_CLI_PATH: optionalString,
  TEMPORAL_TEST_SERVER_PATH: optionalString,
  ADMIN_EMAIL: z.string().email().default('admin@closeloop.local'),
  ADMIN_PASSWORD: optionalString,
  INTAKE_KEY: optionalString,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  SMTP_URL: optionalUrl,
  MAIL_FROM: z.string().email().default('support@closeloop.local'),
  IMAP_URL: optionalUrl,
  MAIL_ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(0).default(10 * 1024 * 1024),
  SLACK_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl,
  AI_BASE_URL: optionalUrl,
  AI_API_KEY: optionalString,
  AI_MODEL: z.string().default('gpt-4o-mini'),
  // The whole analysis (retries included) must fit well inside the activity's one-minute timeout.
  AI_TIMEOUT_MS: z.coerce.number().int().min(500).max(45_000).default(20_000),
  AI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'), // "none": do not ask for embeddings
  GOOGLE_BUSINESS_BASE_URL: optionalUrl,
  GOOGLE_BUSINESS_TOKEN: optionalString,
  GOOGLE_BUSINESS_LOCATIONS: optionalString.superRefine((v, ctx) => {
    const r = v ? parseGoogleLocations(v) : null;
    if (r && !r.ok) ctx.addIssue({ code: 'custom', message: `${r.error} (expected accounts/{accountId}/locations/{locationId}=branch, comma-separated)` });
  }),
  GOOGLE_BUSINESS_POLL_SECONDS: z.coerce.number().int().min(10).default(900),
  GOOGLE_BUSINESS_BACKFILL_DAYS: z.coerce.number().min(0).max(365).default(7),
  TWILIO_AUTH_TOKEN: optionalString,
  // Public collection pages (kiosk, QR, widget): answers per minute a point, and one client address, may send.
  COLLECT_RATE_PER_POINT: z.coerce.number().int().min(1).default(120),
  COLLECT_RATE_PER_IP: z.coerce.number().int().min(1).default(30),
  // Reverse proxies in front of the API: the client address is that many entries from the end of
  // X-Forwarded-For (0: the socket's address, the header is ignored).
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type RawConfig = z.infer<typeof configSchema>;
export type Config = RawConfig & {
  /** The Google reviews bridge, when GOOGLE_BUSINESS_TOKEN and GOOGLE_BUSINESS_LOCATIONS are both set. */
  google: GoogleBusinessConfig | null;
  dataDir: string;
  publicUrl: string;
  temporalUiUrl: string;
  /** Embedded mode: no SMTP_URL, so the built-in dev mailbox receives what the app sends. */
  devMailbox: boolean;
  /** MAIL_FROM's domain: our Message-IDs end in it, so answers that quote them find their ticket. */
  mailDomain: string;
  /** SLACK_TOKEN is set: escalation levels set to Slack post there (else they are e-mailed). */
  slackEnabled: boolean;
};

export interface GoogleBusinessConfig {
  baseUrl: string;
  token: string;
  locations: GoogleLocation[];
  pollSeconds: number;
  backfillDays: number;
}

const GOOGLE_BUSINESS_DEFAULT_BASE_URL = 'https://mybusiness.googleapis.com';

export class ConfigError extends Error {}

/** Parse the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  if (!!c.GOOGLE_BUSINESS_TOKEN !== !!c.GOOGLE_BUSINESS_LOCATIONS) {
    throw new ConfigError(`Invalid configuration:\n  ${c.GOOGLE_BUSINESS_TOKEN ? 'GOOGLE_BUSINESS_LOCATIONS' : 'GOOGLE_BUSINESS_TOKEN'}: the Google reviews bridge needs both GOOGLE_BUSINESS_TOKEN and GOOGLE_BUSINESS_LOCATIONS`);
  }
  const googleLocations = c.GOOGLE_BUSINESS_LOCATIONS ? parseGoogleLocations(c.GOOGLE_BUSINESS_LOCATIONS) : null;
  return {
    google:
      c.GOOGLE_BUSINESS_TOKEN && googleLocations?.ok
        ? {
            baseUrl: c.GOOGLE_BUSINESS_BASE_URL ?? GOOGLE_BUSINESS_DEFAULT_BASE_URL,
            token: c.GOOGLE_BUSINESS_TOKEN,
            locations: googleLocations.locations,
            pollSeconds: c.GOOGLE_BUSINESS_POLL_SECONDS,
            backfillDays: c.GOOGLE_BUSINESS_BACKFILL_DAYS,
          }
        : null,
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    temporalUiUrl: c.TEMPORAL_UI_URL ?? `http://localhost:${c.TEMPORAL_UI_PORT}`,
    devMailbox: !c.SMTP_URL,
    mailDomain: c.MAIL_FROM.split('@')[1],
    slackEnabled: !!c.SLACK_TOKEN,
  };
}
