// /livez and /readyz on the real stack, and readiness going false and true again as Postgres and
// Temporal become unreachable; the worker's own probe port.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import type { Db } from '../../db/client';
import * as schema from '../../db/schema';
import { freePort } from '../../platform/temporal';
import { startWorkerHealth } from '../../platform/worker-health';
import { createWorker } from '../../worker';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { workflowBundle } from '../support/temporal';
import { startStack, type Stack } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.teardown());

interface Readiness {
  ready: boolean;
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
}
const body = async (r: Response) => (await r.json()) as Readiness;

describe('API probes', () => {
  it('is live and ready on a healthy stack, at the root and under /api/v1 (with /health as an alias)', async () => {
    expect(await (await s.app.request('/livez')).json()).toEqual({ ok: true });
    expect((await s.app.request('/api/v1/livez')).status).toBe(200);
    for (const path of ['/readyz', '/api/v1/readyz', '/api/v1/health']) {
      const r = await s.app.request(path, { headers: { 'x-request-id': 'probe-1' } });
      expect(r.status).toBe(200);
      expect(r.headers.get('x-request-id')).toBe('probe-1');
      const b = await body(r);
      expect(b.ready).toBe(true);
      expect(Object.keys(b.checks).sort()).toEqual(['migrations', 'postgres', 'temporal']);
      expect(Object.values(b.checks).every((c) => c.ok)).toBe(true);
    }
  });

  it('answers 503 + Retry-After within seconds when Temporal is unreachable', async () => {
    const closed = await freePort();
    const connection = Connection.lazy({ address: `127.0.0.1:${closed}` });
    const app = createApp({ db: s.database.db, temporal: new Client({ connection }), config: s.config });
    const started = Date.now();
    const r = await app.request('/readyz');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBe('5');
    const b = await body(r);
    expect(b).toMatchObject({ ready: false, checks: { postgres: { ok: true }, migrations: { ok: true }, temporal: { ok: false } } });
    expect(JSON.stringify(b)).not.toContain(String(closed)); // no addresses in a public body
    // The client's retries stop at the check's deadline; let the last one end before closing the channel.
    await new Promise((r) => setTimeout(r, 1500));
    await connection.close();
  });

  describe.skipIf(!process.env.DATABASE_URL)('with Postgres', () => {
    let other: TestDatabase;
    let pool: pg.Pool;
    let admin: pg.Client;
    let name: string;
    beforeAll(async () => {
      other = await createTestDatabase();
      name = new URL(other.url!).pathname.slice(1);
      pool = new pg.Pool({ connectionString: other.url!, max: 4, connectionTimeoutMillis: 1000 });
      pool.on('error', () => undefined); // idle connections ended by the test below
      admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
    });
    afterAll(async () => {
      await admin?.query(`alter database ${name} allow_connections true`).catch(() => undefined);
      await admin?.end();
      await pool?.end();
      await other?.drop();
    });
    const appOn = () => createApp({ db: drizzle(pool, { schema }) as unknown as Db, temporal: s.temporal.env.client, config: s.config });

    it('goes 503 while its database refuses connections and back to 200 after', async () => {
      const app = appOn();
      expect((await app.request('/readyz')).status).toBe(200);
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      const down = await app.request('/readyz');
      expect(down.status).toBe(503);
      expect(await body(down)).toMatchObject({ ready: false, checks: { postgres: { ok: false }, temporal: { ok: true } } });
      await admin.query(`alter database ${name} allow_connections true`);
      const up = await s.eventually(async () => {
        const r = await app.request('/readyz');
        return r.status === 200 ? r : null;
      });
      expect((await body(up)).ready).toBe(true);
    });

    it('is not ready on a schema older than the build', async () => {
      const app = appOn();
      const [last] = (await pool.query('select id, hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1')).rows as Array<{ id: number; hash: string; created_at: string }>;
      await pool.query('delete from drizzle.__drizzle_migrations where id = $1', [last.id]);
      try {
        const r = await app.request('/readyz');
        expect(r.status).toBe(503);
        expect(await body(r)).toMatchObject({ checks: { migrations: { ok: false, error: expect.stringMatching(/schema behind this build/) }, postgres: { ok: true } } });
      } finally {
        await pool.query('insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)', [last.id, last.hash, last.created_at]);
      }
      expect((await app.request('/readyz')).status).toBe(200);
    });
  });
});

describe('the worker probe port', () => {
  it('is ready while the worker runs and not after it stopped', async () => {
    const connection = await NativeConnection.connect({ address: s.temporal.address });
    const worker = await createWorker({ connection, namespace: 'default', taskQueue: `${s.taskQueue}-probe`, deps: s.deps, workflowBundle: workflowBundle() });
    const health = await startWorkerHealth({ port: 0, host: '127.0.0.1', worker, db: s.database.db, connection });
    const url = `http://127.0.0.1:${health.port}`;
    try {
      const running = worker.run();
      await s.eventually(async () => worker.getState() === 'RUNNING');
      expect((await fetch(`${url}/livez`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await body(ready)).toMatchObject({ ready: true, checks: { worker: { ok: true }, postgres: { ok: true }, temporal: { ok: true } } });
      worker.shutdown();
      await running;
      const stopped = await fetch(`${url}/readyz`);
      expect(stopped.status).toBe(503);
      expect(stopped.headers.get('retry-after')).toBe('5');
      expect(await body(stopped)).toMatchObject({ ready: false, checks: { worker: { ok: false, error: expect.stringMatching(/^worker is (STOPPING|DRAINING|DRAINED|STOPPED)$/) } } });
    } finally {
      await health.close();
      await connection.close();
    }
  });
});
