// The projection's live hook: what a ticket's change announces on the live channel. The projection
// publishes it inside its transaction, together with the agents' notification signals, so every API
// process hears it exactly when the read model has it (db/live-channel.ts).
import type { TimelineEvent } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import type { TicketChange } from '../domain/live';

export function ticketChange(view: Pick<TicketView, 'number' | 'branch' | 'assigneeId' | 'status' | 'priority' | 'version'>, events: Pick<TimelineEvent, 'seq'>[]): TicketChange {
  return {
    type: 'ticket',
    number: view.number,
    branch: view.branch,
    assigneeId: view.assigneeId,
    status: view.status,
    priority: view.priority,
    version: view.version,
    seq: events.length ? Math.max(...events.map((e) => e.seq)) : null,
  };
}
