// Saved board views as stored: shared ones (owner null) and each user's own.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { savedViews } from './schema';

export type SavedViewRow = typeof savedViews.$inferSelect;

/** Shared views, then the user's own, each by name. */
export async function viewsFor(db: Pick<Db, 'select'>, userId: string): Promise<SavedViewRow[]> {
  return db
    .select()
    .from(savedViews)
    .where(or(isNull(savedViews.ownerId), eq(savedViews.ownerId, userId)))
    .orderBy(sql`${savedViews.ownerId} is not null`, asc(savedViews.name));
}

export async function viewFor(db: Pick<Db, 'select'>, userId: string, id: string): Promise<SavedViewRow | undefined> {
  const [row] = await db.select().from(savedViews).where(and(eq(savedViews.id, id), or(isNull(savedViews.ownerId), eq(savedViews.ownerId, userId))));
  return row;
}

export async function countViews(db: Pick<Db, 'select'>, ownerId: string | null): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(savedViews).where(ownerId === null ? isNull(savedViews.ownerId) : eq(savedViews.ownerId, ownerId));
  return Number(n);
}

export async function insertView(db: Db, values: typeof savedViews.$inferInsert): Promise<SavedViewRow> {
  const [row] = await db.insert(savedViews).values(values).returning();
  return row;
}

export async function updateView(db: Db, id: string, set: Partial<typeof savedViews.$inferInsert>): Promise<SavedViewRow> {
  const [row] = await db.update(savedViews).set(set).where(eq(savedViews.id, id)).returning();
  return row;
}

export async function deleteView(db: Db, id: string): Promise<void> {
  await db.delete(savedViews).where(eq(savedViews.id, id));
}
