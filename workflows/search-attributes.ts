// Custom search attributes of the ticket workflow: an admin filters tickets by these in the Temporal UI
// (e.g. `CloseloopStatus = "escalated" AND CloseloopBreached = true`).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { TicketInput } from '../domain/ticket';

export const SA = {
  status: defineSearchAttributeKey('CloseloopStatus', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('CloseloopPriority', SearchAttributeType.KEYWORD),
  branch: defineSearchAttributeKey('CloseloopBranch', SearchAttributeType.KEYWORD),
  service: defineSearchAttributeKey('CloseloopService', SearchAttributeType.KEYWORD),
  assignee: defineSearchAttributeKey('CloseloopAssignee', SearchAttributeType.KEYWORD),
  escalationLevel: defineSearchAttributeKey('CloseloopEscalationLevel', SearchAttributeType.INT),
  breached: defineSearchAttributeKey('CloseloopBreached', SearchAttributeType.BOOL),
  ticketNumber: defineSearchAttributeKey('CloseloopTicketNumber', SearchAttributeType.INT),
} as const;

/** Name → CLI type name, for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTE_CLI_TYPES: Record<string, 'Keyword' | 'Int' | 'Bool'> = Object.fromEntries(
  Object.values(SA).map((k) => [
    k.name,
    k.type === SearchAttributeType.KEYWORD ? 'Keyword' : k.type === SearchAttributeType.INT ? 'Int' : 'Bool',
  ]),
);

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

/** The ticket workflow's summary in the Temporal UI when an intake starts it. */
export const ticketSummary = (t: TicketInput) => `Ticket #${t.number} (${t.priority}) from ${t.channel ?? 'feedback'}`;
