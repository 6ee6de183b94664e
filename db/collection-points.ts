// Collection points and their paired kiosks as stored. Secrets (pairing codes, device tokens) are kept
// only as SHA-256 hashes; a pairing code is claimed once, atomically.
import { and, asc, count, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { CollectionPoint, CollectionPointInput } from '../domain/collection-point';
import type { Db } from './client';
import { collectionDevices, collectionPoints, feedback } from './schema';

type PointRow = typeof collectionPoints.$inferSelect;
export type DeviceRow = typeof collectionDevices.$inferSelect;

const pointOf = (r: PointRow): CollectionPoint & { createdAt: Date; updatedAt: Date } => ({
  id: r.id,
  name: r.name,
  branch: r.branch,
  service: r.service,
  captureType: r.captureType,
  texts: r.texts,
  commentStep: r.commentStep,
  contactStep: r.contactStep,
  embedOrigins: r.embedOrigins,
  active: r.active,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
export type StoredPoint = ReturnType<typeof pointOf>;

export async function readPoint(db: Pick<Db, 'select'>, id: string): Promise<StoredPoint | null> {
  const [row] = await db.select().from(collectionPoints).where(eq(collectionPoints.id, id));
  return row ? pointOf(row) : null;
}

export async function listPoints(db: Pick<Db, 'select'>): Promise<StoredPoint[]> {
  return (await db.select().from(collectionPoints).orderBy(asc(collectionPoints.name), asc(collectionPoints.id))).map(pointOf);
}

/** Feedback given at each of `ids` since `since`, by when the customer answered. */
export async function responseCounts(db: Pick<Db, 'select'>, ids: string[], since: Date): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: feedback.collectionPointId, n: count() })
    .from(feedback)
    .where(and(inArray(feedback.collectionPointId, ids), gte(feedback.submittedAt, since)))
    .groupBy(feedback.collectionPointId);
  return new Map(rows.map((r) => [r.id!, Number(r.n)]));
}

export async function insertPoint(db: Db, id: string, input: CollectionPointInput): Promise<StoredPoint> {
  const [row] = await db.insert(collectionPoints).values({ id, ...input }).returning();
  return pointOf(row);
}

/** The updated point, or null when there is none. */
export async function updatePoint(db: Db, id: string, input: CollectionPointInput): Promise<StoredPoint | null> {
  const [row] = await db.update(collectionPoints).set({ ...input, updatedAt: new Date() }).where(eq(collectionPoints.id, id)).returning();
  return row ? pointOf(row) : null;
}

/** False when there is no such point. Its kiosks go with it; its feedback stays (with the id). */
export async function deletePoint(db: Db, id: string): Promise<boolean> {
  return (await db.delete(collectionPoints).where(eq(collectionPoints.id, id)).returning({ id: collectionPoints.id })).length > 0;
}

export async function insertPairing(db: Db, v: { id: string; pointId: string; name: string; codeHash: string; expiresAt: Date }): Promise<DeviceRow> {
  const [row] = await db
    .insert(collectionDevices)
    .values({ id: v.id, pointId: v.pointId, name: v.name, pairingCodeHash: v.codeHash, pairingExpiresAt: v.expiresAt })
    .returning();
  return row;
}

/** Turns an unexpired, unused pairing code into a device token; undefined when the code is not (or no longer) valid. */
export async function claimPairing(db: Db, codeHash: string, tokenHash: string, now: Date): Promise<{ deviceId: string; pointId: string } | undefined> {
  const [row] = await db
    .update(collectionDevices)
    .set({ tokenHash, pairedAt: now, lastSeenAt: now, pairingCodeHash: null, pairingExpiresAt: null })
    .where(
      and(
        eq(collectionDevices.pairingCodeHash, codeHash),
        gt(collectionDevices.pairingExpiresAt, now),
        isNull(collectionDevices.tokenHash),
        isNull(collectionDevices.revokedAt),
      ),
    )
    .returning({ deviceId: collectionDevices.id, pointId: collectionDevices.pointId });
  return row;
}

/** The live device of `pointId` holding this token (its last-seen time is refreshed), or undefined. */
export async function touchDevice(db: Db, pointId: string, tokenHash: string, now: Date): Promise<{ id: string } | undefined> {
  const [row] = await db
    .update(collectionDevices)
    .set({ lastSeenAt: now })
    .where(and(eq(collectionDevices.tokenHash, tokenHash), eq(collectionDevices.pointId, pointId), isNull(collectionDevices.revokedAt)))
    .returning({ id: collectionDevices.id });
  return row;
}

/** Paired devices and pending pairings of a point (expired pairings that were never used are left out). */
export async function listDevices(db: Pick<Db, 'select'>, pointId: string, now: Date): Promise<DeviceRow[]> {
  return db
    .select()
    .from(collectionDevices)
    .where(and(eq(collectionDevices.pointId, pointId), sql`(${collectionDevices.tokenHash} is not null or ${collectionDevices.pairingExpiresAt} > ${now})`))
    .orderBy(asc(collectionDevices.createdAt));
}

/** Revokes a device (or cancels a pending pairing); false when the point has no such device. */
export async function revokeDevice(db: Db, pointId: string, deviceId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(collectionDevices)
    .set({ revokedAt: now, pairingCodeHash: null, pairingExpiresAt: null })
    .where(and(eq(collectionDevices.id, deviceId), eq(collectionDevices.pointId, pointId)))
    .returning({ id: collectionDevices.id });
  return rows.length > 0;
}
