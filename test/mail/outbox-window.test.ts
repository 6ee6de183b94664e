// The resend window of e-mail (issue 18, item 10), against a real SMTP server and the real database:
// an attempt records 'sending' with its Message-ID before the SMTP transaction; a retry that finds it so
// waits for that attempt to settle before sending again; an attempt whose 'sent' write fails right
// after the mail server accepted keeps trying it. What can still duplicate is shown last, as the
// README documents it.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerMailActivities } from '../../activities/customer-mail';
import { createMailer, type Mailer } from '../../activities/mailer';
import { createNotifyActivities, notificationKey } from '../../activities/notify';
import { ATTEMPT_SETTLE_MS } from '../../activities/outbox';
import { notifications } from '../../db/schema';
import { TicketState } from '../../workflows/ticket-state';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { insertUser, NEW_TICKET_PATCHES, ticketInput } from '../support/ticket-fixtures';

let database: TestDatabase;
let smtp: SmtpCapture;
const pending: Promise<unknown>[] = [];

beforeAll(async () => {
  [database, smtp] = await Promise.all([createTestDatabase(), startSmtpCapture()]);
});
afterAll(async () => {
  await Promise.allSettled(pending);
  await Promise.all([database?.drop(), smtp?.close()]);
});

/** The real SMTP mailer, with `afterAccepted` run once the server has answered 250 to the message and
 * before the activity gets to record it: where a kill, a stall or a database error hurts most. */
