// The live channel (db/live-channel.ts, api/live/hub.ts): a transaction's messages travel in one NOTIFY,
// each with its own id in order; a batch over NOTIFY's 8 000 bytes is split rather than refused; a single
// object from a worker of the previous release is still heard. Real Postgres or PGlite, as the tests run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { LiveHub, type LiveSubscriber } from '../../api/live/hub';
import { LIVE_CHANNEL, type LiveEvent, type LiveMessage } from '../../domain/live';
import { publishLive } from '../../db/live-channel';
import { createTestDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
let hub: LiveHub;
const heard: LiveEvent[] = [];
const admin: LiveSubscriber = {
  viewer: { id: 'u-admin', role: 'admin', branches: [] },
  send: (e) => heard.push(e),
  reset: () => undefined,
  end: () => undefined,
};

beforeAll(async () => {
  database = await createTestDatabase();
  hub = await LiveHub.start(database);
  hub.subscribe(admin, null);
});
afterAll(async () => {
  await hub?.close();
  await database?.drop();
});

const change = (number: number): LiveMessage => ({ type: 'ticket', number, branch: 'main', assigneeId: null, status: 'new', priority: 'high', version: 1, seq: 1 });
const signal = (i: number): LiveMessage => ({ type: 'notification', userId: 'u-admin', notificationId: `ntf_${String(i).padStart(24, '0')}` });
async function until(count: number) {
  for (let i = 0; i < 200 && heard.length < count; i++) await new Promise((r) => setTimeout(r, 25));
  return heard.splice(0, heard.length);
}
async function notifies(work: () => Promise<void>): Promise<number> {
  // NOTIFYs of this database's channel counted by a second listener.
  let n = 0;
  const stop = await database.listen(LIVE_CHANNEL, () => void n++);
  await work();
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 25));
  await stop();
  return n;
}

describe('live channel', () => {
  it('sends a transaction\'s messages in one NOTIFY, numbered in order', async () => {
    const sent = await notifies(() => database.db.transaction((tx) => publishLive(tx, [change(1), signal(1), signal(2)])));
    expect(sent).toBe(1);
    const events = await until(3);
    expect(events.map((e) => e.type)).toEqual(['ticket', 'notification', 'notification']);
    expect(events[1].id).toBe(events[0].id + 1);
    expect(events[2].id).toBe(events[1].id + 1);
  });

  it('splits a batch NOTIFY could not carry (8 000 bytes), losing nothing', async () => {
    const many = [change(2), ...Array.from({ length: 150 }, (_, i) => signal(i))];
    const sent = await notifies(() => database.db.transaction((tx) => publishLive(tx, many)));
    expect(sent).toBeGreaterThan(1);
    const events = await until(many.length);
    expect(events).toHaveLength(many.length);
    expect(new Set(events.map((e) => e.id)).size).toBe(many.length);
  });

  it('still hears one message alone (a worker of the previous release)', async () => {
    await database.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, jsonb_set(${JSON.stringify(change(3))}::jsonb, '{id}', to_jsonb(nextval('live_event_seq')))::text)`);
    expect((await until(1)).map((e) => e.type === 'ticket' && e.number)).toEqual([3]);
  });
});
