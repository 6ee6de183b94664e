// What readiness asks the database: can it answer, and is its schema the one this build expects.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { Db } from './client';

const journalPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations', 'meta', '_journal.json');

/** The last migration this build ships: drizzle records its `when` as `created_at` once applied. */
export const expectedMigration: { tag: string; when: number } = (() => {
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string; when: number }> };
  return journal.entries[journal.entries.length - 1];
})();

export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

/** The `created_at` of the newest migration drizzle applied, or null when none (or no migrations table). */
export async function lastAppliedMigration(db: Db): Promise<number | null> {
  const [{ present }] = await db.select({ present: sql<boolean>`to_regclass('drizzle.__drizzle_migrations') is not null` }).from(sql`(select 1) as one`);
  if (!present) return null;
  const [{ at }] = await db.select({ at: sql<string | null>`max(created_at)::text` }).from(sql`drizzle.__drizzle_migrations`);
  return at === null ? null : Number(at);
}
