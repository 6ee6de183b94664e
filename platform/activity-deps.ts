// Builds the activities' dependencies from the validated config (one place for every external client).
import type { Db } from '../db/client';
import type { Config } from './config';
import type { ActivityDeps } from '../activities';
import { createMailer } from '../activities/mailer';
import { createSlackClient } from '../activities/notify';

/** `smtpUrl`: SMTP_URL, or the built-in dev mailbox's address in embedded mode. */
export function activityDepsFromConfig(config: Config, db: Db, smtpUrl: string): ActivityDeps {
  return {
    db,
    mailer: createMailer({ smtpUrl, from: config.MAIL_FROM }),
    slack: createSlackClient(config.SLACK_TOKEN, config.SLACK_API_URL),
    ai: config.AI_BASE_URL
      ? {
          baseUrl: config.AI_BASE_URL,
          apiKey: config.AI_API_KEY ?? 'none',
          model: config.AI_MODEL,
          timeoutMs: config.AI_TIMEOUT_MS,
          embeddingModel: config.AI_EMBEDDING_MODEL === 'none' ? null : config.AI_EMBEDDING_MODEL,
        }
      : null,
    publicUrl: config.publicUrl,
    mailDomain: config.mailDomain,
    webhooks: config.webhooks,
    google: config.google ? { baseUrl: config.google.baseUrl, token: config.google.token, oauth: config.googleOAuth, backfillDays: config.google.backfillDays } : null,
  };
}
