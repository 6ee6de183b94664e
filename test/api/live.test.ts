// Live updates (issue 19) on the real stack: the projection's NOTIFY reaches the streams of a second
// API instance with its own listener (as a second process would), every stream is scoped by role and
// branch (sessions and API tokens alike), and a reconnect with Last-Event-ID replays what was missed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { LiveHub } from '../../api/live/hub';
import type { User } from '../../api/routes/users';
import { openDatabase, type Database } from '../../db/client';
import type { TicketChange } from '../../domain/live';
import { readEvents, type EventReader } from '../support/sse';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
let other: { database: Database | null; hub: LiveHub; app: ReturnType<typeof createApp> };
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;
const readers: EventReader[] = [];

async function makeUser(role: 'agent' | 'manager', branches: string[], name: string) {
  const email = `${name.toLowerCase()}@live.test`;
  const res = await s.call('POST', '/api/v1/users', { email, name, password: 'password-123', role, branches }, admin);
  expect(res.status).toBe(201);
  return { user: await json<User>(res), session: await s.login(email, 'password-123') };
}

async function subscribe(app: ReturnType<typeof createApp>, headers: Record<string, string>) {
  const res = await app.request('/api/v1/events', { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const r = readEvents(res);
  readers.push(r);
  await r.next((e) => e.event === 'ready');
  return r;
}
const cookie = (who: Session) => ({ cookie: who.cookie });
const change = (e: { data: string }) => JSON.parse(e.data) as TicketChange & { id: number };
const about = (n: number) => (e: { event?: string; data: string }) => e.event === 'ticket' && change(e).number === n;

async function open(branch: string, externalId: string) {
  const fb = { channel: 'kiosk', type: 'star', score: 1, comment: 'Queue too long', branch, externalId };
  return s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
}

let mia: Awaited<ReturnType<typeof makeUser>>; // agent, main
let nils: Awaited<ReturnType<typeof makeUser>>; // agent, north

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  expect((await s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, admin)).status).toBe(201);
  mia = await makeUser('agent', ['main'], 'Mia');
  nils = await makeUser('agent', ['north'], 'Nils');
  // A second API "process": its own pool and its own listening connection on Postgres (PGlite: one process).
  const database = s.database.url ? await openDatabase({ databaseUrl: s.database.url, poolSize: 2 }) : null;
  const hub = await LiveHub.start(database ?? s.database);
  other = { database, hub, app: createApp({ db: (database ?? s.database).db, temporal: s.temporal.env.client, config: s.config, live: hub }) };
});
afterAll(async () => {
  for (const r of readers) await r.close();
  await other?.hub.close();
  await other?.database?.close();
  await s?.teardown();
});

