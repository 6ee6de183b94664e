// Read-model queries shared by the intake activity and the API (one definition each).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PoolMember } from '../domain/assignment';
import type { NormalizedFeedback } from '../domain/feedback';
import type { Db } from './client';
import { feedback, tickets, users } from './schema';

/** Active pool members with their availability, capacity and current open-ticket count. */
export async function poolMembers(db: Pick<Db, 'select'>, userIds: string[]): Promise<PoolMember[]> {
  if (!userIds.length) return [];
  const rows = await db
    .select({
      userId: users.id,
      available: users.available,
      capacity: users.capacity,
      openTickets: sql<number>`(select count(*)::int from ${tickets} where ${tickets.assigneeId} = ${users.id} and ${tickets.status} not in ('resolved','closed'))`,
    })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.active, true)));
  return rows.map((r) => ({ ...r, openTickets: Number(r.openTickets) }));
}

/** A stored feedback row as the rules see it. */
export function feedbackFromRow(r: typeof feedback.$inferSelect): NormalizedFeedback {
  return {
    channel: r.channel as NormalizedFeedback['channel'],
    type: r.type as NormalizedFeedback['type'],
    score: r.score,
    comment: r.comment ?? undefined,
    contact: r.contact,
    branch: r.branch ?? undefined,
    service: r.service ?? undefined,
  };
}
