// Who takes an escalated ticket: the level's first person with availability and room, decided under the
// same row locks as the intake's assignments (db/users.ts poolMembers), so an escalation and a burst
// of intakes cannot both fill the last place.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { tickets } from '../db/schema';
import { poolMembers } from '../db/users';
import { pickEscalationOwner, type EscalationOwnerPick } from '../domain/assignment';

export function createEscalationOwnerActivities(db: Db) {
  return {
    async pickEscalationOwner(ticketNumber: number, candidates: string[], currentAssigneeId: string | null): Promise<EscalationOwnerPick> {
      return db.transaction(async (tx) => {
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
      });
    },
  };
}
