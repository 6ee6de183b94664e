// Read-model queries shared by the intake activity and the API (one definition each).
import { and, eq, inArray, sql, type Column } from 'drizzle-orm';
import type { PoolMember } from '../domain/assignment';
import type { NormalizedFeedback } from '../domain/feedback';
import { OPEN_STATUSES } from '../domain/lifecycle';
import type { Db } from './client';
import { feedback, tickets, users } from './schema';

/** How many open tickets a user is assigned: what capacity limits. */
export const openTicketsOf = (userId: Column) =>
  sql<number>`(select count(*)::int from ${tickets} where ${tickets.assigneeId} = ${userId} and ${inArray(tickets.status, [...OPEN_STATUSES])})`;

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
    channel: r.channel,
    type: r.type,
    score: r.score,
    comment: r.comment ?? undefined,
    contact: r.contact,
    branch: r.branch ?? undefined,
    service: r.service ?? undefined,
  };
}
