// Picks a ticket's owner from a rule's pool. Pure: the caller passes the cursor and a random number.
export type AssignmentStrategy = 'round_robin' | 'first_available' | 'random';

export interface PoolMember {
  userId: string;
  available: boolean;
  capacity: number | null; // max open tickets; null = unlimited
  openTickets: number;
}

export interface AssignmentRequest {
  strategy: AssignmentStrategy;
  pool: string[]; // in the admin's order
  cursor: number; // round-robin: index of the last pick, -1 before the first
  members: PoolMember[];
  random01: number; // in [0, 1)
}

export interface AssignmentResult {
  userId: string | null; // null: nobody available (the ticket stays unassigned and level 1 is told)
  nextCursor: number;
}

const canTake = (m: PoolMember | undefined) => !!m && m.available && (m.capacity === null || m.openTickets < m.capacity);

export function pickAssignee(req: AssignmentRequest): AssignmentResult {
  const byId = new Map(req.members.map((m) => [m.userId, m]));
  const eligible = req.pool.map((id, index) => ({ id, index })).filter(({ id }) => canTake(byId.get(id)));
  if (eligible.length === 0) return { userId: null, nextCursor: req.cursor };
  switch (req.strategy) {
    case 'first_available':
      return { userId: eligible[0].id, nextCursor: req.cursor };
    case 'random': {
      const pick = eligible[Math.min(Math.floor(req.random01 * eligible.length), eligible.length - 1)];
      return { userId: pick.id, nextCursor: req.cursor };
    }
    case 'round_robin': {
      // The next eligible member after the last pick, wrapping around the pool.
      const pick = eligible.find((e) => e.index > req.cursor) ?? eligible[0];
      return { userId: pick.id, nextCursor: pick.index };
    }
  }
}

/** Why a person of an escalation level could not take the ticket. */
export type SkipReason = 'inactive' | 'unavailable' | 'at_capacity';
export interface EscalationOwnerPick {
  userId: string | null; // null: nobody on the level can take it (the owner stays)
  skipped: Array<{ userId: string; why: SkipReason }>;
}

/** The escalation level's first person who can take the ticket (in the level's order); the current
 * owner, when on the level, keeps it without counting against capacity again. */
export function pickEscalationOwner(candidates: string[], members: PoolMember[], currentAssigneeId: string | null): EscalationOwnerPick {
  const byId = new Map(members.map((m) => [m.userId, m]));
  const skipped: EscalationOwnerPick['skipped'] = [];
  for (const id of candidates) {
    const m = byId.get(id);
    if (id === currentAssigneeId && m) return { userId: id, skipped };
    if (!m) skipped.push({ userId: id, why: 'inactive' });
    else if (canTake(m)) return { userId: id, skipped };
    else skipped.push({ userId: id, why: m.available ? 'at_capacity' : 'unavailable' });
  }
  return { userId: null, skipped };
}
