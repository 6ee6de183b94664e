// Issue 18 item 2: Postgres ending the app's connections (a restart, a failover, an idle timeout) must
// not end the process. Every backend of the app's database is terminated — idle ones and one in the
// middle of a transaction —; the process keeps running and the next request and the next intake work.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resilientPool } from '../../db/client';
import { startStack, type Session, type Stack } from '../support/stack';

const real = !!process.env.DATABASE_URL; // PGlite has no connections to lose

let s: Stack;
let admin: Session;
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => uncaught.push(e);
beforeAll(async () => {
  if (!real) return;
  process.on('uncaughtException', onUncaught);
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  await s?.teardown();
});

/** Terminates every other backend of the app's database, as an admin or a failover would. */
async function terminateAppBackends(): Promise<number> {
  const c = new pg.Client({ connectionString: s.database.url! });
  await c.connect();
  const r = await c.query('select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  await c.end();
  return (r.rows[0] as { n: number }).n;
}

describe.skipIf(!real)('the pg pool survives connection loss', () => {
  it('keeps serving after its idle connections are terminated', async () => {
    // Several connections open and idle in the pool.
    await Promise.all(Array.from({ length: 5 }, () => s.call('GET', '/api/v1/tickets', undefined, admin)));
    expect(await terminateAppBackends()).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    const res = await s.call('GET', '/api/v1/tickets', undefined, admin);
    expect(res.status).toBe(200);
    // The worker shares the pool: the intake still makes tickets.
    const fb = await s.postFeedback({ channel: 'kiosk', type: 'star', score: 1, comment: 'After the blip', branch: 'main', externalId: 'blip-1' }, '?wait=true');
    expect(fb.status).toBe(202);
    // The API waits 5 s for the intake; on a loaded machine the verdict comes from the feedback row.
    expect(((await fb.json()) as { outcome?: string }).outcome ?? (await s.intakeOutcome('kiosk', 'blip-1')).outcome).toBe('ticket');
    expect(uncaught).toEqual([]);
  });

  it('discards a connection lost in the middle of a transaction', async () => {
    const lost = await s.database.db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await terminateAppBackends();
        await new Promise((r) => setTimeout(r, 300)); // the client hears of it while checked out
        await tx.execute(sql`select 1`);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(lost).toBeInstanceOf(Error);
    for (let i = 0; i < 12; i++) expect((await s.call('GET', '/api/v1/tickets', undefined, admin)).status).toBe(200);
    expect(uncaught).toEqual([]);
  });

  it('gives back a connection lost before its transaction began', async () => {
    // drizzle sends `begin` outside its try/finally; without the pool's guard this client stayed checked
    // out for good: the one-connection pool then hung the next transaction and pool.end() (a CI hang).
    const pool = resilientPool(s.database.url!, 1, 2_000);
    const db = drizzle(pool);
    let armed = true;
    pool.on('acquire', (client) => {
      if (!armed) return;
      armed = false;
      (client as typeof client & { connection: { stream: { destroy(): void } } }).connection.stream.destroy(); // test-only: the socket dies at checkout
    });
    const lost = await db.transaction(async (tx) => tx.execute(sql`select 1`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(lost).toBeInstanceOf(Error);
    expect(String((lost as Error & { cause?: unknown }).cause ?? lost)).toMatch(/terminated|not queryable|closed/i);
    const again = await db.transaction(async (tx) => (await tx.execute<{ one: number }>(sql`select 1 as one`)).rows[0].one);
    expect(again).toBe(1);
    await pool.end();
    expect(pool.totalCount).toBe(0);
  });
});
