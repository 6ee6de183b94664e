// The assignment lock (db/users.ts poolMembers): it queues the decisions about the same people, and
// nothing else. Under FOR UPDATE it also held up every insert referencing those people (a foreign key takes
// a key share), so a burst of escalations made each projection's agent notification wait for every owner
// pick (issue 20). Needs two connections: real Postgres only.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import * as schema from '../../db/schema';
import { agentNotifications, users } from '../../db/schema';
import { poolMembers } from '../../db/users';
import { createEscalationOwnerActivities } from '../../activities/escalation-owner';
import { createTestDatabase, type TestDatabase } from '../support/db';

const real = Boolean(process.env.DATABASE_URL);
let database: TestDatabase;
beforeAll(async () => {
  if (real) database = await createTestDatabase();
});
afterAll(async () => database?.drop());

/** A second session with a short lock_timeout: a statement that would wait for the lock fails with 55P03. */
async function otherSession<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.url! });
  await client.connect();
  try {
    await client.query(`set lock_timeout = '1s'`);
    await client.query('begin');
    const out = await work(drizzle(client, { schema }) as unknown as Db);
    await client.query('rollback');
    return out;
  } finally {
    await client.end();
  }
}

const lockTimedOut = (e: unknown) => (e as { cause?: { code?: string } }).cause?.code === '55P03' || (e as { code?: string }).code === '55P03';

describe.skipIf(!real)('assignment locks', () => {
  it('queue a second decision about the same person but let a notification for them be written', async () => {
    const { db } = database;
    const id = randomUUID();
    await db.insert(users).values({ id, email: `${id}@staff.test`, name: 'Ava', passwordHash: 'x', role: 'agent', branches: [] });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await poolMembers(tx, [id], { lock: true });
      locked();
      await held;
    });
    await isLocked;
    try {
      // A notification for the locked person: written at once.
      await otherSession((other) => other.insert(agentNotifications).values({ id: `ntf_${id}`, userId: id, kind: 'escalated', sourceKey: 'ticket:1:1', ticketNumber: 1, title: 't' }));
      // Another decision about them: waits for the first (here: gives up after the lock timeout).
      const second = await otherSession((other) => poolMembers(other, [id], { lock: true })).then(() => 'decided', (e: unknown) => (lockTimedOut(e) ? 'waited' : e));
      expect(second).toBe('waited');
    } finally {
      release();
      await holder;
    }
  });

  it('owner picks of one burst queue in the process, not on pool connections', async () => {
    const { db } = database;
    const id = randomUUID();
    await db.insert(users).values({ id, email: `${id}@staff.test`, name: 'Bo', passwordHash: 'x', role: 'agent', branches: [] });
    const { pickEscalationOwner } = createEscalationOwnerActivities(db);
    // Someone else (another process's intake) holds Bo's row while 40 escalations to Bo fall due.
    const holder = new pg.Client({ connectionString: database.url! });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select id from users where id = $1 for no key update', [id]);
    const picks = Array.from({ length: 40 }, (_, i) => pickEscalationOwner(9_000 + i, [id], null));
    try {
      await new Promise((r) => setTimeout(r, 500));
      const { rows } = await holder.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
      // One pick waits on the lock holding a connection; the other 39 wait in the process, holding none
      // (before: 20, the whole pool, so the burst's projections found no connection).
      expect(rows[0].n).toBe(1);
    } finally {
      await holder.query('commit');
      await holder.end();
    }
    const results = await Promise.all(picks);
    expect(results.every((r) => r.userId === id)).toBe(true);
  });
});
