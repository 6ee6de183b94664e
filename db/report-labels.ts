// Names for the ids a pivot groups by (branches, services, rules, users, taxonomy entries).
import { inArray } from 'drizzle-orm';
import { valueLabel, type DimensionKey } from '../domain/reports';
import type { Db } from './client';
import { branches, rules, services, taxonomyEntries, users } from './schema';

const TABLES = {
  branch: branches,
  service: services,
  rule: rules,
  assignee: users,
  rootCause: taxonomyEntries,
  action: taxonomyEntries,
} as const;

const tableIds = new Map<object, number>(Object.values(TABLES).map((t, i) => [t, i]));
const nameKey = (table: object, id: string) => `${tableIds.get(table)}:${id}`;

/** Looks up every entity id once; the returned function labels any value of any dimension. */
export async function entityLabels(db: Db, wanted: Array<{ dimension: DimensionKey; ids: Array<string | null> }>) {
  const names = new Map<string, string>();
  const byTable = new Map<(typeof TABLES)[keyof typeof TABLES], Set<string>>();
  for (const w of wanted) {
    const table = TABLES[w.dimension as keyof typeof TABLES];
    if (!table) continue;
    const ids = byTable.get(table) ?? new Set<string>();
    for (const id of w.ids) if (id !== null) ids.add(id);
    byTable.set(table, ids);
  }
  await Promise.all(
    [...byTable].map(async ([table, ids]) => {
      if (!ids.size) return;
      const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, [...ids]));
      for (const r of rows) names.set(nameKey(table, r.id), r.name);
    }),
  );
  return (dimension: DimensionKey, value: string | null): string => {
    const table = TABLES[dimension as keyof typeof TABLES];
    return value !== null && table ? (names.get(nameKey(table, value)) ?? value) : valueLabel(dimension, value);
  };
}
