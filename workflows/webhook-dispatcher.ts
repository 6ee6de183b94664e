// One long-running dispatcher per webhook subscription: delivers the outbox's pending events, in order
// per ticket and several tickets at once, each delivery an activity that Temporal retries with backoff.
// When a delivery still fails after the last retry (or its target is refused) the subscription is paused
// and its admins told; nothing is dropped, and resuming picks up at the same event. Woken by a signal
// when events are queued, and it looks by itself every few minutes in case a signal was lost.
import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhooks';
import { wakeDispatcherSignal } from './webhook-messages';

const { nextWebhookEvents, pauseWebhookSubscription } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const IDLE_LOOK_MS = 5 * 60_000;
const MAX_HISTORY_EVENTS = 2_000;

const why = (e: unknown) => (e instanceof ActivityFailure && e.cause ? e.cause.message : e instanceof Error ? e.message : String(e));

/** `maxHistoryEvents`: continue-as-new threshold, lowered in tests to exercise the hand-over. */
export async function webhookDispatcherWorkflow(subscriptionId: string, maxHistoryEvents = MAX_HISTORY_EVENTS): Promise<void> {
  let woken = false;
  setHandler(wakeDispatcherSignal, () => {
    woken = true;
  });
  for (;;) {
    woken = false;
    const next = await nextWebhookEvents(subscriptionId);
    if (next.state === 'gone') return;
    let delivered = false;
    if (next.state === 'active' && next.partitions.length) {
      // The retry policy is the worker's configuration, read by the activity above (so it is in history).
      const { deliverWebhookEvents } = proxyActivities<WebhookActivities>({
        startToCloseTimeout: next.partitions.reduce((m, p) => Math.max(m, p.length), 1) * next.timeoutMs + 30_000,
        retry: { initialInterval: next.retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: next.retry.maximumIntervalMs, maximumAttempts: next.retry.maximumAttempts },
      });
      // One activity per ticket: its events in order; a failure holds that ticket's later events back.
      const failures = await Promise.all(
        next.partitions.map((eventIds) =>
          deliverWebhookEvents(subscriptionId, eventIds).then(
            () => null,
            (e: unknown) => ({ eventIds, reason: why(e) }),
          ),
        ),
      );
      const failed = failures.find((f) => f !== null);
      if (failed) await pauseWebhookSubscription(subscriptionId, failed.eventIds, failed.reason);
      else delivered = true;
    }
    if (workflowInfo().historyLength > maxHistoryEvents || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof webhookDispatcherWorkflow>(subscriptionId, maxHistoryEvents);
    }
    if (!delivered && !woken) await condition(() => woken, IDLE_LOOK_MS);
  }
}
