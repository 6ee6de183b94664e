// One factory, two drivers: node-postgres when DATABASE_URL is set, embedded PGlite otherwise.
// The same migrations and queries run on both.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { log } from '../platform/logger';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  driver: 'pg' | 'pglite';
  close(): Promise<void>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const MIGRATION_LOCK = 72_710_001; // pg advisory lock id: concurrent processes migrate one at a time

/** How long a request waits for a connection before it fails (and the API answers 503, api/errors.ts)
 * rather than hanging while Postgres is away. */
export const CONNECTION_TIMEOUT_MS = 5_000;

const logConnectionError = (err: Error & { code?: string }) => log('db').warn({ code: err.code, reason: err.message }, 'Postgres connection lost; it is discarded and the pool opens a new one');

/**
 * A pool that survives Postgres ending its connections (restart, failover, pg_terminate_backend, an
 * idle timeout): node-postgres emits 'error' on the pool for an idle client and on the client itself
 * for one checked out between queries, and an unheard 'error' event ends the process. Both are logged;
 * the pool has already dropped the idle one, and a checked-out one that lost its connection is not
 * queryable, so the pool discards it on release. The next query opens a fresh connection.
 */
export function resilientPool(connectionString: string, max: number, connectionTimeoutMillis: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis });
  pool.on('connect', (client) => client.on('error', logConnectionError));
  pool.on('error', () => undefined); // the idle client's own listener (above) has logged it
  return pool;
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir?: string; memory?: boolean; poolSize?: number; connectionTimeoutMs?: number }): Promise<Database> {
  if (opts.databaseUrl) {
    const lockClient = new pg.Client({ connectionString: opts.databaseUrl, connectionTimeoutMillis: opts.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS });
    lockClient.on('error', logConnectionError); // a failed query says so; the event must not crash the process
    await lockClient.connect();
    try {
      await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await migratePg(drizzlePg(lockClient, { schema }), { migrationsFolder });
    } finally {
      await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
      await lockClient.end();
    }
    const pool = resilientPool(opts.databaseUrl, opts.poolSize ?? 10, opts.connectionTimeoutMs ?? CONNECTION_TIMEOUT_MS);
    return { db: drizzlePg(pool, { schema }) as unknown as Db, driver: 'pg', close: () => pool.end() };
  }
  let dir: string | undefined;
  if (!opts.memory) {
    dir = path.join(opts.dataDir ?? 'data', 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return { db: db as unknown as Db, driver: 'pglite', close: () => client.close() };
}
