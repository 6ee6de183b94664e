// API tokens as stored: the SHA-256 of the secret, a prefix to recognise it by, scopes, expiry, last use.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './client';
import { apiTokens, users } from './schema';
import type { UserRow } from './users';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** Last-used times are written at most this often per token, so a busy integration costs no write per call. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** The token with this hash and, for a personal token, its owner; undefined when there is none. */
export async function tokenByHash(db: Pick<Db, 'select'>, tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow | null } | undefined> {
  const [row] = await db.select({ token: apiTokens, user: users }).from(apiTokens).leftJoin(users, eq(users.id, apiTokens.userId)).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
  return row;
}

export async function touchToken(db: Db, id: string, now: Date): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USED_GRANULARITY_MS)))));
}

export async function insertToken(db: Db, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row;
}

/** A user's personal tokens, or (userId null) every token: what an admin manages. */
export async function listTokens(db: Pick<Db, 'select'>, filter: { userId: string } | 'all'): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(filter === 'all' ? undefined : and(eq(apiTokens.kind, 'personal'), eq(apiTokens.userId, filter.userId)))
    .orderBy(desc(apiTokens.createdAt));
}

export async function tokenById(db: Pick<Db, 'select'>, id: string): Promise<ApiTokenRow | undefined> {
  const [row] = await db.select().from(apiTokens).where(eq(apiTokens.id, id));
  return row;
}

export async function revokeToken(db: Db, id: string, now: Date): Promise<void> {
  await db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
}
