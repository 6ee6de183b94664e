// Agents' notifications (the bell) and their per-user preferences.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { agentNotifications, branches, calendars, notificationPreferences, users } from './schema';
import { digestTimeZone, type NotificationSettings } from '../domain/notification-digest';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../domain/notifications';
import { usableTimeZone } from '../domain/time-zones';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;
export type AgentNotificationRow = typeof agentNotifications.$inferSelect;
export type NewAgentNotification = typeof agentNotifications.$inferInsert;

/** Fills kinds a stored choice predates with the defaults. */
const withDefaults = (stored: Partial<NotificationPreferences> | null | undefined): NotificationPreferences => ({ ...DEFAULT_NOTIFICATION_PREFERENCES, ...stored });

const personColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  branches: users.branches,
  active: users.active,
  available: users.available,
  preferences: notificationPreferences.preferences,
};
const withPreferences = <T extends { preferences: Partial<NotificationPreferences> | null }>(rows: T[]) => rows.map((r) => ({ ...r, preferences: withDefaults(r.preferences) }));

/** The intended recipients, whatever their state (the hand-off rule decides), with address and preferences. */
export async function notificationPeople(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  return withPreferences(await tx.select(personColumns).from(users).leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id)).where(inArray(users.id, ids)));
}

/** Who may stand in for an unreachable recipient: active, available managers and admins. */
export async function standInPool(tx: Tx) {
  return withPreferences(
    await tx
      .select(personColumns)
      .from(users)
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
      .where(and(inArray(users.role, ['manager', 'admin']), eq(users.active, true), eq(users.available, true))),
  );
}

/** Active users' e-mail addresses, to resolve @mentions. */
export async function mentionDirectory(tx: Tx) {
  return tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.active, true));
}

/** Inserts what is new (a retried projection adds nothing) and answers the inserted rows. */
export async function insertNotifications(tx: Tx, rows: NewAgentNotification[]): Promise<AgentNotificationRow[]> {
  if (!rows.length) return [];
  return tx.insert(agentNotifications).values(rows).onConflictDoNothing().returning();
}

export async function markEmailed(db: Tx, id: string, at: Date) {
  await db.update(agentNotifications).set({ emailedAt: at }).where(eq(agentNotifications.id, id));
}

export async function listNotifications(db: Tx, userId: string, limit: number) {
  const [items, [{ unread }]] = await Promise.all([
    db.select().from(agentNotifications).where(eq(agentNotifications.userId, userId)).orderBy(desc(agentNotifications.createdAt), desc(agentNotifications.id)).limit(limit),
    db
      .select({ unread: sql<number>`count(*)::int` })
      .from(agentNotifications)
      .where(and(eq(agentNotifications.userId, userId), isNull(agentNotifications.readAt))),
  ]);
  return { items, unread };
}

/** Marks one (or, without an id, every) unread notification of the user read; answers how many. */
export async function markRead(db: Tx, userId: string, id: string | null, at: Date): Promise<number> {
  const rows = await db
    .update(agentNotifications)
    .set({ readAt: at })
    .where(and(eq(agentNotifications.userId, userId), isNull(agentNotifications.readAt), id === null ? undefined : eq(agentNotifications.id, id)))
    .returning({ id: agentNotifications.id });
  return rows.length;
}

export async function notificationExists(db: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await db.select({ id: agentNotifications.id }).from(agentNotifications).where(and(eq(agentNotifications.userId, userId), eq(agentNotifications.id, id)));
  return rows.length > 0;
}

/** Each branch's time zone (from its calendar), for the digest hour. */
export async function branchTimeZones(db: Pick<Db, 'select'>): Promise<Map<string, string>> {
  const rows = await db.select({ id: branches.id, timeZone: calendars.timeZone }).from(branches).innerJoin(calendars, eq(calendars.id, branches.calendarId));
  // A zone stored before today's rule is made usable (domain/time-zones.ts): the digest run must not throw on it.
  return new Map(rows.map((r) => [r.id, usableTimeZone(r.timeZone)]));
}

export async function preferencesOf(db: Tx, userId: string): Promise<NotificationSettings> {
  const [[row], [user], zones] = await Promise.all([
    db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)),
    db.select({ branches: users.branches }).from(users).where(eq(users.id, userId)),
    branchTimeZones(db),
  ]);
  return { ...withDefaults(row?.preferences), digestHour: row?.digestHour ?? null, digestTimeZone: digestTimeZone(user?.branches ?? [], zones) };
}

/** Saves the per-kind choices, and the digest hour when given (left out: unchanged). */
export async function savePreferences(db: Tx, userId: string, preferences: NotificationPreferences, digestHour: number | null | undefined, at: Date) {
  const digest = digestHour === undefined ? {} : { digestHour };
  await db
    .insert(notificationPreferences)
    .values({ userId, preferences, ...digest, updatedAt: at })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { preferences, ...digest, updatedAt: at } });
}
