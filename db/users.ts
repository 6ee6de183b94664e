// Staff accounts as stored: the people list with each one's open-ticket load (what capacity limits),
// assignment pools, and the writes of the users screen. Sessions and sign-in attempts: ./sessions.ts.
import { and, asc, eq, inArray, isNotNull, ne, sql, type Column } from 'drizzle-orm';
import type { PoolMember } from '../domain/assignment';
import { OPEN_STATUSES } from '../domain/lifecycle';
import type { Db } from './client';
import { feedback, tickets, users } from './schema';

export type UserRow = typeof users.$inferSelect;

/** How many open tickets a user is assigned: what capacity limits. */
export const openTicketsOf = (userId: Column) =>
  sql<number>`(select count(*)::int from ${tickets} where ${tickets.assigneeId} = ${userId} and ${inArray(tickets.status, [...OPEN_STATUSES])})`;

/** Tickets the intake gave a user whose ticket workflow has not projected its row yet: a burst of
 * intakes decides faster than the tickets appear, so capacity must count these too. */
const pendingDecisionsOf = (userId: Column) =>
  sql<number>`(select count(*)::int from ${feedback} where ${feedback.assigneeId} = ${userId} and ${feedback.outcome} = 'ticket'
    and not exists (select 1 from ${tickets} where ${tickets.number} = ${feedback.ticketNumber}))`;

/** Active pool members with their availability, capacity and current load (open tickets plus decided,
 * not yet projected ones). `lock`: hold the members' rows until the transaction ends, so concurrent
 * assignments to the same people queue behind this one and see its decision (rows locked in id order:
 * two pools sharing people cannot deadlock). */
export async function poolMembers(db: Pick<Db, 'select'>, userIds: string[], opts: { lock?: boolean } = {}): Promise<PoolMember[]> {
  if (!userIds.length) return [];
  const inPool = and(inArray(users.id, userIds), eq(users.active, true));
  // FOR NO KEY UPDATE, not FOR UPDATE: it queues the other assignments just the same, but leaves the rows'
  // key share free — every insert that references a user (an agent notification's foreign key) takes one,
  // so under FOR UPDATE a burst of escalations to the same people made every projection wait for every
  // owner pick (issue 20: `npm run bench -- escalation --explain`).
  if (opts.lock) await db.select({ id: users.id }).from(users).where(inPool).orderBy(asc(users.id)).for('no key update');
  const rows = await db
    .select({
      userId: users.id,
      available: users.available,
      capacity: users.capacity,
      openTickets: sql<number>`${openTicketsOf(users.id)} + ${pendingDecisionsOf(users.id)}`,
    })
    .from(users)
    .where(inPool);
  return rows.map((r) => ({ ...r, openTickets: Number(r.openTickets) }));
}

/** Every user (or the one with `id`) by name, with their open-ticket count. */
export async function usersWithLoad(db: Pick<Db, 'select'>, id?: string): Promise<Array<{ user: UserRow; openTickets: number }>> {
  const rows = await db
    .select({ user: users, openTickets: openTicketsOf(users.id) })
    .from(users)
    .where(id ? eq(users.id, id) : undefined)
    .orderBy(asc(users.name));
  return rows.map((r) => ({ user: r.user, openTickets: Number(r.openTickets) }));
}

export async function userById(db: Pick<Db, 'select'>, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function userByEmail(db: Pick<Db, 'select'>, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

/** False when the e-mail address is taken (it is unique). */
export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(users).values(values).onConflictDoNothing({ target: users.email }).returning({ id: users.id });
  return inserted.length > 0;
}

export async function updateUser(db: Db, id: string, set: Partial<typeof users.$inferInsert>): Promise<void> {
  if (Object.keys(set).length) await db.update(users).set(set).where(eq(users.id, id));
}

export async function emailTakenByAnother(db: Pick<Db, 'select'>, email: string, id: string): Promise<boolean> {
  const [taken] = await db.select({ id: users.id }).from(users).where(and(eq(users.email, email), ne(users.id, id)));
  return !!taken;
}

/** Whether an active admin other than `id` exists. */
export async function anotherActiveAdmin(db: Pick<Db, 'select'>, id: string): Promise<boolean> {
  const others = await db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true), ne(users.id, id))).limit(1);
  return others.length > 0;
}

/** Which of `ids` are active users. */
export async function activeUserIds(db: Pick<Db, 'select'>, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  return new Set((await db.select({ id: users.id }).from(users).where(and(inArray(users.id, ids), eq(users.active, true)))).map((u) => u.id));
}

/** Display names of `ids` (inactive users included). */
export async function userNames(db: Pick<Db, 'select'>, ids: string[]): Promise<Map<string, string>> {
  return new Map((ids.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.name]));
}

export async function userByOidcSubject(db: Pick<Db, 'select'>, subject: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  return row;
}

/** Whether an active admin has signed in by SSO (has a linked identity): switching passwords off needs one. */
export async function ssoAdminExists(db: Pick<Db, 'select'>): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(and(eq(users.role, 'admin'), eq(users.active, true), isNotNull(users.oidcSubject))).limit(1);
  return rows.length > 0;
}
