// Customer answers by email through a real IMAP server (Dovecot): threading, sender check, quoting,
// status effects, auto-replies, duplicates, a server restart and messages the reader must skip.
import { ImapFlow } from 'imapflow';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startImapReader, type ImapReader } from '../../activities/mail/imap-reader';
import { feedback, ticketEvents } from '../../db/schema';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let imap: Dovecot;
let reader: ImapReader;
let admin: Session;
const logs: string[] = [];

beforeAll(async () => {
  [s, imap] = await Promise.all([startStack(), startDovecot()]);
  admin = await s.login();
  reader = startImapReader(imap.url, { db: s.database.db, temporal: s.temporal.env.client, taskQueue: s.taskQueue, mailDomain: 'closeloop.test' }, (m) => logs.push(m));
});
afterAll(async () => {
  await reader?.stop();
  await imap?.stop();
  await s?.teardown();
});

/** The customer's mail provider delivers a raw RFC 5322 message into the support mailbox. */
async function deliver(raw: string) {
  const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
  await c.connect();
  await c.append('INBOX', raw.replace(/\r?\n/g, '\r\n'));
  await c.logout();
}

let ext = 0;
async function newTicket(email = 'ann@example.com') {
  const res = await s.postFeedback({ channel: 'web', type: 'star', score: 1, comment: 'Order never arrived', contact: { name: 'Ann Lee', email }, branch: 'main', externalId: `mail-${++ext}` }, '?wait=true');
  const n = ((await res.json()) as { ticketNumber: number }).ticketNumber;
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  return n;
}
const events = (n: number) => s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n));
const status = async (n: number) => ((await (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).json()) as { status: string }).status;
const reply = (o: { from: string; id: string; subject: string; inReplyTo?: string; body: string; extra?: string }) =>
  `From: Customer <${o.from}>\nTo: support@closeloop.test\nSubject: ${o.subject}\nMessage-ID: ${o.id}\n${o.inReplyTo ? `In-Reply-To: ${o.inReplyTo}\nReferences: ${o.inReplyTo}\n` : ''}${o.extra ?? ''}Date: Mon, 23 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n${o.body}\n`;

describe('inbound email', () => {
  it('threads a Gmail-style reply by In-Reply-To, strips the quote, and brings a pending ticket back to in progress', async () => {
    const n = await newTicket();
    await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Could you send your order number?', visibility: 'public' }, admin);
    const out = await s.smtp.waitFor((m) => (m.parsed.text ?? '').includes('order number?'));
    await s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'pending_customer' }, admin);
    await deliver(reply({ from: 'ann@example.com', id: '<g1@mail.gmail.com>', subject: `Re: ${out.parsed.subject}`, inReplyTo: out.parsed.messageId!, body: `It is 4471.\n\nOn Mon, 23 Nov 2026 at 09:00, Support <support@closeloop.test> wrote:\n> Could you send your order number?` }));
    const ev = await s.eventually(async () => (await events(n)).find((e) => e.type === 'email_in'));
    expect((ev.data as { body: string }).body).toBe('It is 4471.');
    await s.eventually(async () => (await status(n)) === 'in_progress');
  });

  it('threads by the subject tag, flags a foreign sender, and adds a duplicate delivery once', async () => {
    const n = await newTicket('dee@example.com'); // a new customer: a repeat detractor would start escalated
    const outlook = reply({ from: 'someone@else.test', id: '<o1@outlook.test>', subject: `RE: [#${n}] Order never arrived`, body: 'Is this resolved?\n\n-----Original Message-----\nFrom: Support\nSent: Monday' });
    await deliver(outlook);
    await deliver(outlook); // the same Message-ID delivered twice
    const flagged = await s.eventually(async () => (await events(n)).find((e) => e.type === 'comment' && (e.data as { unverifiedSender?: boolean }).unverifiedSender));
    expect((flagged.data as { body: string; visibility: string }).body).toBe('Is this resolved?');
    expect((flagged.data as { visibility: string }).visibility).toBe('internal');
    await new Promise((r) => setTimeout(r, 1500));
    expect((await events(n)).filter((e) => e.type === 'comment' && (e.data as { unverifiedSender?: boolean }).unverifiedSender)).toHaveLength(1);
    expect(await status(n)).toBe('new'); // a foreign sender never changes the status
  });

  it('reopens a resolved ticket on a customer reply, but not on an out-of-office auto-reply', async () => {
    const n = await newTicket('bo@example.com');
    const { taxonomyEntries } = await import('../../db/schema');
    const tax = await s.database.db.select().from(taxonomyEntries);
    await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: tax.find((t) => t.kind === 'root_cause')!.id, actionId: tax.find((t) => t.kind === 'action')!.id }, admin);
    await deliver(reply({ from: 'bo@example.com', id: '<ooo1@example.com>', subject: `Automatic reply: [#${n}] How did we do?`, body: 'I am out of the office.', extra: 'Auto-Submitted: auto-replied\n' }));
    await s.eventually(async () => (await events(n)).find((e) => e.type === 'email_in'));
    expect(await status(n)).toBe('resolved');
    // Apple Mail quotes with "On … wrote:" too.
    await deliver(reply({ from: 'bo@example.com', id: '<apple1@icloud.test>', subject: `Re: [#${n}] How did we do?`, body: 'Still broken, sorry.\n\nOn 23 Nov 2026, at 10:00, Support <support@closeloop.test> wrote:\n\n> How did we do?' }));
    await s.eventually(async () => (await status(n)) === 'reopened');
  });

  it('turns mail that answers no ticket into email-channel feedback', async () => {
    await deliver(reply({ from: 'new@example.com', id: '<fresh1@example.com>', subject: 'Terrible service at your shop', body: 'Nobody helped me.' }));
    const row = await s.eventually(async () => (await s.database.db.select().from(feedback)).find((f) => f.channel === 'email' && f.contactKey === 'email:new@example.com'));
    expect(row.comment).toContain('Nobody helped me.');
  });

  it('survives an IMAP server restart and skips a malformed message without stopping', async () => {
    const n = await newTicket('cy@example.com');
    await imap.restart();
    await deliver('this is not a mail at all \u0000\u0001');
    await deliver(reply({ from: 'cy@example.com', id: '<after-restart@example.com>', subject: `Re: [#${n}] hello`, body: 'Any news?' }));
    await s.eventually(async () => (await events(n)).find((e) => e.type === 'email_in'), 60_000);
  }, 90_000);
});
