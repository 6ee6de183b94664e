// Admin-managed taxonomy entries as stored (root causes, actions, CSAT reasons, AI themes), each with
// how many tickets reference it: a referenced entry is retired, never deleted.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { taxonomyEntries, tickets } from './schema';

export type TaxonomyKind = (typeof taxonomyEntries.$inferSelect)['kind'];

const usage = sql<number>`(select count(*)::int from ${tickets} where ${tickets.rootCauseId} = ${taxonomyEntries.id} or ${tickets.actionId} = ${taxonomyEntries.id})`;
const entryColumns = { id: taxonomyEntries.id, kind: taxonomyEntries.kind, name: taxonomyEntries.name, retiredAt: taxonomyEntries.retiredAt, inUse: usage, data: taxonomyEntries.data };
export type TaxonomyEntryRow = { id: string; kind: TaxonomyKind; name: string; retiredAt: Date | null; inUse: number; data: unknown };

/** Entries of the given kinds by kind and name, retired ones included. */
export async function listEntries(db: Pick<Db, 'select'>, kinds: TaxonomyKind[]): Promise<TaxonomyEntryRow[]> {
  return db.select(entryColumns).from(taxonomyEntries).where(inArray(taxonomyEntries.kind, kinds)).orderBy(asc(taxonomyEntries.kind), asc(taxonomyEntries.name));
}

export async function readEntry(db: Pick<Db, 'select'>, id: string): Promise<TaxonomyEntryRow | undefined> {
  const [row] = await db.select(entryColumns).from(taxonomyEntries).where(eq(taxonomyEntries.id, id));
  return row;
}

/** The id of the entry of this kind with this name (case-insensitive), if one exists. */
export async function entryNamed(db: Pick<Db, 'select'>, kind: TaxonomyKind, name: string): Promise<string | undefined> {
  const [dup] = await db.select({ id: taxonomyEntries.id }).from(taxonomyEntries).where(and(eq(taxonomyEntries.kind, kind), sql`lower(${taxonomyEntries.name}) = lower(${name})`));
  return dup?.id;
}

/** The entries of a kind that are not retired, as the CSAT page offers its reasons. */
export async function liveEntries(db: Pick<Db, 'select'>, kind: TaxonomyKind) {
  return db.select().from(taxonomyEntries).where(and(eq(taxonomyEntries.kind, kind), isNull(taxonomyEntries.retiredAt)));
}

export async function insertEntry(db: Db, values: typeof taxonomyEntries.$inferInsert): Promise<void> {
  await db.insert(taxonomyEntries).values(values);
}

export type TaxonomyEntryPatch = Partial<Pick<typeof taxonomyEntries.$inferInsert, 'name' | 'data' | 'retiredAt'>>;

export async function updateEntry(db: Db, id: string, set: TaxonomyEntryPatch): Promise<void> {
  if (Object.keys(set).length) await db.update(taxonomyEntries).set(set).where(eq(taxonomyEntries.id, id));
}

export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db.delete(taxonomyEntries).where(eq(taxonomyEntries.id, id));
}
