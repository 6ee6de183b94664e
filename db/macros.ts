// Macros as stored: the shared ones (owner null) and each user's own.
import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from './client';
import { macros } from './schema';

export type MacroRow = typeof macros.$inferSelect;

/** The shared macros and the user's own, by name. */
export async function macrosFor(db: Pick<Db, 'select'>, userId: string): Promise<MacroRow[]> {
  return db.select().from(macros).where(or(isNull(macros.ownerId), eq(macros.ownerId, userId))).orderBy(asc(macros.name));
}

/** One macro the user may use (shared, or their own); undefined otherwise. */
export async function macroFor(db: Pick<Db, 'select'>, userId: string, id: string): Promise<MacroRow | undefined> {
  const [row] = await db.select().from(macros).where(and(eq(macros.id, id), or(isNull(macros.ownerId), eq(macros.ownerId, userId))));
  return row;
}

export async function countOwned(db: Pick<Db, 'select'>, ownerId: string | null): Promise<number> {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(macros).where(ownerId === null ? isNull(macros.ownerId) : eq(macros.ownerId, ownerId));
  return Number(n);
}

export async function insertMacro(db: Db, values: typeof macros.$inferInsert): Promise<MacroRow> {
  const [row] = await db.insert(macros).values(values).returning();
  return row;
}

export async function updateMacro(db: Db, id: string, set: Partial<typeof macros.$inferInsert>): Promise<MacroRow> {
  const [row] = await db.update(macros).set({ ...set, updatedAt: new Date() }).where(eq(macros.id, id)).returning();
  return row;
}

export async function deleteMacro(db: Db, id: string): Promise<void> {
  await db.delete(macros).where(eq(macros.id, id));
}
