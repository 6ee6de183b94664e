// Read-model queries shared by the intake activity and the API (one definition each).
import { and, eq, inArray, sql, type Column } from 'drizzle-orm';
import type { PoolMember } from '../domain/assignment';
import type { NormalizedFeedback } from '../domain/feedback';
import type { Db } from './client';
import { feedback, tickets, users } from './schema';

/** How many open (not resolved or closed) tickets a user is assigned: what capacity limits. */
export const openTicketsOf = (userId: Column) =>
  sql<number>`(select count(*)::int from ${tickets} where ${tickets.assigneeId} = ${userId} and ${tickets.status} not in ('resolved','closed'))`;

/** Active pool members with their availability, capacity and current open-ticket count. */
export async function poolMembers(db: Pick<Db, 'select'>, userIds: string[]): Promise<PoolMember[]> {
  if (!userIds.length) return [];
  const rows = await db
    .select({
      userId: users.id,
      available: users.available,
      capacity: users.capacity,
      openTickets: openTicketsOf(users.id),
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
