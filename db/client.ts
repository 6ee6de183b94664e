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
  /**
   * Hears NOTIFY on `channel` (every process on Postgres; PGlite, one process, hears its own). After a
   * lost connection it listens again and calls `onResumed`: what was sent meanwhile was not heard.
   * Answers the function that stops listening.
   */
  listen(channel: string, onPayload: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>>;
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
  const pool = new ReleasingPool({ connectionString, max, connectionTimeoutMillis });
  pool.on('connect', (client) => client.on('error', logConnectionError));
  pool.on('error', () => undefined); // the idle client's own listener (above) has logged it
  return pool;
}

/**
 * drizzle-orm (0.45.4, the latest) sends a transaction's `begin` before its try/finally: when `begin`
 * fails because the connection was just lost, the client is never released — the pool is one
 * connection smaller for good and `pool.end()` waits for ever. So a client checked out with
 * `await pool.connect()` (drizzle's transactions) is released, as broken, when its connection ends,
 * and a later release is a no-op instead of pg-pool's double-release
 * error. (`pool.query()` checks out with a callback and releases itself: left as it is.)
 */
class ReleasingPool extends pg.Pool {
  /** Clients checked out with `await pool.connect()`, with their release-once function. */
  private readonly awaited = new WeakMap<pg.PoolClient, (err?: Error) => void>();
  private readonly watched = new WeakSet<pg.PoolClient>();

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().then((client) => this.releaseWhenDead(client));
  }

  private releaseWhenDead(client: pg.PoolClient): pg.PoolClient {
    const release = client.release.bind(client);
    let released = false;
    const once = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      this.awaited.delete(client);
      release(err);
    };
    client.release = once;
    this.awaited.set(client, once);
    if (!this.watched.has(client)) {
      // Once per connection; acts only while an awaited checkout holds it. Every lost connection ends
      // with 'end' (a terminated backend first answers the pending query with FATAL, then closes).
      this.watched.add(client);
      client.on('end', () => this.awaited.get(client)?.(new Error('Connection ended')));
    }
    return client;
  }
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
    const url = opts.databaseUrl;
    return { db: drizzlePg(pool, { schema }) as unknown as Db, driver: 'pg', close: () => pool.end(), listen: (channel, onPayload, onResumed) => listenPg(url, channel, onPayload, onResumed) };
  }
  let dir: string | undefined;
  if (!opts.memory) {
    dir = path.join(opts.dataDir ?? 'data', 'pglite');
    mkdirSync(dir, { recursive: true });
  }
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    close: () => client.close(),
    listen: async (channel, onPayload) => {
      const stop = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await stop();
      };
    },
  };
}

const RELISTEN_MS = 1_000;

/** A dedicated connection (a pooled one would be handed back and stop hearing), re-opened when lost. */
async function listenPg(url: string, channel: string, onPayload: (payload: string) => void, onResumed?: () => void): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | undefined;
  const open = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    client.on('error', () => undefined); // 'end' follows and re-opens
    client.on('end', () => {
      if (current !== client) return; // a failed open retries on its own
      current = null;
      if (!stopped) reopen();
    });
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    if (stopped) return void (await client.end());
    current = client;
  };
  const reopen = () => {
    timer = setTimeout(() => {
      open().then(
        () => onResumed?.(),
        () => !stopped && reopen(),
      );
    }, RELISTEN_MS);
  };
  await open();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current?.end();
  };
}
