// A fresh, migrated database per test file: a new database on the real Postgres when DATABASE_URL is
// set (CI), an in-memory PGlite otherwise. Same migrations and queries either way.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../db/client';

export interface TestDatabase extends Database {
  url: string | null;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const database = await openDatabase({ memory: true });
    return { ...database, url: null, drop: () => database.close() };
  }
  const name = `closeloop_t_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  return {
    ...database,
    url: url.toString(),
    drop: async () => {
      // pool.end() waits for every checked-out client: a leaked one would hang the hook for minutes.
      let timer: NodeJS.Timeout | undefined;
      const leak = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${name}: pool.end() still waiting after 20 s — a client was checked out and never released`)), 20_000);
      });
      await Promise.race([database.close(), leak]).finally(() => clearTimeout(timer));
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      // Without FORCE first: forcing would kill connections the pool is still closing, and pg reports
      // those as unhandled errors. Fall back to FORCE if something still holds the database.
      for (let i = 0; ; i++) {
        try {
          await a.query(`drop database if exists ${name}${i >= 20 ? ' with (force)' : ''}`);
          break;
        } catch (e) {
          if (i >= 20) throw e;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await a.end();
    },
  };
}
