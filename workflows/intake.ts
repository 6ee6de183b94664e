// One intake workflow per accepted feedback: its start is the durable acceptance (the API answers 2xx
// only after Temporal has it), so a crash of the API or worker afterwards still evaluates it, once.
import { ApplicationFailure, ParentClosePolicy, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Decision, IntakeActivities } from '../activities/intake';
import type { NotifyActivities } from '../activities/notify';
import { DATA_ERROR } from '../domain/errors';
import { scrubDeep } from '../domain/text-scrub';
import { dataErrorOf } from './data-errors';
import type { NormalizedFeedback } from '../domain/feedback';
import { SA } from './search-attributes';
import { startChildOnce } from './start-child-once';
import { ticketWorkflow } from './ticket';
import { ticketWorkflowId, type TicketInput } from '../domain/ticket';

const OPTIONS = { startToCloseTimeout: '30 seconds', retry: { initialInterval: '500 ms', maximumInterval: '30 seconds' } } as const;
const { recordFeedback, evaluateFeedback, recordAndEvaluateFeedback, notifySaveFailure } = proxyActivities<IntakeActivities & Pick<NotifyActivities, 'notifySaveFailure'>>(OPTIONS);
/** intake-local-activity: the same activity run by the worker inside the first workflow task. */
const local = proxyLocalActivities<Pick<IntakeActivities, 'recordAndEvaluateFeedback'>>(OPTIONS);

export interface IntakeResult {
  feedbackId: string;
  outcome: 'ticket' | 'no_match';
  ticketNumber: number | null;
  ruleId: string | null;
}

export async function feedbackIntakeWorkflow(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number): Promise<IntakeResult> {
  const decision = await recordAndEvaluate(feedbackId, feedback, receivedAt);
  if (decision.outcome === 'no_match') return { feedbackId, outcome: 'no_match', ticketNumber: null, ruleId: null };
  const { ticket } = decision;
  await startTicket(ticket, `Ticket #${ticket.number} (${ticket.priority}) from ${ticket.channel ?? 'feedback'}`);
  return { feedbackId, outcome: 'ticket', ticketNumber: ticket.number, ruleId: ticket.ruleId };
}

/** intake-one-activity: the feedback is recorded and evaluated by one activity (before: two, each with
 * its own workflow task). intake-local-activity: that activity runs as a local activity, inside the
 * workflow task that starts the intake — no activity task through the server and no second workflow
 * task, so a feedback without a ticket costs the server its start and one workflow task (it is idempotent
 * on the feedback id, so a worker lost mid-way simply runs it again). Feedback Postgres refuses for its
 * data takes the older path, whose backstop replaces the text and tells the admins. */
async function recordAndEvaluate(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number): Promise<Decision> {
  if (patched('intake-local-activity')) {
    try {
      return await local.recordAndEvaluateFeedback(feedbackId, feedback, receivedAt);
    } catch (e) {
      if (dataErrorOf(e) === null) throw e;
    }
  } else if (patched('intake-one-activity')) {
    try {
      return await recordAndEvaluateFeedback(feedbackId, feedback, receivedAt);
    } catch (e) {
      if (dataErrorOf(e) === null) throw e;
    }
  }
  await recordFeedbackOrRecover(feedbackId, feedback, receivedAt);
  return evaluateFeedback(feedbackId);
}

/**
 * intake-data-error-backstop: feedback Postgres refuses for its text (NUL, lone surrogates — which the
 * API refuses, but a client may start the workflow itself) is saved with that text replaced, and the
 * admins are told; feedback refused even so fails this intake for good (told too) instead of retrying
 * for ever.
 */
export async function recordFeedbackOrRecover(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number): Promise<void> {
  try {
    return await recordFeedback(feedbackId, feedback, receivedAt);
  } catch (e) {
    const sqlState = dataErrorOf(e);
    if (sqlState === null || !patched('intake-data-error-backstop')) throw e;
    await notifySaveFailure({ feedbackId, sqlState });
    const clean = scrubDeep(feedback);
    if (!clean.replaced) throw ApplicationFailure.create({ type: DATA_ERROR, message: `feedback ${feedbackId} could not be saved (SQLSTATE ${sqlState})`, nonRetryable: true });
    await recordFeedback(feedbackId, clean.value, receivedAt);
  }
}

/** Starts the ticket's own workflow, which outlives this one. */
export async function startTicket(ticket: TicketInput, summary: string): Promise<void> {
  // Already running means an earlier attempt of this evaluation started it: nothing to do.
  await startChildOnce(ticketWorkflow, {
    workflowId: ticketWorkflowId(ticket.number),
    args: [ticket],
    parentClosePolicy: ParentClosePolicy.ABANDON,
    typedSearchAttributes: initialSearchAttributes(ticket),
    staticSummary: summary,
  });
}

/** Set at start so the ticket is findable in the Temporal UI from its first second. */
export function initialSearchAttributes(t: TicketInput) {
  return [
    { key: SA.ticketNumber, value: t.number },
    { key: SA.status, value: 'new' },
    { key: SA.priority, value: t.priority },
    { key: SA.branch, value: t.branch ?? '' },
    { key: SA.service, value: t.service ?? '' },
    { key: SA.assignee, value: t.assigneeId ?? '' },
    { key: SA.escalationLevel, value: 0 },
    { key: SA.breached, value: false },
  ];
}
