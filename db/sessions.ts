// Sign-in sessions (stored by the hash of their cookie token) and the sign-in attempts the rate limit
// counts.
import { and, count, eq, gt, ne } from 'drizzle-orm';
import type { Db } from './client';
import { loginAttempts, sessions, users } from './schema';

/** A live session of an active user, or undefined. */
export async function liveSession(db: Pick<Db, 'select'>, sessionId: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), eq(users.active, true)))
    .limit(1);
  return row;
}

export async function createSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `except` (the one asking). */
export async function endSessionsOf(db: Db, userId: string, except?: string): Promise<void> {
  await db.delete(sessions).where(except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId));
}

/** The session's CSRF token and its user's availability (what /auth/me adds to the session user). */
export async function sessionDetails(db: Pick<Db, 'select'>, sessionId: string) {
  const [row] = await db
    .select({ csrfToken: sessions.csrfToken, available: users.available })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  return row;
}

export async function failedSignInsSince(db: Pick<Db, 'select'>, email: string, since: Date): Promise<number> {
  const [{ failures }] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  return failures;
}

export async function recordSignIn(db: Db, attempt: { email: string; ip: string; success: boolean }): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}
