// The daily digest and the hand-off on the real stack (Temporal dev server, Postgres, SMTP capture):
// the schedule is created idempotently and its hourly run sends a digest once per user and day, only to
// who chose one, never an empty one; an unavailable assignee's news goes to the branch manager, in the
// app and by e-mail per the manager's own preferences, saying for whom.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationList } from '../../api/routes/notifications';
import type { User } from '../../api/routes/users';
import type { Ticket } from '../../api/ticket-schemas';
import { recordAgentNotifications } from '../../activities/agent-notifications';
import type { DigestRunResult } from '../../activities/notification-digest';
import { notificationDigests } from '../../db/schema';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '../../domain/notifications';
import type { TimelineEvent } from '../../domain/ticket';
import { ensureNotificationDigestSchedule, notificationDigestScheduleId } from '../../platform/notification-digest-schedule';
import type { notificationDigestWorkflow } from '../../workflows/notification-digest';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

async function makeUser(role: 'agent' | 'manager', name: string) {
  const email = `${name.toLowerCase()}@digest.test`;
  const res = await s.call('POST', '/api/v1/users', { email, name, password: 'password-123', role, branches: ['main'] }, admin);
  expect(res.status).toBe(201);
  return { user: await json<User>(res), session: await s.login(email, 'password-123') };
}
/** A ticket the "desk" rule opens unassigned. */
async function open(externalId: string) {
  const sent = { channel: 'web', type: 'star', score: 3, comment: 'desk: the coffee was cold', branch: 'main', externalId };
  const res = await s.postFeedback(sent, '?wait=true');
  const n = await s.ticketNumberOf(res, sent);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}?source=read-model`, undefined, admin)).status === 200);
  return n;
}
async function assign(n: number, userId: string) {
  expect((await s.call('POST', `/api/v1/tickets/${n}/assign`, { userId }, admin)).status).toBe(200);
  await s.eventually(async () => (await json<Ticket>(await s.call('GET', `/api/v1/tickets/${n}?source=read-model`, undefined, admin))).assigneeId === userId);
}
const bell = async (who: Session) => json<NotificationList>(await s.call('GET', '/api/v1/notifications', undefined, who));
const mailsTo = (email: string, subject: string) => s.smtp.messages.filter((m) => m.envelopeTo.includes(email) && String(m.parsed.subject).includes(subject));
const setPrefs = async (who: Session, body: Record<string, unknown>) => {
  const res = await s.call('PUT', '/api/v1/notifications/preferences', { ...DEFAULT_NOTIFICATION_PREFERENCES, ...body }, who);
  expect(res.status).toBe(200);
  return json(res);
};

/** Triggers the digest schedule once and waits for that run's result. */
async function runDigest(): Promise<DigestRunResult> {
  const handle = s.temporal.env.client.schedule.getHandle(notificationDigestScheduleId(s.taskQueue));
  const recent = (await handle.describe()).info.recentActions;
  const seen = new Set(recent.map((a) => a.action.workflow.workflowId));
  // A scheduled run's workflow id ends in the second it was taken: triggers a second apart.
  const last = recent.at(-1)?.takenAt.getTime() ?? 0;
  if (Date.now() < last + 1100) await new Promise((r) => setTimeout(r, last + 1100 - Date.now()));
  await handle.trigger();
  const action = await s.eventually(async () => (await handle.describe()).info.recentActions.find((a) => !seen.has(a.action.workflow.workflowId)));
  return s.temporal.env.client.workflow.getHandle<typeof notificationDigestWorkflow>(action.action.workflow.workflowId, action.action.workflow.firstExecutionRunId).result();
}

let ava: Awaited<ReturnType<typeof makeUser>>;
let ben: Awaited<ReturnType<typeof makeUser>>;
let carl: Awaited<ReturnType<typeof makeUser>>;
let mona: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  expect((await s.call('POST', '/api/v1/rules', { name: 'Desk', trigger: { buckets: [], keywords: ['desk'] }, outcome: { priority: 'medium', pool: [] } }, admin)).status).toBe(201);
  ava = await makeUser('agent', 'Ava');
  ben = await makeUser('agent', 'Ben');
  carl = await makeUser('agent', 'Carl');
  mona = await makeUser('manager', 'Mona');
});
afterAll(async () => s?.teardown());

describe('hand-off', () => {
  it("gives an unavailable assignee's news to the branch manager, in the app and by e-mail per her preferences, saying for whom", async () => {
    expect((await s.call('PUT', `/api/v1/users/${ben.user.id}/availability`, { available: false }, ben.session)).status).toBe(200);
    const n = await open('handoff-1');
    await assign(n, ben.user.id);
    const list = await s.eventually(async () => ((await bell(mona.session)).items.some((i) => i.ticketNumber === n) ? bell(mona.session) : null));
    const item = list.items.find((i) => i.ticketNumber === n)!;
    expect(item).toMatchObject({ kind: 'assigned', onBehalfOf: ben.user.id, readAt: null });
    expect(item.title).toMatch(new RegExp(`^For Ben, who is unavailable: #${n} assigned to you: .*the coffee was cold$`));
    const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes(mona.user.email) && String(m.parsed.subject).includes(`For Ben, who is unavailable: #${n}`));
    expect(mail.parsed.text).toContain(`/tickets/${n}`);
    expect((await bell(ben.session)).items.some((i) => i.ticketNumber === n)).toBe(false);
    expect(mailsTo(ben.user.email, `#${n}`)).toEqual([]);

    // Her choice for the kind applies: in the app only.
    await setPrefs(mona.session, { assigned: { inApp: true, email: false } });
    const m = await open('handoff-2');
    await assign(m, ben.user.id);
    await s.eventually(async () => (await bell(mona.session)).items.some((i) => i.ticketNumber === m && i.onBehalfOf === ben.user.id));
    await new Promise((r) => setTimeout(r, 500)); // mails go after the commit
    expect(mailsTo(mona.user.email, `#${m}`)).toEqual([]);
    expect((await s.call('PUT', `/api/v1/users/${ben.user.id}/availability`, { available: true }, ben.session)).status).toBe(200);
  });

  it("gives a deactivated assignee's news to the manager too (the projection's hook on a later event of the ticket)", async () => {
    const dora = await makeUser('agent', 'Dora');
    const n = await open('handoff-deactivated');
    await assign(n, dora.user.id);
    expect((await s.call('PATCH', `/api/v1/users/${dora.user.id}`, { active: false }, admin)).status).toBe(200);
    const ticket = await json<Ticket>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
    const reply: TimelineEvent = { seq: ticket.timeline.length + 100, type: 'email_in', actor: { id: 'customer', name: 'Customer' }, at: Date.now(), from: null, to: null, reason: null, data: null };
    const mails = await s.database.db.transaction((tx) => recordAgentNotifications(tx, ticket, [reply]));
    expect(mails.mail).toEqual([]); // "customer replied" is in the app only by default
    const item = (await bell(mona.session)).items.find((i) => i.ticketNumber === n && i.kind === 'customer_replied');
    expect(item).toMatchObject({ onBehalfOf: dora.user.id, title: expect.stringMatching(new RegExp(`^For Dora, who is deactivated: #${n} the customer replied`)) });
  });
});

