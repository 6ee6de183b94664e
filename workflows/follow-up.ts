// The intake of an answer to a ticket closed for good: recorded like any feedback, then a new ticket
// linked to the old one (activities/follow-up.ts). Durable and once per inbound Message-ID.
import { proxyActivities } from '@temporalio/workflow';
import type { FollowUpActivities } from '../activities/follow-up';
import type { IntakeActivities } from '../activities/intake';
import type { NormalizedFeedback } from '../domain/feedback';
import { recordFeedbackOrRecover, startTicket, type IntakeResult } from './intake';

const { openFollowUpTicket } = proxyActivities<IntakeActivities & FollowUpActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 ms', maximumInterval: '30 seconds' },
});

export async function followUpIntakeWorkflow(feedbackId: string, feedback: NormalizedFeedback, receivedAt: number, linkedTicketNumber: number): Promise<IntakeResult> {
  await recordFeedbackOrRecover(feedbackId, feedback, receivedAt);
  const ticket = await openFollowUpTicket(feedbackId, linkedTicketNumber);
  await startTicket(ticket, `Ticket #${ticket.number}: follow-up of #${linkedTicketNumber}`);
  return { feedbackId, outcome: 'ticket', ticketNumber: ticket.number, ruleId: ticket.ruleId };
}
