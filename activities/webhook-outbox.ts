// Webhook events into the outbox, inside the transaction that records what happened (the projection's
// timeline insert, the intake's feedback insert), so an event is queued exactly when it is recorded; ids
// come from (ticket, seq) or the feedback id, so a retried activity queues nothing twice. After the
// commit the subscriptions' dispatcher workflows are woken (best effort: they also look every few minutes).
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Db } from '../db/client';
import { enqueueWebhookEvents, type NewWebhookEvent } from '../db/webhooks';
import type { TimelineEvent } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import { feedbackPartition, feedbackReceivedEvent, ticketPartition, webhookEventOf, webhookTicketOf, type WebhookEvent, type WebhookFeedback } from '../domain/webhooks';
import { dispatcherWorkflowId, wakeDispatcherSignal } from '../workflows/webhook-messages';

type Tx = Pick<Db, 'select' | 'insert'>;

const row = (e: WebhookEvent, partitionKey: string, seq: number): NewWebhookEvent => ({ id: e.id, type: e.type, partitionKey, seq, payload: e });

/** Queues the webhook events of a ticket's new timeline events; returns the subscriptions to wake. */
export async function enqueueTicketWebhooks(tx: Tx, view: TicketView, events: TimelineEvent[], publicUrl: string): Promise<string[]> {
  const ticket = webhookTicketOf(view, publicUrl);
  const rows = events.flatMap((e) => {
    const w = webhookEventOf(e, ticket);
    return w ? [row(w, ticketPartition(view.number), e.seq)] : [];
  });
  return enqueueWebhookEvents(tx, rows);
}

/** The feedback id may hold any characters a channel sent; the event id is a header value, so a hash. */
export const feedbackEventId = (feedbackId: string) => `evt_f${createHash('sha256').update(feedbackId).digest('hex').slice(0, 24)}`;

export async function enqueueFeedbackWebhook(tx: Tx, feedback: WebhookFeedback): Promise<string[]> {
  return enqueueWebhookEvents(tx, [row(feedbackReceivedEvent(feedbackEventId(feedback.id), feedback), feedbackPartition(feedback.id), 0)]);
}

/** Signals (starting when needed) each subscription's dispatcher. Called from inside an activity. */
export async function wakeDispatchers(subscriptionIds: string[]): Promise<void> {
  if (!subscriptionIds.length) return;
  const ctx = Context.current();
  await Promise.all(
    subscriptionIds.map((id) =>
      ctx.client.workflow
        .signalWithStart('webhookDispatcherWorkflow', { workflowId: dispatcherWorkflowId(id), taskQueue: ctx.info.taskQueue, args: [id], signal: wakeDispatcherSignal, signalArgs: [] })
        .catch((e: unknown) => ctx.log.warn('webhook dispatcher not woken; it looks again within minutes', { subscriptionId: id, error: (e as Error).message })),
    ),
  );
}