function mailerWith(afterAccepted: () => Promise<void>): Mailer {
  const real = createMailer({ smtpUrl: smtp.url, from: 'support@closeloop.test' });
  let first = true;
  return {
    ...real,
    async sendMail(m) {
      const out = await real.sendMail(m);
      if (first) {
        first = false;
        await afterAccepted();
      }
      return out;
    },
  };
}
const plainMailer = () => createMailer({ smtpUrl: smtp.url, from: 'support@closeloop.test' });
const deps = (mailer: Mailer) => ({ db: database.db, mailer, slack: null, publicUrl: 'http://closeloop.test', mailDomain: 'closeloop.test' });
const view = (email = 'ann@example.com') => TicketState.create(ticketInput(Date.now(), { contact: { name: 'Ann Lee', email } }), NEW_TICKET_PATCHES).view();
const copies = (messageId: string) => smtp.messages.filter((m) => m.parsed.messageId === messageId);
const rowOf = async (key: string) => (await database.db.select().from(notifications).where(eq(notifications.key, key)))[0];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('e-mail resend window', () => {
  it('a retry that overlaps a slow attempt waits for it instead of sending a second copy', async () => {
    const u = await insertUser(database.db, 'Ava');
    const ticket = view();
    const key = notificationKey(ticket.number, 'escalation-L1', u.id);
    let accepted!: () => void;
    const wasAccepted = new Promise<void>((r) => (accepted = r));
    // Attempt 1 is accepted by the server, then stalls for 1.5 s before recording it (Temporal may have
    // timed it out meanwhile and started the retry elsewhere).
    const first = createNotifyActivities(deps(mailerWith(async () => { accepted(); await sleep(1_500); }))).notifyEscalation(ticket, 1, [{ userId: u.id, channel: 'email' }]);
    await wasAccepted;
    const during = await rowOf(key);
    expect(during).toMatchObject({ status: 'sending', messageId: `<${key}@closeloop.test>` });
    expect(during.attempt).toMatch(/^[0-9a-f-]{36}$/);
    const retry = await createNotifyActivities(deps(plainMailer())).notifyEscalation(ticket, 1, [{ userId: u.id, channel: 'email' }]);
    expect(retry.map((r) => r.delivery)).toEqual(['already_sent']);
    expect((await first).map((r) => r.delivery)).toEqual(['sent']);
    expect(copies(`<${key}@closeloop.test>`)).toHaveLength(1);
  });

  it('an attempt whose "sent" write fails right after the server accepted still records it: one copy', async () => {
    const u = await insertUser(database.db, 'Bo');
    const ticket = view();
    const key = notificationKey(ticket.number, 'escalation-L2', u.id);
    const fn = `refuse_sent_${ticket.number}`;
    // A real Postgres error on the outcome write for one second, as during a database blip.
    const breakWrites = async () => {
      await database.db.execute(sql.raw(`create function ${fn}() returns trigger language plpgsql as $$ begin if new.status = 'sent' and new.key = '${key}' then raise exception 'database unavailable' using errcode = '57P03'; end if; return new; end $$`));
      await database.db.execute(sql.raw(`create trigger ${fn} before update on notifications for each row execute function ${fn}()`));
      pending.push(sleep(1_000).then(() => database.db.execute(sql.raw(`drop trigger ${fn} on notifications; drop function ${fn}()`))));
    };
    const out = await createNotifyActivities(deps(mailerWith(breakWrites))).notifyEscalation(ticket, 2, [{ userId: u.id, channel: 'email' }]);
    expect(out.map((r) => r.delivery)).toEqual(['sent']);
    expect((await rowOf(key)).status).toBe('sent');
    // Its retry (or a replay) finds it sent.
    const again = await createNotifyActivities(deps(plainMailer())).notifyEscalation(ticket, 2, [{ userId: u.id, channel: 'email' }]);
    expect(again.map((r) => r.delivery)).toEqual(['already_sent']);
    expect(copies(`<${key}@closeloop.test>`)).toHaveLength(1);
  });

  it('the CSAT survey: an overlapping retry sends nothing more and keeps the same link', async () => {
    const ticket = view('sue@example.com');
    const messageId = `<ticket-${ticket.number}-csat0@closeloop.test>`;
    let accepted!: () => void;
    const wasAccepted = new Promise<void>((r) => (accepted = r));
    const first = createCustomerMailActivities(deps(mailerWith(async () => { accepted(); await sleep(1_500); }))).sendCsatSurvey(ticket);
    await wasAccepted;
    expect(await rowOf(`t${ticket.number}:csat:0`)).toMatchObject({ status: 'sending', messageId });
    const retry = await createCustomerMailActivities(deps(plainMailer())).sendCsatSurvey(ticket);
    expect(retry).toEqual(await first);
    expect(copies(messageId)).toHaveLength(1);
    expect((await rowOf(`t${ticket.number}:csat:0`)).status).toBe('sent');
    // The reminder reuses the survey's link and is its own message, once.
    await createCustomerMailActivities(deps(plainMailer())).sendCsatReminder(ticket);
    await createCustomerMailActivities(deps(plainMailer())).sendCsatReminder(ticket);
    const reminders = copies(`<ticket-${ticket.number}-csat0-reminder@closeloop.test>`);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].parsed.text).toContain(`/csat/${retry!.token}`);
  });

  it('what remains (README): an attempt that dies between the 250 and its write is resent once, same Message-ID, after the settle wait', async () => {
    const u = await insertUser(database.db, 'Cy');
    const ticket = view();
    const key = notificationKey(ticket.number, 'escalation-L3', u.id);
    let accepted!: () => void;
    const wasAccepted = new Promise<void>((r) => (accepted = r));
    let release!: () => void;
    // Attempt 1 is "killed" after the 250: it never gets further (released only at the end, when the
    // retry has long settled the row).
    const dead = createNotifyActivities(deps(mailerWith(async () => { accepted(); await new Promise<void>((r) => (release = r)); }))).notifyEscalation(ticket, 3, [{ userId: u.id, channel: 'email' }]);
    pending.push(dead);
    await wasAccepted;
    // Its retry comes when Temporal gives up on it (start-to-close, 1 minute): as if it began 65 s ago.
    await database.db.update(notifications).set({ sendingAt: sql`now() - make_interval(secs => ${(ATTEMPT_SETTLE_MS - 5_000) / 1000})` }).where(eq(notifications.key, key));
    const started = Date.now();
    const retry = await createNotifyActivities(deps(plainMailer())).notifyEscalation(ticket, 3, [{ userId: u.id, channel: 'email' }]);
    expect(Date.now() - started).toBeGreaterThan(4_000); // it waited for the earlier attempt first
    expect(retry.map((r) => r.delivery)).toEqual(['sent']);
    const both = copies(`<${key}@closeloop.test>`);
    expect(both).toHaveLength(2); // the documented window: a second copy, recognisable by its Message-ID
    release();
    expect((await dead).map((r) => r.delivery)).toEqual(['sent']);
    expect((await rowOf(key)).status).toBe('sent');
  }, 20_000);
});
