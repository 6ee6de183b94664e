// One intake workflow per accepted feedback: its start is the durable acceptance (the API answers 2xx
// only after Temporal has it), so a crash of the API or worker afterwards still evaluates it, once.
import { ParentClosePolicy, proxyActivities } from '@temporalio/workflow';
import type { IntakeActivities } from '../activities/intake';
import type { NormalizedFeedback } from '../domain/feedback';
import { SA } from './search-attributes';
import { startChildOnce } from './start-child-once';
import { ticketWorkflow } from './ticket';
import { ticketWorkflowId, type TicketInput } from '../domain/ticket';

const { recordFeedback, evaluateFeedback } = proxyActivities<IntakeActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 ms', maximumInterval: '30 seconds' },
});

export interface IntakeResult {
  feedbackId: string;
  outcome: 'ticket' | 'no_match';
  ticketNumber: number | null;
  ruleId: string | null;
}

export async function feedbackIntakeWorkflow(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number): Promise<IntakeResult> {
  await recordFeedback(feedbackId, feedback, receivedAt);
  const decision = await evaluateFeedback(feedbackId);
  if (decision.outcome === 'no_match') return { feedbackId, outcome: 'no_match', ticketNumber: null, ruleId: null };
  const { ticket } = decision;
  await startTicket(ticket, `Ticket #${ticket.number} (${ticket.priority}) from ${ticket.channel ?? 'feedback'}`);
  return { feedbackId, outcome: 'ticket', ticketNumber: ticket.number, ruleId: ticket.ruleId };
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
