// Issue 18 item 2: Postgres ending the app's connections (a restart, a failover, an idle timeout) must
// not end the process. Every backend of the app's database is terminated — idle ones and one in the
// middle of a transaction —; the process keeps running and the next request and the next intake work.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(((await fb.json()) as { outcome: string }).outcome).toBe('ticket');
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
});
