// Saved pivot reports as stored: visible to their owner, to the users and roles they are shared with,
// and to every admin.
import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Role } from '../domain/types';
import type { Db } from './client';
import { savedReports } from './schema';

export type SavedReportRow = typeof savedReports.$inferSelect;
type Viewer = { id: string; role: Role };

/** Owner, shared by name, shared by role; an admin sees everything. */
function visibleTo(user: Viewer): SQL | undefined {
  if (user.role === 'admin') return undefined;
  return or(
    eq(savedReports.ownerId, user.id),
    sql`${savedReports.sharedWithUsers} @> ${JSON.stringify([user.id])}::jsonb`,
    sql`${savedReports.sharedWithRoles} @> ${JSON.stringify([user.role])}::jsonb`,
  );
}

/** The report when the user may see it; an invisible one and a missing one look the same. */
export async function visibleReport(db: Pick<Db, 'select'>, user: Viewer, id: string): Promise<SavedReportRow | undefined> {
  const [row] = await db.select().from(savedReports).where(and(eq(savedReports.id, id), visibleTo(user)));
  return row;
}

/** Every report the user may see, most recently changed first. */
export async function visibleReports(db: Pick<Db, 'select'>, user: Viewer): Promise<SavedReportRow[]> {
  return db.select().from(savedReports).where(visibleTo(user)).orderBy(desc(savedReports.updatedAt));
}

export async function insertReport(db: Db, values: typeof savedReports.$inferInsert): Promise<SavedReportRow> {
  const [row] = await db.insert(savedReports).values(values).returning();
  return row;
}

export async function updateReport(db: Db, id: string, set: Partial<typeof savedReports.$inferInsert>): Promise<SavedReportRow> {
  const [row] = await db.update(savedReports).set(set).where(eq(savedReports.id, id)).returning();
  return row;
}

export async function deleteReport(db: Db, id: string): Promise<void> {
  await db.delete(savedReports).where(eq(savedReports.id, id));
}
