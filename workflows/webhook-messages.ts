// How clients and activities reach a subscription's dispatcher workflow.
import { defineSignal } from '@temporalio/workflow';

/** There may be new events (or the subscription changed): look at the outbox now. */
export const wakeDispatcherSignal = defineSignal('wake');
export const dispatcherWorkflowId = (subscriptionId: string) => `webhooks-${subscriptionId}`;
