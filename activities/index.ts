// Every side effect the workflows may ask for, built from the process's dependencies.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client';
import { createAiActivities, type AiConfig } from './ai/analyse';
import { createCustomerMailActivities } from './customer-mail';
import { withFinalDataErrors } from './data-errors';
import { createFollowUpActivities } from './follow-up';
import { createEscalationOwnerActivities } from './escalation-owner';
import { createIntakeActivities } from './intake';
import type { Mailer } from './mailer';
import { createNotifyActivities } from './notify';
import { createNotificationDigestActivities } from './notification-digest';
import { createProjectionActivities } from './projection';
import { createGoogleReviewActivities, type GoogleBusinessDeps } from './google-reviews';
import { createGoogleReplyActivities } from './google-reply';
import { createWebhookActivities } from './webhooks';
import type { WebhookConfig } from '../platform/config';
import type { Actor } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';

export interface ActivityDeps {
  db: Db;
  mailer: Mailer;
  slack: WebClient | null;
  ai: AiConfig | null;
  publicUrl: string;
  mailDomain: string;
  /** Google reviews bridge; absent when GOOGLE_BUSINESS_* is not configured. */
  google?: GoogleBusinessDeps | null;
  /** Outbound webhooks: SSRF allow-list, retry policy, timeout (defaults: DEFAULT_WEBHOOK_CONFIG). */
  webhooks?: WebhookConfig;
}

export function createActivities(deps: ActivityDeps) {
  const mail = createCustomerMailActivities(deps);
  const googleReply = createGoogleReplyActivities(deps);
  // A write Postgres refuses for its data fails for good, not for ever (activities/data-errors.ts).
  return withFinalDataErrors({
    ...createIntakeActivities(deps.db),
    ...createEscalationOwnerActivities(deps.db),
    ...createFollowUpActivities(deps.db),
    ...createProjectionActivities(deps.db, deps.publicUrl, { mailer: deps.mailer, mailDomain: deps.mailDomain }),
    ...createNotifyActivities(deps),
    ...mail,
    // One activity for every public reply, so tickets already running replay unchanged: a Google
    // review's ticket is answered on Google, the others by e-mail.
    sendPublicReply: (ticket: TicketView, seq: number, body: string, actor: Actor) =>
      ticket.channel === 'google' ? googleReply.replyOnGoogle(ticket, seq, body) : mail.sendPublicReply(ticket, seq, body, actor),
    deleteGoogleReply: googleReply.deleteGoogleReply,
    ...createAiActivities(deps),
    ...createGoogleReviewActivities(deps),
    ...createWebhookActivities(deps),
    ...createNotificationDigestActivities(deps),
  });
}

export type Activities = ReturnType<typeof createActivities>;
