// Who takes an escalated ticket: the level's first person with availability and room, decided under the
// same row locks as the intake's assignments (db/users.ts poolMembers), so an escalation and a burst
// of intakes cannot both fill the last place.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tickets } from '../db/schema';
import { poolMembers } from '../db/users';
import { pickEscalationOwner, type EscalationOwnerPick } from '../domain/assignment';

export function createEscalationOwnerActivities(db: Db) {
  // Picks among the same people wait for each other on their rows' lock anyway. A burst of escalations to
  // one level (1 000 tickets falling due at once) queued them all inside transactions, each holding a pool
  // connection while it waited, so the projections and notices of the very same escalations found no
  // connection (5 s timeout, then an activity retry). Within this process they now queue here, holding
  // nothing; across processes the row lock still decides.
  const queues = new Map<string, Promise<unknown>>();
  function inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (queues.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => { if (queues.get(key) === tail) queues.delete(key); });
    return run;
  }

  return {
    async pickEscalationOwner(ticketNumber: number, candidates: string[], currentAssigneeId: string | null): Promise<EscalationOwnerPick> {
      return inTurn([...candidates].sort().join(','), () =>
        db.transaction(async (tx) => {
          const members = await poolMembers(tx, candidates, { lock: true });
          // A retry after a committed first attempt finds its own pick in the read model: keep it rather
          // than count the ticket against its new owner twice.
          const [row] = await tx.select({ assigneeId: tickets.assigneeId }).from(tickets).where(eq(tickets.number, ticketNumber));
          const stored = row?.assigneeId ?? null;
          const owner = stored && candidates.includes(stored) ? stored : currentAssigneeId;
          const pick = pickEscalationOwner(candidates, members, owner);
          // Written now (the projection writes the same value later) so the next decision counts it.
          if (pick.userId && pick.userId !== stored) await tx.update(tickets).set({ assigneeId: pick.userId }).where(eq(tickets.number, ticketNumber));
          return pick;
        }),
      );
    },
  };
}
