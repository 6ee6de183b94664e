// The projection's live hook: announces a ticket's change on the live channel inside the projection's
// transaction, so every API process hears it exactly when the read model has it (db/live-channel.ts).
import { publishLive } from '../db/live-channel';
import type { Db } from '../db/client';
import type { LiveMessage } from '../domain/live';
import type { TimelineEvent } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';

type Changed = Pick<TicketView, 'number' | 'branch' | 'assigneeId' | 'status' | 'priority' | 'version'>;

/** The live message announcing the ticket's change (published by the caller, e.g. with its notifications). */
export function ticketChangeMessage(view: Changed, events: Pick<TimelineEvent, 'seq'>[]): LiveMessage {
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

export async function publishTicketChange(tx: Pick<Db, 'execute'>, view: Changed, events: Pick<TimelineEvent, 'seq'>[]): Promise<void> {
  await publishLive(tx, ticketChangeMessage(view, events));
}
