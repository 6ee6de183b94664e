// Sign-in sessions (stored by the hash of their cookie token) and the sign-in attempts the rate limit
// counts.
import { and, count, eq, gt, max, min, ne, sql } from 'drizzle-orm';
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
    .select({ csrfToken: sessions.csrfToken, available: users.available, totp: sql<boolean>`${users.totpSecret} is not null` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId));
  return row;
}

export async function recordSignIn(db: Db, attempt: { email: string; ip: string; success: boolean }): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}

export interface SignInFailures {
  /** Failed sign-ins from this address (any account) since `since`, and when the oldest of them was. */
  fromIp: number;
  oldestFromIp: Date | null;
  /** Failures for this account from this address since `since` and after its last success there. */
  pair: number;
  lastPairFailure: Date | null;
}

/** What the sign-in throttle (api/sign-in-throttle.ts) decides on. */
export async function signInFailures(db: Pick<Db, 'select'>, email: string, ip: string, since: Date): Promise<SignInFailures> {
  const [byIp] = await db
    .select({ n: count(), oldest: min(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  const [lastOk] = await db
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), eq(loginAttempts.success, true), gt(loginAttempts.at, since)));
  const [pair] = await db
    .select({ n: count(), last: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, lastOk?.at ?? since)));
  return { fromIp: byIp.n, oldestFromIp: byIp.oldest, pair: pair.n, lastPairFailure: pair.last };
}
