// The projection's live hook: announces a ticket's change on the live channel inside the projection's
// transaction, so every API process hears it exactly when the read model has it (db/live-channel.ts).
import { publishLive } from '../db/live-channel';
import type { Db } from '../db/client';
import type { TimelineEvent } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';

export async function publishTicketChange(tx: Pick<Db, 'execute'>, view: Pick<TicketView, 'number' | 'branch' | 'assigneeId' | 'status' | 'priority' | 'version'>, events: Pick<TimelineEvent, 'seq'>[]): Promise<void> {
  await publishLive(tx, {
    type: 'ticket',
    number: view.number,
    branch: view.branch,
    assigneeId: view.assigneeId,
    status: view.status,
    priority: view.priority,
    version: view.version,
    seq: events.length ? Math.max(...events.map((e) => e.seq)) : null,
  });
}
