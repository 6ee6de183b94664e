// The email loop through real servers: replies go out over SMTP (smtp-server), customer answers come
// back through a real IMAP server (Dovecot), written as Gmail, Outlook and Apple Mail write them.
// Threading (token, In-Reply-To, subject tag), sender check, quoting, status effects, auto-replies,
// duplicates, attachments, closed tickets, a server restart and messages the reader must skip.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerMailActivities } from '../../activities/customer-mail';
import { ImapFlow } from 'imapflow';
import { startImapReader, UNREADABLE_KEYWORD, type ImapReader } from '../../mail/imap-reader';
import { hashPassword } from '../../platform/security';
import { feedback, notifications, taxonomyEntries, ticketEvents, users } from '../../db/schema';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { composeReply, deliver as deliverRaw } from '../support/mail-client';
import type { TicketView } from '../../domain/ticket-view';
import type { ReceivedMail } from '../support/smtp';
import { startStack, type Session, type Stack } from '../support/stack';

const ATTACHMENT_CAP = 64 * 1024;
let s: Stack;
let imap: Dovecot;
let reader: ImapReader;
let admin: Session;
const logs: string[] = [];

beforeAll(async () => {
  [s, imap] = await Promise.all([startStack({ attachmentMaxBytes: ATTACHMENT_CAP }), startDovecot()]);
  admin = await s.login();
  reader = startImapReader(imap.url, s.inboundDeps, (m) => logs.push(m));
});
afterAll(async () => {
  await reader?.stop();
  await imap?.stop();
  await s?.teardown();
});

const deliver = (raw: Buffer | string) => deliverRaw(imap, raw);

let ext = 0;
async function newTicket(email = 'ann@example.com', name = 'Ann Lee') {
  const fb = { channel: 'web', type: 'star', score: 1, comment: 'Order never arrived', contact: { name, email }, branch: 'main', externalId: `mail-${++ext}` };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  return n;
}
type Ticket = { status: string; reopenCount: number; replyToken: string | null; linkedTicketNumber: number | null; contact: { email?: string }; channel: string };
const ticket = async (n: number) => (await (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).json()) as Ticket;
const events = (n: number) => s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n));
const status = async (n: number) => (await ticket(n)).status;
const emailIn = (n: number, id: string) => s.eventually(async () => (await events(n)).find((e) => e.type === 'email_in' && (e.data as { messageId: string }).messageId === id));
const reply = (o: { from: string; id: string; subject: string; inReplyTo?: string; body: string; extra?: string }) =>
  `From: Customer <${o.from}>\nTo: support@closeloop.test\nSubject: ${o.subject}\nMessage-ID: ${o.id}\n${o.inReplyTo ? `In-Reply-To: ${o.inReplyTo}\nReferences: ${o.inReplyTo}\n` : ''}${o.extra ?? ''}Date: Mon, 23 Nov 2026 10:00:00 +0000\nContent-Type: text/plain; charset=utf-8\n\n${o.body}\n`;

/** An agent's public reply, as the customer receives it. */
async function agentReply(n: number, body: string): Promise<ReceivedMail> {
  expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body, visibility: 'public' }, admin)).status).toBe(200);
  return s.smtp.waitFor((m) => (m.parsed.text ?? '').includes(body));
}

async function resolveTicket(n: number) {
  const tax = await s.database.db.select().from(taxonomyEntries);
  const r = await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: tax.find((t) => t.kind === 'root_cause')!.id, actionId: tax.find((t) => t.kind === 'action')!.id }, admin);
  expect(r.status).toBe(200);
}

