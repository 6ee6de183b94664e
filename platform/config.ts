// Configuration is read from the environment once, validated with zod, and passed down explicitly.
import path from 'node:path';
import { z } from 'zod';

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
  AI_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  GOOGLE_BUSINESS_BASE_URL: optionalUrl,
  GOOGLE_BUSINESS_TOKEN: optionalString,
  GOOGLE_BUSINESS_LOCATIONS: optionalString,
  TWILIO_AUTH_TOKEN: optionalString,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type RawConfig = z.infer<typeof configSchema>;
export type Config = RawConfig & {
  dataDir: string;
  publicUrl: string;
  temporalUiUrl: string;
  /** Embedded mode: no SMTP_URL, so the built-in dev mailbox receives what the app sends. */
  devMailbox: boolean;
};

export class ConfigError extends Error {}

/** Parse the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    temporalUiUrl: c.TEMPORAL_UI_URL ?? `http://localhost:${c.TEMPORAL_UI_PORT}`,
    devMailbox: !c.SMTP_URL,
  };
}
