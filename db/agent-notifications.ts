// Agents' notifications (the bell) and their per-user preferences.
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { agentNotifications, notificationPreferences, users } from './schema';
import { DEFAULT_NOTIFICATION_PREFERENCES, type NotificationPreferences } from '../domain/notifications';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;
export type AgentNotificationRow = typeof agentNotifications.$inferSelect;
export type NewAgentNotification = typeof agentNotifications.$inferInsert;

/** Fills kinds a stored choice predates with the defaults. */
const withDefaults = (stored: Partial<NotificationPreferences> | null | undefined): NotificationPreferences => ({ ...DEFAULT_NOTIFICATION_PREFERENCES, ...stored });

/** Who may be told anything now: active and available users, with their address and preferences. */
export async function reachableUsers(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: users.id, email: users.email, name: users.name, preferences: notificationPreferences.preferences })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, ids), eq(users.active, true), eq(users.available, true)));
  return rows.map((r) => ({ ...r, preferences: withDefaults(r.preferences) }));
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

export async function preferencesOf(db: Tx, userId: string): Promise<NotificationPreferences> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return withDefaults(row?.preferences);
}

export async function savePreferences(db: Tx, userId: string, preferences: NotificationPreferences, at: Date) {
  await db
    .insert(notificationPreferences)
    .values({ userId, preferences, updatedAt: at })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { preferences, updatedAt: at } });
}