describe('GET /events', () => {
  it('carries a change recorded through one API instance to the streams of another', async () => {
    const onOther = await subscribe(other.app, cookie(mia.session));
    const n = await open('main', 'live-1');
    const created = change(await onOther.next(about(n)));
    expect(created).toMatchObject({ type: 'ticket', number: n, branch: 'main' });
    expect(created.id).toBeGreaterThan(0);
    // A command through the first instance: the projection announces it, the second instance's stream hears it.
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: mia.user.id }, admin)).status).toBe(200);
    const assigned = change(await onOther.next((e) => about(n)(e) && change(e).assigneeId === mia.user.id));
    expect(assigned.id).toBeGreaterThan(created.id);
    // What the ticket page re-reads on the event: the read model, the same moves as the workflow offers.
    const fromWorkflow = await json<{ allowedTransitions: string[]; assigneeId: string; version: number }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, mia.session));
    const fromReadModel = await json<{ allowedTransitions: string[]; assigneeId: string; live: boolean; version: number }>(
      await other.app.request(`/api/v1/tickets/${n}?source=read-model`, { headers: cookie(mia.session) }),
    );
    expect(fromReadModel).toMatchObject({ allowedTransitions: fromWorkflow.allowedTransitions, assigneeId: mia.user.id, live: true });
    expect(fromReadModel.version).toBeGreaterThanOrEqual(assigned.version);
  });

  it('gives an agent the tickets of their branches only (sessions and API tokens alike)', async () => {
    const miaHere = await subscribe(s.app, cookie(mia.session));
    const miaThere = await subscribe(other.app, cookie(mia.session));
    const nilsThere = await subscribe(other.app, cookie(nils.session));
    const tokenRes = await s.call('POST', '/api/v1/api-tokens', { name: 'live', scopes: ['tickets:read'] }, nils.session);
    expect(tokenRes.status).toBe(201);
    const nilsToken = await subscribe(s.app, { authorization: `Bearer ${(await json<{ token: string }>(tokenRes)).token}` });
    const adminHere = await subscribe(s.app, cookie(admin));

    const north = await open('north', 'live-north');
    const main = await open('main', 'live-main');
    // Every stream hears changes in one order: once the later ticket arrived, the earlier would have too.
    await miaHere.next(about(main));
    await miaThere.next(about(main));
    await nilsThere.next(about(north));
    await nilsToken.next(about(north));
    await adminHere.next(about(north));
    await adminHere.next(about(main));
    await new Promise((r) => setTimeout(r, 500)); // the north ticket's later changes, had they leaked
    for (const r of [miaHere, miaThere]) expect(r.events.filter(about(north))).toEqual([]);
    for (const r of [nilsThere, nilsToken]) expect(r.events.filter(about(main))).toEqual([]);

    const reportsOnly = await s.call('POST', '/api/v1/api-tokens', { name: 'no-live', scopes: ['reports:read'] }, nils.session);
    const denied = await s.app.request('/api/v1/events', { headers: { authorization: `Bearer ${(await json<{ token: string }>(reportsOnly)).token}` } });
    expect(denied.status).toBe(403);
    expect((await s.app.request('/api/v1/events')).status).toBe(401);
  });

  it('replays what a client missed when it reconnects with Last-Event-ID', async () => {
    const first = await subscribe(other.app, cookie(mia.session));
    const a = await open('main', 'live-resume-a');
    const seen = await first.next(about(a));
    await first.close();

    const b = await open('main', 'live-resume-b'); // while the client is away
    const c = await open('north', 'live-resume-c'); // not hers
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${c}`, undefined, admin)).status === 200);

    const again = await subscribe(other.app, { ...cookie(mia.session), 'last-event-id': seen.id! });
    expect(JSON.parse(again.events[0].data)).toEqual({ resumed: true });
    const replayed = change(await again.next(about(b)));
    expect(replayed.id).toBeGreaterThan(Number(seen.id));
    expect(again.events.filter(about(c))).toEqual([]);
    expect(again.events.filter((e) => e.event === 'ticket' && Number(e.id) <= Number(seen.id))).toEqual([]);

    // An id from before a process listened (a client moving to a fresh process) cannot be replayed: the client is told to re-read.
    const late = await LiveHub.start(s.database);
    const lateApp = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: s.config, live: late });
    const stale = await subscribe(lateApp, { ...cookie(mia.session), 'last-event-id': seen.id! });
    expect(JSON.parse(stale.events[0].data)).toEqual({ resumed: false });
    await stale.close();
    await late.close();
    expect((await s.app.request('/api/v1/events', { headers: { ...cookie(mia.session), 'last-event-id': 'x' } })).status).toBe(400);
  });
});

describe('a reply with an Idempotency-Key', () => {
  it('is recorded once however often it is sent (double click, resend after a reload)', async () => {
    const n = await open('main', 'live-idem');
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
    const send = (key: string) => s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'We are on it.', visibility: 'internal' }, admin, { 'idempotency-key': key });
    const [a, b] = await Promise.all([send('draft-key-0001'), send('draft-key-0001')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await send('draft-key-0001')).status).toBe(200); // after a reload
    expect((await send('draft-key-0002')).status).toBe(200); // a new draft is a new reply
    const { timeline } = await json<{ timeline: Array<{ type: string; data: { body?: string } | null }> }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
    expect(timeline.filter((e) => e.type === 'comment' && e.data?.body === 'We are on it.')).toHaveLength(2);
    const bad = await send('no');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('idempotency-key');
  });
});
