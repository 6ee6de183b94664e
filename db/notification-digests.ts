// The daily digest's reads and its once-per-day key (domain/notification-digest.ts has the rules).
import { and, asc, desc, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { agentNotifications, notificationDigests, notificationPreferences, users } from './schema';

type Q = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** Who chose a digest and can be told anything now (active, available). */
export async function digestSubscribers(db: Q) {
  return db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, branches: users.branches, digestHour: notificationPreferences.digestHour })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .where(and(isNotNull(notificationPreferences.digestHour), eq(users.active, true), eq(users.available, true)))
    .orderBy(asc(users.id));
}

/** Claims the user's digest of `day`: false when it was already considered (sent, or had nothing to say). */
export async function claimDigest(db: Q, userId: string, day: string, at: Date): Promise<boolean> {
  const rows = await db.insert(notificationDigests).values({ userId, day, claimedAt: at }).onConflictDoNothing().returning({ day: notificationDigests.day });
  return rows.length > 0;
}

export async function completeDigest(db: Q, userId: string, day: string, out: { sentAt: Date | null; unreadCount: number; atRiskCount: number }) {
  await db.update(notificationDigests).set(out).where(and(eq(notificationDigests.userId, userId), eq(notificationDigests.day, day)));
}

/** Gives the day back (the mail failed): the activity's retry or the next hourly run tries again. */
export async function releaseDigest(db: Q, userId: string, day: string) {
  await db.delete(notificationDigests).where(and(eq(notificationDigests.userId, userId), eq(notificationDigests.day, day), isNull(notificationDigests.sentAt)));
}

export async function lastDigestSentAt(db: Q, userId: string): Promise<Date | null> {
  const [row] = await db.select({ sentAt: notificationDigests.sentAt }).from(notificationDigests).where(and(eq(notificationDigests.userId, userId), isNotNull(notificationDigests.sentAt))).orderBy(desc(notificationDigests.sentAt)).limit(1);
  return row?.sentAt ?? null;
}

/** The user's unread notifications made after `since`, oldest first. */
export async function unreadSince(db: Q, userId: string, since: Date, limit: number) {
  return db
    .select({ title: agentNotifications.title, ticketNumber: agentNotifications.ticketNumber })
    .from(agentNotifications)
    .where(and(eq(agentNotifications.userId, userId), isNull(agentNotifications.readAt), gt(agentNotifications.createdAt, since)))
    .orderBy(asc(agentNotifications.createdAt), asc(agentNotifications.id))
    .limit(limit);
}
