// Configuration is read from the environment once, validated with zod, and passed down explicitly.
import path from 'node:path';
import { z } from 'zod';
import { parseGoogleLocations, type GoogleLocation } from '../domain/google-reviews';
import type { GoogleApiUrls } from './google-directory';
import { parseRoleMap, type ClaimMapping } from '../domain/sso';
import { parseSecretKey } from './secret-box';
import type { Role } from '../domain/types';
import { parseAllowList, type TargetAllowList } from '../domain/webhook-target';
import type { WebhookRetry } from '../domain/webhooks';

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
  // A prebuilt workflow bundle (bundleWorkflowCode's output) for the worker: skips bundling the workflows
  // at every start (seconds of CPU per worker process); unset, the worker bundles them itself. Build it
  // with workflowBundlerOptions (platform/workflow-bundle.ts), as the worker bundles them.
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
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
  // The listing APIs behind mapping locations to branches in the admin UI (tests point them at a local server).
  GOOGLE_ACCOUNT_MANAGEMENT_BASE_URL: z.url().default('https://mybusinessaccountmanagement.googleapis.com'),
  GOOGLE_BUSINESS_INFORMATION_BASE_URL: z.url().default('https://mybusinessbusinessinformation.googleapis.com'),
  GOOGLE_BUSINESS_LOCATIONS: optionalString.superRefine((v, ctx) => {
    const r = v ? parseGoogleLocations(v) : null;
    if (r && !r.ok) ctx.addIssue({ code: 'custom', message: `${r.error} (expected accounts/{accountId}/locations/{locationId}=branch, comma-separated)` });
  }),
  // Google OAuth 2.0 (an admin connects the account from the admin UI); the refresh token is sealed with
  // GOOGLE_TOKEN_KEY (32 bytes, base64 or hex). The endpoints default to Google's.
  GOOGLE_OAUTH_CLIENT_ID: optionalString,
  GOOGLE_OAUTH_CLIENT_SECRET: optionalString,
  GOOGLE_OAUTH_REDIRECT_URL: optionalUrl,
  GOOGLE_OAUTH_AUTH_URL: z.url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_OAUTH_TOKEN_URL: z.url().default('https://oauth2.googleapis.com/token'),
  GOOGLE_TOKEN_KEY: optionalString.superRefine((v, ctx) => {
    if (v && !parseSecretKey(v)) ctx.addIssue({ code: 'custom', message: 'must be 32 random bytes as base64 (44 characters) or hex (64), e.g. `openssl rand -base64 32`' });
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
  // Strict-Transport-Security max-age, sent only when PUBLIC_URL is https (0: never sent).
  HSTS_MAX_AGE: z.coerce.number().int().min(0).max(63_072_000).default(31_536_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  // The worker's /livez and /readyz (worker RUNNING, Postgres, Temporal) on HOST:WORKER_HEALTH_PORT; off when unset.
  WORKER_HEALTH_PORT: port.optional(),
  // Prometheus: this process's metrics on HOST:METRICS_PORT/metrics, the Temporal SDK's (worker
  // processes) on HOST:TEMPORAL_METRICS_PORT/metrics; off when unset. Separate ports, never the API's.
  METRICS_PORT: port.optional(),
  TEMPORAL_METRICS_PORT: port.optional(),
  // Outbound webhooks: the SSRF allow-list, and how long a failing delivery is retried before the
  // subscription is paused (defaults: 15 s doubling to 1 h, 15 attempts ≈ 8 hours).
  WEBHOOK_ALLOWED_TARGETS: optionalString.superRefine((v, ctx) => {
    try {
      parseAllowList(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${(e as Error).message} (expected addresses, networks or host names, comma-separated)` });
    }
  }),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(15),
  WEBHOOK_RETRY_INITIAL_SECONDS: z.coerce.number().min(0.1).max(3600).default(15),
  WEBHOOK_RETRY_MAX_SECONDS: z.coerce.number().min(1).max(86_400).default(3600),
  WEBHOOK_TIMEOUT_SECONDS: z.coerce.number().min(1).max(60).default(10),
  // OpenID Connect sign-in (authorization code + PKCE); on when OIDC_ISSUER is set.
  OIDC_ISSUER: optionalUrl,
  OIDC_CLIENT_ID: optionalString,
  OIDC_CLIENT_SECRET: optionalString,
  OIDC_REDIRECT_URL: optionalUrl,
  OIDC_SCOPES: z.string().default('openid email profile'),
  OIDC_ROLE_CLAIM: optionalString,
  OIDC_ROLE_MAP: optionalString.superRefine((v, ctx) => {
    try {
      parseRoleMap(v);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: `${(e as Error).message} (expected e.g. admin=cl-admins,manager=cl-managers|leads,agent=cl-staff)` });
    }
  }),
  OIDC_BRANCHES_CLAIM: optionalString,
  OIDC_JIT: z.enum(['true', 'false', '1', '0']).default('false').transform((v) => v === 'true' || v === '1'),
  OIDC_DEFAULT_ROLE: z.enum(['agent', 'manager', 'admin']).default('agent'),
  OIDC_BUTTON_LABEL: z.string().trim().min(1).max(60).default('Sign in with SSO'),
});

export type RawConfig = z.infer<typeof configSchema>;
export type Config = RawConfig & {
  /** The Google reviews bridge, when GOOGLE_BUSINESS_LOCATIONS and a way to authorise (GOOGLE_BUSINESS_TOKEN
   * or the OAuth client) are set, or the OAuth client alone (locations mapped in the admin UI). */
  google: GoogleBusinessConfig | null;
  /** Connecting the Google account by OAuth 2.0, when GOOGLE_OAUTH_CLIENT_ID is set. */
  googleOAuth: GoogleOAuthConfig | null;
  /** Where the accounts and locations are listed from. */
  googleApis: GoogleApiUrls;
  dataDir: string;
  publicUrl: string;
  temporalUiUrl: string;
  /** Embedded mode: no SMTP_URL, so the built-in dev mailbox receives what the app sends. */
  devMailbox: boolean;
  /** MAIL_FROM's domain: our Message-IDs end in it, so answers that quote them find their ticket. */
  mailDomain: string;
  /** SLACK_TOKEN is set: escalation levels set to Slack post there (else they are e-mailed). */
  slackEnabled: boolean;
  webhooks: WebhookConfig;
  /** OpenID Connect sign-in, when OIDC_ISSUER is set. */
  oidc: OidcConfig | null;
};

export interface WebhookConfig {
  allowList: TargetAllowList;
  retry: WebhookRetry;
  timeoutMs: number;
}

export interface OidcConfig extends ClaimMapping {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUrl: string;
  scopes: string;
  jit: boolean;
  defaultRole: Role;
  buttonLabel: string;
}

export interface GoogleOAuthConfig {
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** GOOGLE_TOKEN_KEY: seals the refresh token at rest. */
  tokenKey: Buffer;
}

export interface GoogleBusinessConfig {
  baseUrl: string;
  /** GOOGLE_BUSINESS_TOKEN: a static access token, used while no Google account is connected. */
  token: string | null;
  /** GOOGLE_BUSINESS_LOCATIONS: the fallback for locations no admin has mapped (may be empty). */
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
  const googleAuth = !!c.GOOGLE_BUSINESS_TOKEN || !!c.GOOGLE_OAUTH_CLIENT_ID;
  // With the OAuth client, locations may instead be mapped to branches in the admin UI (google_locations).
  if (googleAuth !== !!c.GOOGLE_BUSINESS_LOCATIONS && !(c.GOOGLE_OAUTH_CLIENT_ID && !c.GOOGLE_BUSINESS_LOCATIONS)) {
    throw new ConfigError(
      `Invalid configuration:\n  ${googleAuth ? 'GOOGLE_BUSINESS_LOCATIONS' : 'GOOGLE_BUSINESS_TOKEN'}: the Google reviews bridge needs GOOGLE_BUSINESS_LOCATIONS and either GOOGLE_BUSINESS_TOKEN or GOOGLE_OAUTH_CLIENT_ID`,
    );
  }
  if (c.GOOGLE_OAUTH_CLIENT_ID && !c.GOOGLE_OAUTH_CLIENT_SECRET) throw new ConfigError('Invalid configuration:\n  GOOGLE_OAUTH_CLIENT_SECRET: the Google OAuth client needs its secret');
  // The refresh token is never stored in the clear.
  if (c.GOOGLE_OAUTH_CLIENT_ID && !c.GOOGLE_TOKEN_KEY) throw new ConfigError('Invalid configuration:\n  GOOGLE_TOKEN_KEY: connecting Google needs a key to encrypt the refresh token at rest (openssl rand -base64 32)');
  if (c.OIDC_ISSUER && !c.OIDC_CLIENT_ID) throw new ConfigError('Invalid configuration:\n  OIDC_CLIENT_ID: OIDC sign-in needs the client id registered at OIDC_ISSUER');
  if (c.OIDC_ROLE_MAP && !c.OIDC_ROLE_CLAIM) throw new ConfigError('Invalid configuration:\n  OIDC_ROLE_CLAIM: OIDC_ROLE_MAP needs the claim it reads (e.g. groups)');
  const publicUrl = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`;
  const googleLocations = c.GOOGLE_BUSINESS_LOCATIONS ? parseGoogleLocations(c.GOOGLE_BUSINESS_LOCATIONS) : null;
  return {
    google:
      googleAuth && (googleLocations?.ok || !googleLocations)
        ? {
            baseUrl: c.GOOGLE_BUSINESS_BASE_URL ?? GOOGLE_BUSINESS_DEFAULT_BASE_URL,
            token: c.GOOGLE_BUSINESS_TOKEN ?? null,
            locations: googleLocations?.ok ? googleLocations.locations : [],
            pollSeconds: c.GOOGLE_BUSINESS_POLL_SECONDS,
            backfillDays: c.GOOGLE_BUSINESS_BACKFILL_DAYS,
          }
        : null,
    googleApis: { accountManagement: c.GOOGLE_ACCOUNT_MANAGEMENT_BASE_URL, businessInformation: c.GOOGLE_BUSINESS_INFORMATION_BASE_URL },
    googleOAuth:
      c.GOOGLE_OAUTH_CLIENT_ID && c.GOOGLE_OAUTH_CLIENT_SECRET && c.GOOGLE_TOKEN_KEY
        ? {
            clientId: c.GOOGLE_OAUTH_CLIENT_ID,
            clientSecret: c.GOOGLE_OAUTH_CLIENT_SECRET,
            redirectUrl: c.GOOGLE_OAUTH_REDIRECT_URL ?? `${publicUrl}/api/v1/integrations/google/callback`,
            authorizationUrl: c.GOOGLE_OAUTH_AUTH_URL,
            tokenUrl: c.GOOGLE_OAUTH_TOKEN_URL,
            tokenKey: parseSecretKey(c.GOOGLE_TOKEN_KEY)!,
          }
        : null,
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    publicUrl,
    temporalUiUrl: c.TEMPORAL_UI_URL ?? `http://localhost:${c.TEMPORAL_UI_PORT}`,
    devMailbox: !c.SMTP_URL,
    mailDomain: c.MAIL_FROM.split('@')[1],
    slackEnabled: !!c.SLACK_TOKEN,
    webhooks: {
      allowList: parseAllowList(c.WEBHOOK_ALLOWED_TARGETS),
      retry: { maximumAttempts: c.WEBHOOK_MAX_ATTEMPTS, initialIntervalMs: c.WEBHOOK_RETRY_INITIAL_SECONDS * 1000, maximumIntervalMs: c.WEBHOOK_RETRY_MAX_SECONDS * 1000 },
      timeoutMs: c.WEBHOOK_TIMEOUT_SECONDS * 1000,
    },
    oidc:
      c.OIDC_ISSUER && c.OIDC_CLIENT_ID
        ? {
            issuer: c.OIDC_ISSUER,
            clientId: c.OIDC_CLIENT_ID,
            clientSecret: c.OIDC_CLIENT_SECRET ?? null,
            redirectUrl: c.OIDC_REDIRECT_URL ?? `${publicUrl}/api/v1/auth/oidc/callback`,
            scopes: c.OIDC_SCOPES,
            roleClaim: c.OIDC_ROLE_CLAIM ?? null,
            roleMap: parseRoleMap(c.OIDC_ROLE_MAP),
            branchesClaim: c.OIDC_BRANCHES_CLAIM ?? null,
            jit: c.OIDC_JIT,
            defaultRole: c.OIDC_DEFAULT_ROLE,
            buttonLabel: c.OIDC_BUTTON_LABEL,
          }
        : null,
  };
}
