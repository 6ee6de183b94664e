// Escalation notifications against a real SMTP server and a local server speaking Slack's Web API:
// each (ticket, event, user) goes out once whatever the retries, a refusal is reported instead of
// retried for ever, and a send cut off half-way is reported rather than repeated.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../activities/mailer';
import { createNotifyActivities, createSlackClient, notificationKey } from '../../activities/notify';
import { notifications } from '../../db/schema';
import { freePort } from '../../platform/temporal';
import { TicketState } from '../../workflows/ticket-state';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startFakeSlack } from '../support/slack';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { insertUser, NEW_TICKET_PATCHES, ticketInput } from '../support/ticket-fixtures';

let database: TestDatabase;
let smtp: SmtpCapture;
let slack: Awaited<ReturnType<typeof startFakeSlack>>;

beforeAll(async () => {
  [database, smtp, slack] = await Promise.all([createTestDatabase(), startSmtpCapture({ rejectRecipients: ['gone@staff.test'] }), startFakeSlack({ refuse: { C0ARCHIVED: 'is_archived' } })]);
});
afterAll(async () => {
  await Promise.all([database?.drop(), smtp?.close(), slack?.close()]);
});

const view = () => TicketState.create(ticketInput(Date.now()), NEW_TICKET_PATCHES).view();
const activities = (smtpUrl = smtp.url) =>
  createNotifyActivities({ db: database.db, mailer: createMailer({ smtpUrl, from: 'support@closeloop.test' }), slack: createSlackClient('xoxb-test', slack.url), publicUrl: 'http://closeloop.test', mailDomain: 'closeloop.test' });
const statusOf = async (key: string) => (await database.db.select().from(notifications).where(eq(notifications.key, key)))[0];

describe('escalation notifications', () => {
  it('sends each level to each user once, however often the activity runs', async () => {
    const [a, b] = [await insertUser(database.db, 'Ava'), await insertUser(database.db, 'Bo', { slackTarget: 'U0BO' })];
    const ticket = view();
    const recipients = [{ userId: a.id, channel: 'email' as const }, { userId: b.id, channel: 'slack' as const }];
    const first = await activities().notifyEscalation(ticket, 1, recipients);
    const again = await activities().notifyEscalation(ticket, 1, recipients); // a retried attempt / replayed effect
    expect(first.map((r) => r.delivery)).toEqual(['sent', 'sent']);
    expect(again.map((r) => r.delivery)).toEqual(['already_sent', 'already_sent']);
    expect(smtp.messages.filter((m) => m.envelopeTo.includes(a.email))).toHaveLength(1);
    expect(slack.requests.filter((r) => r.body.channel === 'U0BO')).toHaveLength(1);
  });

  it('reports a refused Slack channel or mailbox without retrying, and still reaches the others', async () => {
    const ok = await insertUser(database.db, 'Cy');
    const gone = await insertUser(database.db, 'Gone', { email: 'gone@staff.test' });
    const archived = await insertUser(database.db, 'Dee', { slackTarget: 'C0ARCHIVED' });
    const ticket = view();
    const out = await activities().notifyEscalation(ticket, 2, [
      { userId: gone.id, channel: 'email' },
      { userId: archived.id, channel: 'slack' },
      { userId: ok.id, channel: 'email' },
    ]);
    expect(out.map((r) => [r.delivery, r.error ?? null])).toEqual([
      ['failed', expect.stringMatching(/^SMTP 550/)],
      ['failed', 'Slack: is_archived'],
      ['sent', null],
    ]);
    expect((await statusOf(notificationKey(ticket.number, 'escalation-L2', archived.id))).status).toBe('failed');
    // A later attempt does not try the refused ones again.
    const before = slack.requests.length;
    const again = await activities().notifyEscalation(ticket, 2, [{ userId: archived.id, channel: 'slack' }]);
    expect(again[0].delivery).toBe('failed');
    expect(slack.requests.length).toBe(before);
  });

  it('retries while the mail server is down, then sends exactly once', async () => {
    const u = await insertUser(database.db, 'Eli');
    const ticket = view();
    const port = await freePort();
    const down = activities(`smtp://127.0.0.1:${port}`);
    // Connection refused is transient: the activity fails so Temporal retries it with backoff.
    await expect(down.notifyEscalation(ticket, 1, [{ userId: u.id, channel: 'email' }])).rejects.toThrow();
    expect((await statusOf(notificationKey(ticket.number, 'escalation-L1', u.id))).status).toBe('pending');
    const late = await startSmtpCapture({ port });
    try {
      const out = await activities(late.url).notifyEscalation(ticket, 1, [{ userId: u.id, channel: 'email' }]);
      expect(out[0].delivery).toBe('sent');
      expect(late.messages.filter((m) => m.envelopeTo.includes(u.email))).toHaveLength(1);
    } finally {
      await late.close();
    }
  });

  it('after an attempt cut off mid-send: reports a Slack message unconfirmed, resends e-mail under the same Message-ID', async () => {
    const [viaSlack, viaMail] = [await insertUser(database.db, 'Fay', { slackTarget: 'U0FAY' }), await insertUser(database.db, 'Gus')];
    const ticket = view();
    // What a worker killed between claiming and recording leaves behind.
    for (const [u, channel, target] of [[viaSlack, 'slack', 'U0FAY'], [viaMail, 'email', viaMail.email]] as const) {
      await database.db.insert(notifications).values({ key: notificationKey(ticket.number, 'escalation-L3', u.id), ticketNumber: ticket.number, channel, target, status: 'sending' });
    }
    const out = await activities().notifyEscalation(ticket, 3, [{ userId: viaSlack.id, channel: 'slack' }, { userId: viaMail.id, channel: 'email' }]);
    expect(out.map((r) => r.delivery)).toEqual(['unconfirmed', 'sent']);
    expect((await statusOf(notificationKey(ticket.number, 'escalation-L3', viaSlack.id))).status).toBe('unconfirmed');
    expect(slack.requests.filter((r) => r.body.channel === 'U0FAY')).toHaveLength(0); // Slack has no idempotency key: not resent
    const [mail] = smtp.messages.filter((m) => m.envelopeTo.includes(viaMail.email));
    expect(mail.parsed.messageId).toBe(`<${notificationKey(ticket.number, 'escalation-L3', viaMail.id)}@closeloop.test>`);
  });
});