describe('daily digest', () => {
  it('creates its hourly schedule idempotently', async () => {
    const client = s.temporal.env.client;
    expect(await ensureNotificationDigestSchedule(client, s.taskQueue)).toBe('created');
    expect(await ensureNotificationDigestSchedule(client, s.taskQueue)).toBe('updated');
    const d = await client.schedule.getHandle(notificationDigestScheduleId(s.taskQueue)).describe();
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'notificationDigestWorkflow', taskQueue: s.taskQueue });
    expect(d.spec.calendars?.[0]).toMatchObject({ minute: [{ start: 1, end: 1, step: 1 }] });
  });

  it('is off by default: unread notifications send no digest', async () => {
    const n = await open('digest-off');
    await assign(n, ava.user.id);
    await s.eventually(async () => (await bell(ava.session)).items.some((i) => i.ticketNumber === n));
    expect(((await json(await s.call('GET', '/api/v1/notifications/preferences', undefined, ava.session))) as { digestHour: unknown }).digestHour).toBeNull();
    expect(await runDigest()).toEqual({ sent: 0, empty: 0, failed: 0 });
    expect(mailsTo(ava.user.email, 'digest')).toEqual([]);
  });

  it('sends one digest a day listing the unread notifications; none when there is nothing to say', async () => {
    const n = (await bell(ava.session)).items[0].ticketNumber;
    // Hour 0: due at any time of the day, in whatever time zone the branch has.
    const saved = await setPrefs(ava.session, { digestHour: 0 });
    expect(saved).toMatchObject({ digestHour: 0, digestTimeZone: expect.any(String) });
    await setPrefs(carl.session, { digestHour: 0 });
    // A PUT without the digest leaves it as it was.
    expect(await setPrefs(carl.session, {})).toMatchObject({ digestHour: 0 });

    expect(await runDigest()).toEqual({ sent: 1, empty: 1, failed: 0 });
    const [mail] = await s.eventually(async () => (mailsTo(ava.user.email, 'digest').length ? mailsTo(ava.user.email, 'digest') : null));
    expect(mail.parsed.subject).toMatch(/^\[Closeloop\] Your digest for \d{4}-\d{2}-\d{2}: 1 unread/);
    expect(mail.parsed.text).toContain(`#${n} assigned to you`);
    expect(mail.parsed.text).toContain(`http://closeloop.test/tickets/${n}`);
    expect(mailsTo(carl.user.email, 'digest')).toEqual([]);
    const [row] = await s.database.db.select().from(notificationDigests).where(and(eq(notificationDigests.userId, carl.user.id)));
    expect(row).toMatchObject({ sentAt: null, unreadCount: 0 });

    // The same day again: nothing more, for either.
    const m = await open('digest-again');
    await assign(m, ava.user.id);
    await s.eventually(async () => (await bell(ava.session)).items.some((i) => i.ticketNumber === m));
    expect(await runDigest()).toEqual({ sent: 0, empty: 0, failed: 0 });
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(ava.user.email, 'digest')).toHaveLength(1);
    expect(await s.database.db.select().from(notificationDigests).where(eq(notificationDigests.userId, ava.user.id))).toHaveLength(1);
  });

  it('rejects a digest hour outside 0–23', async () => {
    const res = await s.call('PUT', '/api/v1/notifications/preferences', { ...DEFAULT_NOTIFICATION_PREFERENCES, digestHour: 24 }, ava.session);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('digestHour');
  });

  it('documents the settings and the hand-off in OpenAPI', async () => {
    type Schema = { properties?: Record<string, unknown>; required?: string[] };
    const doc = (await (await s.call('GET', '/api/v1/openapi.json')).json()) as { components: { schemas: Record<string, Schema> } };
    const { NotificationSettings, NotificationSettingsInput, Notification } = doc.components.schemas;
    expect(NotificationSettings.required).toEqual(expect.arrayContaining(['assigned', 'digestHour', 'digestTimeZone']));
    expect(Object.keys(NotificationSettingsInput.properties ?? {})).toContain('digestHour');
    expect(NotificationSettingsInput.required).not.toContain('digestHour');
    expect(Notification.required).toContain('onBehalfOf');
  });
});
