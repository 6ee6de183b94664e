// The connected Google account (one per installation) and connections under way (PKCE verifier by the
// hash of the state, taken once). The refresh token arrives and leaves sealed (platform/secret-box.ts).
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from './client';
import { branches, feedback, googleConnection, googleLocations, googleOauthStates, googleReviews, users } from './schema';

const ID = 'default';
export type GoogleConnectionRow = typeof googleConnection.$inferSelect;

export async function readGoogleConnection(db: Pick<Db, 'select'>): Promise<GoogleConnectionRow | undefined> {
  const [row] = await db.select().from(googleConnection).where(eq(googleConnection.id, ID));
  return row;
}

export async function saveGoogleConnection(db: Db, v: { refreshTokenEnc: string; scope: string | null; connectedBy: string }): Promise<void> {
  const now = new Date();
  const set = { ...v, status: 'connected' as const, error: null, connectedAt: now, updatedAt: now };
  await db.insert(googleConnection).values({ id: ID, ...set }).onConflictDoUpdate({ target: googleConnection.id, set });
}

/** Google rotated the refresh token: keep the new one, unless the connection changed meanwhile. */
export async function replaceSealedRefreshToken(db: Db, previous: string, next: string): Promise<void> {
  await db.update(googleConnection).set({ refreshTokenEnc: next, updatedAt: new Date() }).where(and(eq(googleConnection.id, ID), eq(googleConnection.refreshTokenEnc, previous)));
}

/** Google no longer honours this refresh token (revoked, expired): an admin must reconnect. */
export async function markGoogleReconnectRequired(db: Db, sealed: string, error: string): Promise<void> {
  await db
    .update(googleConnection)
    .set({ status: 'reconnect_required', error, updatedAt: new Date() })
    .where(and(eq(googleConnection.id, ID), eq(googleConnection.refreshTokenEnc, sealed)));
}

export async function deleteGoogleConnection(db: Db): Promise<boolean> {
  return (await db.delete(googleConnection).where(eq(googleConnection.id, ID)).returning()).length > 0;
}

export async function rememberGoogleConnect(db: Db, values: typeof googleOauthStates.$inferInsert): Promise<void> {
  await db.delete(googleOauthStates).where(lt(googleOauthStates.expiresAt, new Date()));
  await db.insert(googleOauthStates).values(values);
}

export async function takeGoogleConnect(db: Db, id: string): Promise<typeof googleOauthStates.$inferSelect | undefined> {
  const [row] = await db.delete(googleOauthStates).where(and(eq(googleOauthStates.id, id), gt(googleOauthStates.expiresAt, new Date()))).returning();
  return row;
}

export type GoogleReviewRow = typeof googleReviews.$inferSelect;

/** Remembers the resource name and rating of reviews the poll turned into feedback. */
export async function rememberGoogleReviews(db: Db, rows: Array<{ reviewId: string; name: string; stars: number }>): Promise<void> {
  if (!rows.length) return;
  const updatedAt = new Date();
  await db
    .insert(googleReviews)
    .values(rows.map((r) => ({ ...r, updatedAt })))
    .onConflictDoUpdate({ target: googleReviews.reviewId, set: { name: sql`excluded.name`, stars: sql`excluded.stars`, updatedAt } });
}

/** The review a piece of Google feedback came from (its external id is the review id). */
export async function readGoogleReviewOfFeedback(db: Pick<Db, 'select'>, feedbackId: string): Promise<GoogleReviewRow | undefined> {
  const [row] = await db
    .select({ reviewId: googleReviews.reviewId, name: googleReviews.name, stars: googleReviews.stars, updatedAt: googleReviews.updatedAt })
    .from(googleReviews)
    .innerJoin(feedback, and(eq(feedback.externalId, googleReviews.reviewId), eq(feedback.channel, 'google')))
    .where(eq(feedback.id, feedbackId));
  return row;
}

/** The stored rating of known reviews and the ticket each opened (null: none). */
export async function readKnownGoogleReviews(db: Pick<Db, 'select'>, reviewIds: string[]): Promise<Array<{ reviewId: string; stars: number; ticketNumber: number | null }>> {
  if (!reviewIds.length) return [];
  return db
    .select({ reviewId: googleReviews.reviewId, stars: googleReviews.stars, ticketNumber: feedback.ticketNumber })
    .from(googleReviews)
    .leftJoin(feedback, and(eq(feedback.externalId, googleReviews.reviewId), eq(feedback.channel, 'google')))
    .where(inArray(googleReviews.reviewId, reviewIds));
}

export async function saveGoogleReviewStars(db: Db, reviewId: string, stars: number): Promise<void> {
  await db.update(googleReviews).set({ stars, updatedAt: new Date() }).where(eq(googleReviews.reviewId, reviewId));
}

export type GoogleLocationRow = typeof googleLocations.$inferSelect;

/** Stored locations with the mapping admin's name (null: unknown or removed user). */
export async function readStoredGoogleLocations(db: Pick<Db, 'select'>): Promise<Array<GoogleLocationRow & { mappedByName: string | null }>> {
  return db
    .select({
      name: googleLocations.name,
      title: googleLocations.title,
      address: googleLocations.address,
      branchId: googleLocations.branchId,
      mappedBy: googleLocations.mappedBy,
      mappedAt: googleLocations.mappedAt,
      listedAt: googleLocations.listedAt,
      mappedByName: users.name,
    })
    .from(googleLocations)
    .leftJoin(users, eq(users.id, googleLocations.mappedBy))
    .orderBy(googleLocations.name);
}

/** What Google listed: title and address as last seen; an admin's mapping is left as it is. */
export async function saveListedGoogleLocations(db: Db, rows: Array<{ name: string; title: string | null; address: string | null }>): Promise<void> {
  if (!rows.length) return;
  const listedAt = new Date();
  await db
    .insert(googleLocations)
    .values(rows.map((r) => ({ ...r, listedAt })))
    .onConflictDoUpdate({ target: googleLocations.name, set: { title: sql`excluded.title`, address: sql`excluded.address`, listedAt } });
}

/** An admin's decision for a listed location (branch, or null: not mapped); undefined when never listed. */
export async function mapGoogleLocation(db: Db, name: string, branchId: string | null, userId: string | null): Promise<GoogleLocationRow | undefined> {
  const [row] = await db.update(googleLocations).set({ branchId, mappedBy: userId, mappedAt: new Date() }).where(eq(googleLocations.name, name)).returning();
  return row;
}

export async function branchExists(db: Pick<Db, 'select'>, id: string): Promise<boolean> {
  return (await db.select({ id: branches.id }).from(branches).where(eq(branches.id, id))).length > 0;
}