describe('outbound', () => {
  it('a public reply goes out with text and HTML parts, a stable Message-ID, threading headers and the reply-token Reply-To', async () => {
    const n = await newTicket('ola@example.com', 'Ola Nordmann');
    const { replyToken } = await ticket(n);
    expect(replyToken).toMatch(/^[0-9a-f]{32}$/);
    const mail = await agentReply(n, 'Your refund is on its way.\nSee https://shop.example/refunds');
    const p = mail.parsed;
    expect(mail.envelopeTo).toEqual(['ola@example.com']);
    expect(p.subject).toBe(`Your feedback about Main branch [#${n}]`); // never the internal title (rating code, name, words)
    expect(p.replyTo?.value[0].address).toBe(`support+${replyToken}@closeloop.test`);
    expect(p.from?.value[0].address).toBe('support@closeloop.test');
    expect(p.messageId).toMatch(new RegExp(`^<ticket-${n}-\\d+@closeloop.test>$`));
    expect(p.inReplyTo).toBe(`<ticket-${n}-0@closeloop.test>`);
    expect(p.references).toBe(`<ticket-${n}-0@closeloop.test>`);
    expect(p.text).toContain('Your refund is on its way.');
    expect(p.text).toContain('— Admin');
    expect(p.html).toContain('<a href="https://shop.example/refunds">');
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    // A retry after a crash between sending and recording it sends the same message again: same Message-ID.
    const seq = Number(/-(\d+)@/.exec(p.messageId!)![1]);
    // (what a worker killed right after the mail server's 250 leaves, as its retry finds it a minute later)
    await s.database.db.update(notifications).set({ status: 'sending', sendingAt: new Date(Date.now() - 2 * 60_000) }).where(eq(notifications.key, `t${n}:reply:${seq}`));
    const view = (await ticket(n)) as unknown as TicketView;
    await createCustomerMailActivities(s.deps).sendPublicReply(view, seq, 'Your refund is on its way.', { id: 'x', name: 'Admin' });
    const both = await s.eventually(async () => {
      const same = s.smtp.messages.filter((m) => m.parsed.messageId === p.messageId);
      return same.length === 2 ? same : null;
    });
    expect(both.map((m) => m.parsed.replyTo?.value[0].address)).toEqual([`support+${replyToken}@closeloop.test`, `support+${replyToken}@closeloop.test`]);
  });

  it('never mails an internal note', async () => {
    const n = await newTicket('nia@example.com');
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Internal: check CCTV', visibility: 'internal' }, admin)).status).toBe(200);
    await agentReply(n, 'We are looking into it.');
    expect(s.smtp.messages.some((m) => (m.parsed.text ?? '').includes('check CCTV'))).toBe(false);
  });
});

