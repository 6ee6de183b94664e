// Issue 18 item 3: outages answer 503 with Retry-After within seconds, never a hang or a bare 500.
// A second app beside the real stack, sharing its database, talks to a Temporal that is not there
// (nothing listens on 127.0.0.1:1); a third reads from a Postgres that is not there.
import { Client, Connection } from '@temporalio/client';
import { drizzle } from 'drizzle-orm/node-postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { resilientPool, type Db } from '../../db/client';
import * as schema from '../../db/schema';
import { INTAKE_KEY, startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const detractor = (externalId: string) => ({ channel: 'kiosk', type: 'star', score: 1, comment: 'Queue too long', branch: 'main', externalId });

async function expectUnavailable(res: Response, startedAt: number) {
  expect(Date.now() - startedAt, new URL(res.url || 'http://x/').pathname).toBeLessThan(5_000);
  expect(res.status).toBe(503);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
}

const request = (app: ReturnType<typeof createApp>, method: string, path: string, body: unknown, headers: Record<string, string>) =>
  app.request(path, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

describe('Temporal unreachable', () => {
  it('answers 503 with Retry-After in seconds on intake and on a ticket command', async () => {
    // A ticket the read model knows, made while Temporal was up.
    const n = await s.ticketNumberOf(await s.postFeedback(detractor('outage-ticket'), '?wait=true'), detractor('outage-ticket'));
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);

    // A running app's client connected at start-up; a lazy one's first connect would have its own timeout.
    const down = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s' }) });
    await down.connection.ensureConnected().catch(() => undefined); // its first connect attempt is over, as in a running app
    const app = createApp({ db: s.database.db, temporal: down, config: s.config });
    let t0 = Date.now();
    await expectUnavailable(await request(app, 'POST', '/api/v1/feedback', detractor('outage-intake'), { authorization: `Bearer ${INTAKE_KEY}` }), t0);
    t0 = Date.now();
    await expectUnavailable(await request(app, 'POST', '/api/v1/feedback/batch', { items: [detractor('outage-batch')] }, { authorization: `Bearer ${INTAKE_KEY}` }), t0);
    t0 = Date.now();
    await expectUnavailable(await request(app, 'POST', `/api/v1/tickets/${n}/comments`, { body: 'Called the customer', visibility: 'internal' }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf }), t0);
    // Reads come from the read model: they keep working without Temporal.
    expect((await request(app, 'GET', `/api/v1/tickets/${n}`, undefined, { cookie: admin.cookie })).status).toBe(200);
    // Nothing went on trying behind the 503: the refused intake never reached Temporal.
    await new Promise((r) => setTimeout(r, 1000));
    const ok = await s.postFeedback(detractor('outage-intake'));
    expect(((await ok.json()) as { duplicate: boolean }).duplicate).toBe(false);
  }, 60_000);
});

describe('Postgres unreachable', () => {
  it('answers 503 with Retry-After on a read', async () => {
    const pool = resilientPool('postgres://postgres@127.0.0.1:1/closeloop', 2, 1_000);
    const db = drizzle(pool, { schema }) as unknown as Db;
    const app = createApp({ db, temporal: s.temporal.env.client, config: s.config });
    const t0 = Date.now();
    await expectUnavailable(await request(app, 'GET', '/api/v1/tickets', undefined, { cookie: admin.cookie }), t0);
    await expectUnavailable(await request(app, 'POST', '/api/v1/feedback', detractor('outage-db'), { authorization: `Bearer ${INTAKE_KEY}` }), Date.now());
    await pool.end();
  });

  it('documents the 503 on every operation', async () => {
    const doc = (await (await s.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>> };
    const ops = Object.values(doc.paths ?? {}).flatMap((p) => Object.values(p ?? {})).filter((op) => op && typeof op === 'object' && 'responses' in op);
    expect(ops.length).toBeGreaterThan(50);
    for (const op of ops) expect(op.responses['503']?.headers).toHaveProperty('Retry-After');
  });
});
