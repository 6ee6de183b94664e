// One intake workflow per accepted feedback: its start is the durable acceptance (the API answers 2xx
// only after Temporal has it), so a crash of the API or worker afterwards still evaluates it, once.
import { ApplicationFailure, ParentClosePolicy, patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Decision, IntakeActivities } from '../activities/intake';
import type { NotifyActivities } from '../activities/notify';
import { DATA_ERROR } from '../domain/errors';
import { scrubDeep } from '../domain/text-scrub';
import { dataErrorOf } from './data-errors';
import { patchGate } from './patch-baseline';
import type { NormalizedFeedback } from '../domain/feedback';
import { initialSearchAttributes, ticketSummary } from './search-attributes';
import { startChildOnce } from './start-child-once';
import { ticketWorkflow } from './ticket';
import { PATCH_BASELINE, ticketWorkflowId, type TicketInput } from '../domain/ticket';

export { initialSearchAttributes }; // where it always was, for the bench and tests

const OPTIONS = { startToCloseTimeout: '30 seconds', retry: { initialInterval: '500 ms', maximumInterval: '30 seconds' } } as const;
const { recordFeedback, evaluateFeedback, recordAndEvaluateFeedback, notifySaveFailure } = proxyActivities<IntakeActivities & Pick<NotifyActivities, 'notifySaveFailure'>>(OPTIONS);
/** intake-local-activity: run by the worker inside the first workflow task. */
const local = proxyLocalActivities<Pick<IntakeActivities, 'recordEvaluateAndStartTicket'>>(OPTIONS);

export interface IntakeResult {
  feedbackId: string;
  outcome: 'ticket' | 'no_match';
  ticketNumber: number | null;
  ruleId: string | null;
}

/** Every start of a new intake: today's patch baseline goes along, so no caller can leave it out. */
export const intakeArgs = (feedbackId: string, feedback: NormalizedFeedback, receivedAt: number): Parameters<typeof feedbackIntakeWorkflow> => [feedbackId, feedback, receivedAt, PATCH_BASELINE];

/** `patchBaseline`: the patches this intake takes as applied (workflows/patch-baseline.ts); absent on intakes started before baselines. */
export async function feedbackIntakeWorkflow(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number, patchBaseline?: number): Promise<IntakeResult> {
  const { decision, ticketStarted } = await recordAndEvaluate(feedbackId, feedback, receivedAt, patchGate(patchBaseline));
  if (decision.outcome === 'no_match') return { feedbackId, outcome: 'no_match', ticketNumber: null, ruleId: null };
  const { ticket } = decision;
  if (!ticketStarted) await startTicket(ticket, ticketSummary(ticket));
  return { feedbackId, outcome: 'ticket', ticketNumber: ticket.number, ruleId: ticket.ruleId };
}

/** intake-one-activity: the feedback is recorded and evaluated by one activity (before: two, each with
 * its own workflow task). intake-local-activity: a local activity records, evaluates and starts the
 * ticket's workflow itself (not as a child), inside the workflow task that starts the intake — no
 * activity task through the server and no further workflow task: every intake is one workflow task (it
 * is idempotent on the feedback id and the ticket's workflow id, so a worker lost mid-way simply runs it
 * again). Feedback Postgres refuses for its data takes the older path, whose backstop replaces the text
 * and tells the admins. */
async function recordAndEvaluate(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number, isPatched: (patchId: string) => boolean): Promise<{ decision: Decision; ticketStarted: boolean }> {
  if (isPatched('intake-local-activity')) {
    try {
      return { decision: await local.recordEvaluateAndStartTicket(feedbackId, feedback, receivedAt), ticketStarted: true };
    } catch (e) {
      if (dataErrorOf(e) === null) throw e;
    }
  } else if (isPatched('intake-one-activity')) {
    try {
      return { decision: await recordAndEvaluateFeedback(feedbackId, feedback, receivedAt), ticketStarted: false };
    } catch (e) {
      if (dataErrorOf(e) === null) throw e;
    }
  }
  await recordFeedbackOrRecover(feedbackId, feedback, receivedAt);
  return { decision: await evaluateFeedback(feedbackId), ticketStarted: false };
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