describe('inbound email', () => {
  it('threads a Gmail-style reply by In-Reply-To, strips the quote, and brings a pending ticket back to in progress', async () => {
    const n = await newTicket();
    const out = await agentReply(n, 'Could you send your order number?');
    await s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'pending_customer' }, admin);
    await deliver(reply({ from: 'ann@example.com', id: '<g1@mail.gmail.com>', subject: `Re: ${out.parsed.subject}`, inReplyTo: out.parsed.messageId!, body: `It is 4471.\n\nOn Mon, 23 Nov 2026 at 09:00, Support <support@closeloop.test> wrote:\n> Could you send your order number?` }));
    const ev = await emailIn(n, '<g1@mail.gmail.com>');
    expect((ev.data as { body: string }).body).toBe('It is 4471.');
    await s.eventually(async () => (await status(n)) === 'in_progress');
    expect(logs).toContain(logs.find((l) => l.includes(`threaded to #${n} by references`)));
  });

  it('Gmail, Outlook and Apple Mail replies thread by token, In-Reply-To and subject tag, without quotes or signatures', async () => {
    const n = await newTicket('kim@example.com', 'Kim Park');
    const out = await agentReply(n, 'Could you send us your order number?');
    const kim = { name: 'Kim Park', address: 'kim@example.com' };
    // Gmail answers the Reply-To (the token address) and keeps the references.
    await deliver(await composeReply('gmail', out.parsed, { from: kim, body: 'The order number is 4471.', messageId: '<gm-1@mail.gmail.com>' }));
    // Outlook, answering the plain support address from the address book: In-Reply-To does it.
    await deliver(await composeReply('outlook', out.parsed, { from: kim, to: 'support@closeloop.test', body: 'Thanks, that works.\n\nBest regards\nKim', messageId: '<ol-1@outlook.test>' }));
    // Apple Mail on a phone, references lost on the way and a plain address: only the subject tag is left.
    await deliver(await composeReply('apple', out.parsed, { from: kim, to: 'support@closeloop.test', noReferences: true, body: 'Still broken, sorry.', messageId: '<ap-1@icloud.test>' }));
    const bodies = await Promise.all(['<gm-1@mail.gmail.com>', '<ol-1@outlook.test>', '<ap-1@icloud.test>'].map(async (id) => ((await emailIn(n, id)).data as { body: string }).body));
    expect(bodies).toEqual(['The order number is 4471.', 'Thanks, that works.\n\nBest regards\nKim', 'Still broken, sorry.']);
    await s.eventually(async () => ['token', 'references', 'subject'].every((r) => logs.some((l) => l.includes(`threaded to #${n} by ${r}`))));
  });

  it('the reply token wins: a changed subject naming another ticket and no references still land on the right ticket', async () => {
    const a = await newTicket('lea@example.com', 'Lea');
    const b = await newTicket('lea@example.com', 'Lea');
    const out = await agentReply(a, 'Which branch was it?');
    await deliver(await composeReply('gmail', out.parsed, { from: { name: 'Lea', address: 'lea@example.com' }, subject: `About [#${b}] and more`, noReferences: true, body: 'The one on Main Street.', messageId: '<tok-1@mail.gmail.com>' }));
    expect(((await emailIn(a, '<tok-1@mail.gmail.com>')).data as { body: string }).body).toBe('The one on Main Street.');
    expect((await events(b)).some((e) => e.type === 'email_in')).toBe(false);
    // A forged token (right shape, no ticket) falls back to the other routes.
    await deliver(reply({ from: 'lea@example.com', id: '<tok-2@x.test>', subject: `Re: [#${b}] hello`, body: 'Second question.' }).replace('To: support@closeloop.test', `To: support+${randomBytes(16).toString('hex')}@closeloop.test`));
    await emailIn(b, '<tok-2@x.test>');
  });

  it('threads by the subject tag, flags a foreign sender, and adds a duplicate delivery once', async () => {
    const n = await newTicket('dee@example.com'); // a new customer: a repeat detractor would start escalated
    const outlook = reply({ from: 'someone@else.test', id: '<o1@outlook.test>', subject: `RE: [#${n}] Order never arrived`, body: 'Is this resolved?\n\n-----Original Message-----\nFrom: Support\nSent: Monday' });
    await deliver(outlook);
    await deliver(outlook); // the same Message-ID delivered twice
    const flagged = await s.eventually(async () => (await events(n)).find((e) => e.type === 'comment' && (e.data as { unverifiedSender?: boolean }).unverifiedSender));
    expect((flagged.data as { body: string }).body).toBe('Is this resolved?');
    expect((flagged.data as { visibility: string }).visibility).toBe('internal');
    await s.eventually(async () => logs.filter((l) => l.includes(`threaded to #${n} by subject (unverified sender)`)).length === 2);
    expect((await events(n)).filter((e) => e.type === 'comment' && (e.data as { unverifiedSender?: boolean }).unverifiedSender)).toHaveLength(1);
    expect(await status(n)).toBe('new'); // a foreign sender never changes the status
  });

  it('reopens a resolved ticket on a customer reply, but not on an out-of-office auto-reply or a bounce', async () => {
    const n = await newTicket('bo@example.com');
    await resolveTicket(n);
    await deliver(reply({ from: 'bo@example.com', id: '<ooo1@example.com>', subject: `Automatic reply: [#${n}] How did we do?`, body: 'I am out of the office.', extra: 'Auto-Submitted: auto-replied\n' }));
    const dsn = `From: Mail Delivery System <MAILER-DAEMON@mx.example.com>\nTo: support@closeloop.test\nSubject: Undelivered Mail Returned to Sender [#${n}]\nMessage-ID: <dsn1@mx.example.com>\nMIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nDelivery failed.\n--b1\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.com\n\nFinal-Recipient: rfc822; bo@example.com\nAction: failed\nStatus: 5.1.1\n--b1--\n`;
    await deliver(dsn);
    await emailIn(n, '<ooo1@example.com>');
    await s.eventually(async () => logs.some((l) => l.includes(`threaded to #${n} by subject (unverified sender) (auto-reply)`)));
    expect(await status(n)).toBe('resolved');
    await deliver(await composeReply('apple', (await s.smtp.waitFor((m) => m.envelopeTo.includes('bo@example.com') && /How did we do/.test(m.parsed.subject ?? ''))).parsed, { from: { name: 'Bo', address: 'bo@example.com' }, body: 'Still broken, sorry.', messageId: '<apple1@icloud.test>' }));
    await s.eventually(async () => (await status(n)) === 'reopened');
  });

  it('an HTML-only Outlook reply: the answer without the quoted history, which stays expandable, and the raw original downloadable', async () => {
    const n = await newTicket('hal@example.com', 'Hal');
    const out = await agentReply(n, 'Which size did you order?');
    const html = `<html><body dir="ltr"><div class="elementToProof">Size M, but I received an L.<br><br>Hal</div><div id="appendonsend"></div><hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt"><b>Van:</b> Closeloop Support &lt;support@closeloop.test&gt;<br><b>Verzonden:</b> maandag 23 november 2026 09:00<br><b>Onderwerp:</b> ${out.parsed.subject}</font><div>&nbsp;</div></div><div>Which size did you order?</div></body></html>`;
    const raw = `From: Hal <hal@example.com>\nTo: support@closeloop.test\nSubject: RE: ${out.parsed.subject}\nMessage-ID: <owa-1@outlook.test>\nIn-Reply-To: ${out.parsed.messageId}\nDate: Mon, 23 Nov 2026 10:00:00 +0000\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n${html}\n`;
    await deliver(raw);
    const ev = await emailIn(n, '<owa-1@outlook.test>');
    const data = ev.data as { body: string; quoted?: string; attachments: Array<{ id: string; contentType: string; original?: boolean; size: number }> };
    expect(data.body).toBe('Size M, but I received an L.\n\nHal');
    expect(data.quoted).toContain('Which size did you order?');
    const original = data.attachments.find((a) => a.original)!;
    expect(original).toMatchObject({ contentType: 'message/rfc822' });
    const file = await s.call('GET', `/api/v1/attachments/${original.id}`, undefined, admin);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('message/rfc822');
    expect(file.headers.get('content-disposition')).toContain('filename="original-message.eml"');
    // Byte for byte what the customer's provider delivered (the test's APPEND writes CRLF line ends).
    expect(Buffer.from(await file.arrayBuffer()).toString('utf8')).toBe(raw.replace(/\r?\n/g, '\r\n'));
    expect((await s.call('GET', `/api/v1/attachments/${original.id}`)).status).toBe(401);
  });

  it('a bottom-posted reply keeps the answer below the quote, and an interleaved one every answer', async () => {
    const n = await newTicket('bea@example.com', 'Bea');
    const out = await agentReply(n, 'Could you send the order number? And the branch?');
    await deliver(reply({ from: 'bea@example.com', id: '<tb-1@thunderbird.test>', subject: `Re: ${out.parsed.subject}`, inReplyTo: out.parsed.messageId!, body: `Hi,\n\nOn 23/11/2026 10:00, Closeloop Support wrote:\n> Could you send the order number?\n\nIt is 4471.\n\n> And the branch?\n\nMain Street.\n\n-- \nBea Stone\nStone & Co` }));
    const ev = await emailIn(n, '<tb-1@thunderbird.test>');
    expect((ev.data as { body: string }).body).toBe('Hi,\n\nIt is 4471.\n\nMain Street.');
    expect((ev.data as { quoted: string }).quoted).toContain('Could you send the order number?');
  });

  it('a message that keeps failing (here: overrunning its budget every time) is tried 3 times, recorded on its ticket with the original, flagged and never read again', async () => {
    const n = await newTicket('pat@example.com', 'Pat');
    await reader.stop();
    const poisonLogs: string[] = [];
    // A budget no real message can meet: every try of this one fails the same way.
    const strict = startImapReader(imap.url, s.inboundDeps, (m) => poisonLogs.push(m), { messageBudgetMs: 1 });
    try {
      const big = `From: Pat <pat@example.com>\r\nTo: support@closeloop.test\r\nSubject: Re: [#${n}] photos\r\nMessage-ID: <poison-1@example.com>\r\nContent-Type: text/plain\r\n\r\n${'All the photos, line after line.\r\n'.repeat(60_000)}`;
      await deliver(big);
      await s.eventually(async () => poisonLogs.some((l) => /gave up after 3 failed tries; recorded: threaded to #\d+/.test(l)), 60_000);
      expect(poisonLogs.filter((l) => /try \d of 3 failed: took longer than its 1 ms budget/.test(l))).toHaveLength(3);
      const note = await s.eventually(async () => (await events(n)).find((e) => (e.data as { body?: string } | null)?.body?.startsWith('This e-mail could not be read automatically')));
      const original = (note.data as { attachments: Array<{ id: string; original?: boolean; size: number }> }).attachments[0];
      expect(original.original).toBe(true);
      expect(original.size).toBe(Buffer.byteLength(big));
      expect(await status(n)).toBe('new'); // our note is no customer answer: the status stays
      // Flagged on the server: seen and unreadable, so neither this reader nor a restarted one reads it again.
      const c = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
      await c.connect();
      const lock = await c.getMailboxLock('INBOX');
      try {
        const found = (await c.search({ header: { 'message-id': '<poison-1@example.com>' } }, { uid: true })) || [];
        const msg = await c.fetchOne(String(found[0]), { flags: true }, { uid: true });
        expect([...(msg ? msg.flags ?? [] : [])]).toEqual(expect.arrayContaining(['\\Seen', UNREADABLE_KEYWORD, '$CloseloopTry1', '$CloseloopTry2', '$CloseloopTry3']));
      } finally {
        lock.release();
        await c.logout();
      }
    } finally {
      await strict.stop();
      reader = startImapReader(imap.url, s.inboundDeps, (m) => logs.push(m));
    }
    const before = logs.length;
    await deliver(reply({ from: 'pat@example.com', id: '<after-poison@example.com>', subject: `Re: [#${n}] photos`, body: 'Did they arrive?' }));
    await emailIn(n, '<after-poison@example.com>');
    expect(logs.slice(before).some((l) => l.includes('poison'))).toBe(false);
  }, 120_000);

  it('keeps attachments as files (name, type, size), lists the over-cap one without storing it, serves them to the right people', async () => {
    const n = await newTicket('max@example.com', 'Max');
    const out = await agentReply(n, 'Please send the receipt.');
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(2000)]);
    const photo = randomBytes(ATTACHMENT_CAP + 1000);
    await deliver(await composeReply('outlook', out.parsed, {
      from: { name: 'Max', address: 'max@example.com' },
      body: 'Receipt and a photo attached.',
      messageId: '<att-1@outlook.test>',
      attachments: [
        { filename: 'receipt.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'photo of the box.jpg', content: photo, contentType: 'image/jpeg' },
      ],
    }));
    const ev = await emailIn(n, '<att-1@outlook.test>');
    const atts = (ev.data as { attachments: Array<{ id: string; filename: string; contentType: string; size: number; stored: boolean; original?: boolean }> }).attachments.filter((a) => !a.original);
    expect(atts.map(({ filename, contentType, size, stored }) => ({ filename, contentType, size, stored }))).toEqual([
      { filename: 'receipt.pdf', contentType: 'application/pdf', size: pdf.length, stored: true },
      { filename: 'photo of the box.jpg', contentType: 'image/jpeg', size: photo.length, stored: false },
    ]);
    const file = await s.call('GET', `/api/v1/attachments/${atts[0].id}`, undefined, admin);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toContain('filename="receipt.pdf"');
    expect(Buffer.from(await file.arrayBuffer()).equals(pdf)).toBe(true);
    expect((await s.call('GET', `/api/v1/attachments/${atts[1].id}`, undefined, admin)).status).toBe(410);
    expect((await s.call('GET', `/api/v1/attachments/${'0'.repeat(32)}`, undefined, admin)).status).toBe(404);
    expect((await s.call('GET', '/api/v1/attachments/not-an-id', undefined, admin)).status).toBe(400);
    expect((await s.call('GET', `/api/v1/attachments/${atts[0].id}`)).status).toBe(401);
    await s.database.db.insert(users).values({ id: 'att-agent', email: 'far@staff.test', name: 'Far Away', passwordHash: await hashPassword('far-away-pass'), role: 'agent', branches: ['elsewhere'] });
    const far = await s.login('far@staff.test', 'far-away-pass');
    expect((await s.call('GET', `/api/v1/attachments/${atts[0].id}`, undefined, far)).status).toBe(403);
  });

  it('an answer to a ticket closed for good opens a follow-up ticket linked to it; inside a reopen window it reopens instead', async () => {
    const closeHappily = async (n: number, email: string) => {
      await resolveTicket(n);
      const survey = await s.smtp.waitFor((m) => m.envelopeTo.includes(email) && /How did we do/.test(m.parsed.subject ?? ''));
      const link = /http:\/\/closeloop\.test(\/csat\/[^\s?]+)\?score=5/.exec(survey.parsed.text ?? '')![1];
      // The mail leaves before the workflow records the survey as sent; an answer in between would be too early.
      await s.eventually(async () => (await events(n)).some((e) => e.type === 'csat_sent'));
      // The link only opens the page; the customer's post answers (these tickets act on it at once: csatChangeMinutes 0).
      const posted = await s.app.request(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=5' });
      expect(posted.status).toBe(200);
      await s.eventually(async () => (await status(n)) === 'closed');
      return survey;
    };
    const before = (await (await s.call('GET', '/api/v1/settings/tickets', undefined, admin)).json()) as Record<string, unknown>;
    expect((await s.call('PUT', '/api/v1/settings/tickets', { ...before, csatChangeMinutes: 0 }, admin)).status).toBe(200);
    const n = await newTicket('cal@example.com', 'Cal');
    const survey = await closeHappily(n, 'cal@example.com');
    await deliver(await composeReply('gmail', survey.parsed, { from: { name: 'Cal', address: 'cal@example.com' }, body: 'It broke again today.', messageId: '<late-1@mail.gmail.com>' }));
    const fb = await s.eventually(async () => (await s.database.db.select().from(feedback)).find((f) => f.contactKey === 'email:cal@example.com' && f.channel === 'email' && f.ticketNumber));
    const follow = await s.eventually(async () => {
      const r = await s.call('GET', `/api/v1/tickets/${fb.ticketNumber}`, undefined, admin);
      return r.status === 200 ? ((await r.json()) as Ticket & { comment: string }) : null;
    });
    expect(follow).toMatchObject({ linkedTicketNumber: n, channel: 'email', contact: { email: 'cal@example.com' }, status: 'new' });
    expect(follow.comment).toContain('It broke again today.');
    expect(follow.replyToken).not.toBe((await ticket(n)).replyToken);
    expect(await ticket(n)).toMatchObject({ status: 'closed', reopenCount: 0 });
    expect(logs.some((l) => l.includes(`#${n} is closed: follow-up ticket`))).toBe(true);

    // With a reopen window, the same answer reopens the closed ticket.
    const settings = (await (await s.call('GET', '/api/v1/settings/tickets', undefined, admin)).json()) as Record<string, unknown>;
    expect((await s.call('PUT', '/api/v1/settings/tickets', { ...settings, reopenWindowDays: 3 }, admin)).status).toBe(200);
    const m = await newTicket('dan@example.com', 'Dan');
    const survey2 = await closeHappily(m, 'dan@example.com');
    await deliver(await composeReply('outlook', survey2.parsed, { from: { name: 'Dan', address: 'dan@example.com' }, body: 'Actually, one more problem.', messageId: '<late-2@outlook.test>' }));
    await s.eventually(async () => (await status(m)) === 'reopened');
    expect((await ticket(m)).reopenCount).toBe(1);
    await s.call('PUT', '/api/v1/settings/tickets', settings, admin);
  });

  it('turns mail that answers no ticket into email-channel feedback', async () => {
    await deliver(reply({ from: 'new@example.com', id: '<fresh1@example.com>', subject: 'Terrible service at your shop', body: 'Nobody helped me.' }));
    const row = await s.eventually(async () => (await s.database.db.select().from(feedback)).find((f) => f.channel === 'email' && f.contactKey === 'email:new@example.com'));
    expect(row.comment).toContain('Nobody helped me.');
  });

  it('logs and skips a 30 MB message without stopping, then handles the next one', async () => {
    const n = await newTicket('ed@example.com');
    const big = Buffer.concat([Buffer.from(`From: ed@example.com\r\nTo: support@closeloop.test\r\nSubject: Re: [#${n}] huge\r\nMessage-ID: <huge@example.com>\r\nContent-Type: text/plain\r\n\r\n`), Buffer.alloc(30 * 1024 * 1024, 'x\r\n'.repeat(40) + 'y'.repeat(38) + '\r\n')]);
    await deliver(big);
    await deliver(reply({ from: 'ed@example.com', id: '<after-huge@example.com>', subject: `Re: [#${n}] hello`, body: 'Did you get my video?' }));
    await emailIn(n, '<after-huge@example.com>');
    expect(logs.some((l) => /skipped message uid \d+: \d{8} bytes is over the \d+ byte limit/.test(l))).toBe(true);
    expect((await events(n)).some((e) => (e.data as { messageId?: string } | null)?.messageId === '<huge@example.com>')).toBe(false);
  }, 120_000);

  it('survives an IMAP server restart and skips a malformed message without stopping', async () => {
    const n = await newTicket('cy@example.com');
    await imap.restart();
    await deliver('this is not a mail at all \u0000\u0001');
    await deliver(reply({ from: 'cy@example.com', id: '<after-restart@example.com>', subject: `Re: [#${n}] hello`, body: 'Any news?' }));
    await s.eventually(async () => (await events(n)).find((e) => e.type === 'email_in'), 60_000);
  }, 90_000);
});
