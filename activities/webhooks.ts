// Webhook delivery, one event at a time for the dispatcher workflow (workflows/webhook-dispatcher.ts):
// what is pending, deliver one (signed; every attempt logged), and pause a subscription whose deliveries
// kept failing, with a notice to every admin through the outbox.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client';
import { renderStoredTemplate } from '../db/templates';
import { activeAdmins, pauseSubscription, pendingEvents, recordDelivery, subscription, webhookEvent } from '../db/webhooks';
import { EMPTY_ALLOW_LIST } from '../domain/webhook-target';
import type { WebhookRetry } from '../domain/webhooks';
import type { WebhookConfig } from '../platform/config';
import type { Mailer } from './mailer';
import { EMAIL_DELIVERY, sendOnce } from './outbox';
import { postWebhook, signatureHeader } from './webhook-http';
import { webhookFailures } from '../platform/metrics';

export interface WebhookDeps {
  db: Db;
  mailer: Mailer;
  publicUrl: string;
  mailDomain: string;
  webhooks?: WebhookConfig;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  allowList: EMPTY_ALLOW_LIST,
  retry: { maximumAttempts: 15, initialIntervalMs: 15_000, maximumIntervalMs: 3_600_000 },
  timeoutMs: 10_000,
};

/** Per round: this many tickets in parallel, each up to this many events in order (one activity each). */
const PARTITIONS_PER_ROUND = 50;
export const EVENTS_PER_PARTITION = 20;

export type NextWebhookEvents = { state: 'gone' } | { state: 'paused' } | { state: 'active'; partitions: string[][]; retry: WebhookRetry; timeoutMs: number };
export type DeliveryResult = 'delivered' | 'already_delivered' | 'paused' | 'gone';

export function createWebhookActivities(deps: WebhookDeps) {
  const config = deps.webhooks ?? DEFAULT_WEBHOOK_CONFIG;

  async function deliverOne(subscriptionId: string, eventId: string): Promise<DeliveryResult> {
    const sub = await subscription(deps.db, subscriptionId);
    if (!sub) return 'gone';
    if (sub.status === 'paused') return 'paused';
    const event = await webhookEvent(deps.db, subscriptionId, eventId);
    if (!event) return 'gone';
    if (event.status === 'delivered') return 'already_delivered';
    const body = JSON.stringify(event.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const secrets = [sub.secret, ...(sub.previousSecret && sub.previousSecretUntil && sub.previousSecretUntil > new Date() ? [sub.previousSecret] : [])];
    const outcome = await postWebhook(
      sub.url,
      body,
      {
        'content-type': 'application/json',
        'user-agent': 'Closeloop-Webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signatureHeader(secrets, event.id, timestamp, body),
        'closeloop-event-type': event.type,
      },
      config,
    );
    const attempt = await recordDelivery(deps.db, { subscriptionId, eventId, ok: outcome.ok, responseCode: outcome.status, latencyMs: outcome.latencyMs, error: outcome.error });
    if (outcome.ok) return 'delivered';
    webhookFailures.inc({ kind: outcome.refused ? 'refused' : 'failed' });
    const message = `${event.id} attempt ${attempt}: ${outcome.error}`;
    if (outcome.refused) throw ApplicationFailure.create({ message, type: 'WebhookTargetRefused', nonRetryable: true, details: [event.id] });
    throw ApplicationFailure.create({ message, type: 'WebhookDeliveryFailed', details: [event.id] });
  }

  return {
    /** The pending events in delivery order, and the retry policy the worker was configured with. */
    async nextWebhookEvents(subscriptionId: string): Promise<NextWebhookEvents> {
      const sub = await subscription(deps.db, subscriptionId);
      if (!sub) return { state: 'gone' };
      if (sub.status === 'paused') return { state: 'paused' };
      return { state: 'active', partitions: await pendingEvents(deps.db, subscriptionId, PARTITIONS_PER_ROUND, EVENTS_PER_PARTITION), retry: config.retry, timeoutMs: config.timeoutMs };
    },

    /** Delivers one ticket's events in order, each a signed POST; stops at the first failure and throws,
     * so Temporal retries with backoff (events already delivered are skipped then). A refused target
     * throws non-retryable: the dispatcher pauses the subscription at once. */
    async deliverWebhookEvents(subscriptionId: string, eventIds: string[]): Promise<DeliveryResult> {
      for (const eventId of eventIds) {
        const r = await deliverOne(subscriptionId, eventId);
        if (r === 'paused' || r === 'gone') return r;
      }
      return 'delivered';
    },

    /** Pauses the subscription and tells every active admin once per pause (e-mail through the outbox).
     * `eventIds`: the ticket's events that were being delivered; the first still pending is the one that failed. */
    async pauseWebhookSubscription(subscriptionId: string, eventIds: string[], reason: string): Promise<void> {
      const sub = await pauseSubscription(deps.db, subscriptionId, reason);
      let eventId = eventIds[0];
      for (const id of eventIds) {
        const e = await webhookEvent(deps.db, subscriptionId, id);
        if (e?.status === 'pending') {
          eventId = id;
          break;
        }
      }
      if (!sub || sub.status !== 'paused' || !sub.pausedAt) return;
      const mail = await renderStoredTemplate(deps.db, 'webhook_paused_notice', { webhookUrl: sub.url, reason: sub.pauseReason ?? reason, eventId, webhooksUrl: `${deps.publicUrl}/admin/webhooks` });
      for (const admin of await activeAdmins(deps.db)) {
        const key = `webhook:${subscriptionId}:paused:${sub.pausedAt.getTime()}:${admin.id}`;
        await sendOnce(
          deps.db,
          key,
          { ticketNumber: null, channel: 'email', target: admin.email, payload: { subject: mail.subject } },
          () => deps.mailer.sendMail({ to: admin.email, ...mail, messageId: `<${key.replace(/:/g, '.')}@${deps.mailDomain}>` }).then(() => undefined),
          EMAIL_DELIVERY,
        );
      }
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
