// Custom search attributes of the ticket workflow: an admin filters tickets by these in the Temporal UI
// (e.g. `CloseloopStatus = "escalated" AND CloseloopBreached = true`).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

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
