// Embedded mode's dev mailbox: the app's mail lands in a real SMTP server on loopback and in Postgres;
// "answer as the customer" builds a real RFC 5322 reply that takes the same inbound path as IMAP mail.
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevMailbox } from '../../mail/dev-mailbox';
import { createMailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import { devMailbox, ticketEvents } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack({ devMailbox: true });
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;
type Summary = { id: number; direction: string; subject: string | null; to: string[]; messageId: string | null };
type Detail = Summary & { replyTo: string | null; text: string; html: string | null; headers: Record<string, string>; raw: string };
const list = async () => (await json<{ enabled: boolean; items: Summary[] }>(await s.call('GET', '/api/v1/dev-mailbox', undefined, admin))).items;
const events = (n: number) => s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n));

async function ticket(externalId: string, email: string) {
  const fb = { channel: 'kiosk', type: 'star', score: 1, comment: 'Long queue', contact: { name: 'Uma', email }, branch: 'main', externalId };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  return n;
}

describe('dev mailbox', () => {
  it('keeps what the app sends and answers it as the customer through the inbound handler', async () => {
    const n = await ticket('dm-1', 'uma@example.com');
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Which day was it?', visibility: 'public' }, admin)).status).toBe(200);
    expect((await s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'pending_customer' }, admin)).status).toBe(200);
    const kept = await s.eventually(async () => (await list()).find((m) => m.to.includes('uma@example.com') && m.subject?.includes(`[#${n}]`)));
    expect(s.smtp.messages).toHaveLength(0); // nothing went to the other SMTP server
    const detail = await json<Detail>(await s.call('GET', `/api/v1/dev-mailbox/${kept.id}`, undefined, admin));
    const { replyToken } = await json<{ replyToken: string }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin));
    expect(detail.replyTo).toBe(`support+${replyToken}@closeloop.test`);
    expect(detail.text).toContain('Which day was it?');
    expect(detail.html).toContain('Which day was it?');

    const answer = await s.call('POST', `/api/v1/dev-mailbox/${kept.id}/answer`, { body: 'Last Tuesday, around noon.' }, admin);
    expect(answer.status).toBe(200);
    const { answerId, outcome } = await json<{ answerId: number; outcome: Record<string, unknown> }>(answer);
    expect(outcome).toEqual({ kind: 'threaded', ticketNumber: n, route: 'token', verified: true, autoReply: false });
    const ev = await s.eventually(async () => (await events(n)).find((e) => e.type === 'email_in'));
    expect((ev.data as { body: string }).body).toBe('Last Tuesday, around noon.'); // the quoted original is stripped
    await s.eventually(async () => (await json<{ status: string }>(await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin))).status === 'in_progress');

    // The answer is a real RFC 5322 reply, kept beside the original.
    const [row] = await s.database.db.select().from(devMailbox).where(eq(devMailbox.id, answerId));
    expect(row.direction).toBe('answered');
    const raw = await simpleParser(row.raw);
    expect(raw.from?.value[0].address).toBe('uma@example.com');
    expect(raw.to && !Array.isArray(raw.to) ? raw.to.value[0].address : null).toBe(`support+${replyToken}@closeloop.test`);
    expect(raw.subject).toBe(`Re: ${kept.subject}`);
    expect(raw.inReplyTo).toBe(kept.messageId);
    expect(raw.references).toContain(kept.messageId);
    expect(raw.text).toMatch(/^Last Tuesday, around noon\.\n\nOn .+ wrote:\n\n> Which day was it\?/);
  });

  it('an answer from another address is an unverified internal note; bad input is refused', async () => {
    const n = await ticket('dm-2', 'vic@example.com');
    await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Can you call us?', visibility: 'public' }, admin);
    const kept = await s.eventually(async () => (await list()).find((m) => m.to.includes('vic@example.com')));
    const res = await s.call('POST', `/api/v1/dev-mailbox/${kept.id}/answer`, { body: 'I am his colleague.', from: 'colleague@example.com' }, admin);
    expect((await json<{ outcome: { verified: boolean } }>(res)).outcome.verified).toBe(false);
    const note = await s.eventually(async () => (await events(n)).find((e) => e.type === 'comment' && (e.data as { unverifiedSender?: boolean }).unverifiedSender));
    expect((note.data as { body: string }).body).toBe('I am his colleague.');
    expect((await s.call('POST', `/api/v1/dev-mailbox/${kept.id}/answer`, { body: '   ' }, admin)).status).toBe(400);
    expect((await s.call('POST', `/api/v1/dev-mailbox/${kept.id}/answer`, { body: 'x', from: 'not-an-address' }, admin)).status).toBe(400);
    expect((await s.call('POST', '/api/v1/dev-mailbox/999999/answer', { body: 'x' }, admin)).status).toBe(404);
    expect((await s.call('GET', '/api/v1/dev-mailbox/999999', undefined, admin)).status).toBe(404);
  });

  it('survives a restart of its SMTP server (the mail is in Postgres) and is off when SMTP_URL is set', async () => {
    const before = await list();
    await s.devMailbox!.close();
    const again = await startDevMailbox(s.database.db, { log: () => undefined });
    const mailer = createMailer({ smtpUrl: again.url, from: 'support@closeloop.test' });
    await mailer.sendMail({ to: 'wes@example.com', subject: 'After the restart', text: 'hello', messageId: '<restart-1@closeloop.test>' });
    mailer.close();
    await again.close();
    const after = await list();
    expect(after.map((m) => m.id)).toEqual([expect.any(Number), ...before.map((m) => m.id)]);
    expect(after[0]).toMatchObject({ subject: 'After the restart', to: ['wes@example.com'], messageId: '<restart-1@closeloop.test>', direction: 'sent' });

    const off = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: { ...s.config, devMailbox: false } });
    const headers = { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' };
    expect(await json(await off.request('/api/v1/dev-mailbox', { headers }))).toEqual({ enabled: false, items: [] });
    expect((await off.request(`/api/v1/dev-mailbox/${after[0].id}/answer`, { method: 'POST', headers, body: JSON.stringify({ body: 'x' }) })).status).toBe(404);
  });
});
