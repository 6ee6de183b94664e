// Channel intake keys as stored: only the SHA-256 of the secret, a prefix to recognise it by, and
// when it was revoked.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from './client';
import { intakeKeys } from './schema';

export type IntakeKeyRow = typeof intakeKeys.$inferSelect;

/** The unrevoked key with this hash, or undefined. */
export async function liveIntakeKey(db: Pick<Db, 'select'>, keyHash: string): Promise<{ id: string; channel: string | null } | undefined> {
  const [key] = await db
    .select({ id: intakeKeys.id, channel: intakeKeys.channel })
    .from(intakeKeys)
    .where(and(eq(intakeKeys.keyHash, keyHash), isNull(intakeKeys.revokedAt)));
  return key;
}

export async function listIntakeKeys(db: Pick<Db, 'select'>): Promise<IntakeKeyRow[]> {
  return db.select().from(intakeKeys).orderBy(asc(intakeKeys.createdAt));
}

export async function insertIntakeKey(db: Db, values: typeof intakeKeys.$inferInsert): Promise<IntakeKeyRow> {
  const [row] = await db.insert(intakeKeys).values(values).returning();
  return row;
}

/** False when there is no such key. */
export async function revokeIntakeKey(db: Db, id: string): Promise<boolean> {
  return (await db.update(intakeKeys).set({ revokedAt: new Date() }).where(eq(intakeKeys.id, id)).returning()).length > 0;
}
