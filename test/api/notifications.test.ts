// Agents' notifications on the real stack: made from the ticket's events by the projection, once per
// (event, user), pushed on the live stream, e-mailed per preference, never to deactivated or
// unavailable users; the bell's API (list, unread count, mark read / all read) and the preferences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAgentNotifications } from '../../activities/agent-notifications';
import type { NotificationList } from '../../api/routes/notifications';
import type { User } from '../../api/routes/users';
import type { Ticket } from '../../api/ticket-schemas';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../../domain/notifications';
import type { TimelineEvent } from '../../domain/ticket';
import { readEvents } from '../support/sse';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

async function makeUser(role: 'agent' | 'manager', name: string) {
  const email = `${name.toLowerCase()}@notify.test`;
  const res = await s.call('POST', '/api/v1/users', { email, name, password: 'password-123', role, branches: ['main'] }, admin);
  expect(res.status).toBe(201);
  return { user: await json<User>(res), session: await s.login(email, 'password-123') };
}
/** A ticket the "desk" rule opens unassigned. */
async function open(externalId: string) {
  const fb = { channel: 'web', type: 'star', score: 3, comment: 'desk: the coffee was cold', branch: 'main', externalId };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}?source=read-model`, undefined, admin)).status === 200);
  return n;
}
const bell = async (who: Session) => json<NotificationList>(await s.call('GET', '/api/v1/notifications', undefined, who));

let ava: Awaited<ReturnType<typeof makeUser>>;
let ben: Awaited<ReturnType<typeof makeUser>>;
let mona: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  expect((await s.call('POST', '/api/v1/rules', { name: 'Desk', trigger: { buckets: [], keywords: ['desk'] }, outcome: { priority: 'medium', pool: [] } }, admin)).status).toBe(201);
  ava = await makeUser('agent', 'Ava');
  ben = await makeUser('agent', 'Ben');
  mona = await makeUser('manager', 'Mona');
});
afterAll(async () => s?.teardown());

describe('notifications', () => {
  it('tells the assignee (bell, live stream, e-mail) — not someone who took the ticket themselves', async () => {
    const stream = readEvents(await s.app.request('/api/v1/events', { headers: { cookie: ava.session.cookie } }));
    const others = readEvents(await s.app.request('/api/v1/events', { headers: { cookie: ben.session.cookie } }));
    await stream.next((e) => e.event === 'ready');
    const n = await open('notify-assign');
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: ava.user.id }, mona.session)).status).toBe(200);
    const pushed = await stream.next((e) => e.event === 'notification');
    const list = await s.eventually(async () => ((await bell(ava.session)).unread === 1 ? bell(ava.session) : null));
    expect(list.items[0]).toMatchObject({ id: JSON.parse(pushed.data).notificationId, kind: 'assigned', ticketNumber: n, readAt: null });
    expect(list.items[0].title).toContain(`#${n} assigned to you`);
    const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes(ava.user.email) && String(m.parsed.subject).includes(`#${n} assigned to you`));
    expect(mail.parsed.text).toContain(`/tickets/${n}`);
    expect(others.events.filter((e) => e.event === 'notification')).toEqual([]);
    await stream.close();
    await others.close();

    const m = await open('notify-take');
    expect((await s.call('POST', `/api/v1/tickets/${m}/assign`, { userId: ben.user.id }, ben.session)).status).toBe(200);
    await s.eventually(async () => (await json<Ticket>(await s.call('GET', `/api/v1/tickets/${m}?source=read-model`, undefined, admin))).assigneeId === ben.user.id);
    await new Promise((r) => setTimeout(r, 300));
    expect((await bell(ben.session)).items).toEqual([]);
  });

  it('is made once per event and user, however often the projection runs', async () => {
    const n = await open('notify-once');
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: ben.user.id }, mona.session)).status).toBe(200);
    await s.eventually(async () => (await bell(ben.session)).items.some((i) => i.ticketNumber === n));
    const ticket = await json<Ticket>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
    const events: TimelineEvent[] = ticket.timeline.map((e) => ({ seq: e.seq, type: e.type, actor: { id: e.actorId, name: e.actorName }, at: e.at, from: e.from, to: e.to, reason: e.reason, data: e.data }));
    const again = await s.database.db.transaction((tx) => recordAgentNotifications(tx, ticket, events));
    expect(again).toEqual({ mail: [], live: [] });
    expect((await bell(ben.session)).items.filter((i) => i.ticketNumber === n)).toHaveLength(1);
  });

  it('e-mails an escalation once: whom the chain\'s notice e-mailed keeps the "escalated" notification in the app only', async () => {
    const n = await open('notify-escalated');
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: ava.user.id }, mona.session)).status).toBe(200);
    await s.eventually(async () => (await bell(ava.session)).items.some((i) => i.ticketNumber === n));
    const ticket = await json<Ticket>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
    const at = Date.now();
    const escalation = (seq: number, delivery: string): TimelineEvent[] => [
      { seq, type: 'escalated', actor: { id: 'system', name: 'System' }, at, from: '0', to: '1', reason: null, data: null },
      { seq: seq + 1, type: 'notification_sent', actor: { id: 'system', name: 'System' }, at, from: null, to: null, reason: null, data: { level: 1, recipients: [{ userId: ava.user.id, channel: 'email', target: ava.user.email, delivery }] } },
    ];
    const noticed = await s.database.db.transaction((tx) => recordAgentNotifications(tx, ticket, escalation(900, 'sent')));
    expect(noticed.mail).toEqual([]);
    expect(noticed.live).toHaveLength(1); // the bell still rings
    // The notice could not be delivered: the notification's own e-mail is what reaches her.
    const failed = await s.database.db.transaction((tx) => recordAgentNotifications(tx, ticket, escalation(910, 'failed')));
    expect(failed.mail.map((m) => m.to)).toEqual([ava.user.email]);
  });

  it('tells whoever an internal note @mentions', async () => {
    const n = await open('notify-mention');
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { visibility: 'internal', body: 'Could @mona have a look? (not @nobody)' }, ava.session)).status).toBe(200);
    const list = await s.eventually(async () => ((await bell(mona.session)).items.some((i) => i.kind === 'mentioned') ? bell(mona.session) : null));
    expect(list.items.find((i) => i.kind === 'mentioned')).toMatchObject({ ticketNumber: n });
  });

  it('follows each user\'s preferences and never reaches an unavailable or deactivated user', async () => {
    expect(await json(await s.call('GET', '/api/v1/notifications/preferences', undefined, ben.session))).toEqual({ ...DEFAULT_NOTIFICATION_PREFERENCES, digestHour: null, digestTimeZone: expect.any(String) });
    const bad = await s.call('PUT', '/api/v1/notifications/preferences', { ...DEFAULT_NOTIFICATION_PREFERENCES, assigned: { inApp: 'yes', email: false } }, ben.session);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('assigned.inApp');
    const quiet = { ...DEFAULT_NOTIFICATION_PREFERENCES, assigned: { inApp: true, email: false } };
    expect((await s.call('PUT', '/api/v1/notifications/preferences', quiet, ben.session)).status).toBe(200);
    const before = (await bell(ben.session)).items.length;
    const mailsBefore = s.smtp.messages.filter((m) => m.envelopeTo.includes(ben.user.email)).length;
    const n = await open('notify-quiet');
    expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId: ben.user.id }, mona.session)).status).toBe(200);
    await s.eventually(async () => (await bell(ben.session)).items.length === before + 1);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.smtp.messages.filter((m) => m.envelopeTo.includes(ben.user.email)).length).toBe(mailsBefore);

    // Unavailable: nothing, in the app or by mail.
    expect((await s.call('PUT', `/api/v1/users/${ben.user.id}/availability`, { available: false }, ben.session)).status).toBe(200);
    const m = await open('notify-away');
    expect((await s.call('POST', `/api/v1/tickets/${m}/assign`, { userId: ben.user.id }, mona.session)).status).toBe(200);
    await s.eventually(async () => (await json<Ticket>(await s.call('GET', `/api/v1/tickets/${m}?source=read-model`, undefined, admin))).assigneeId === ben.user.id);
    await new Promise((r) => setTimeout(r, 500));
    expect((await bell(ben.session)).items.some((i) => i.ticketNumber === m)).toBe(false);
  });

  it('marks one or all read, and only your own', async () => {
    const mine = await bell(ava.session);
    expect(mine.unread).toBeGreaterThan(0);
    const first = mine.items.find((i) => i.readAt === null)!;
    expect((await s.call('POST', `/api/v1/notifications/${first.id}/read`, undefined, mona.session)).status).toBe(404);
    expect((await s.call('POST', `/api/v1/notifications/${first.id}/read`, undefined, ava.session)).status).toBe(204);
    expect((await bell(ava.session)).unread).toBe(mine.unread - 1);
    const all = await json<{ marked: number }>(await s.call('POST', '/api/v1/notifications/read-all', undefined, ava.session));
    expect(all.marked).toBe(mine.unread - 1);
    expect((await bell(ava.session)).unread).toBe(0);
  });
});
