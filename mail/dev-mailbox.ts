// Embedded mode's mailbox: without SMTP_URL the app sends to this SMTP server on loopback, which keeps
// every message in Postgres (it survives restarts, and every API process lists the same mail). An
// admin can answer a kept message as the customer: a real RFC 5322 reply, handled by exactly the
// same inbound code as mail read over IMAP.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { desc, eq } from 'drizzle-orm';
import { simpleParser, type AddressObject } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { SMTPServer } from 'smtp-server';
import type { Db } from '../db/client';
import { devMailbox } from '../db/schema';
import { handleInboundMail, type InboundDeps, type InboundOutcome } from './inbound';
import { log as logFor } from '../platform/logger';

const devLog = logFor('dev-mailbox');

export const DEV_MAILBOX_MAX_BYTES = 25 * 1024 * 1024;

export interface DevMailbox {
  url: string; // smtp://127.0.0.1:<port>
  close(): Promise<void>;
}

const firstAddress = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a[0] : a)?.value[0]?.address ?? null;

/** Keeps one raw message; the row is written before the SMTP server says 250, so nothing acknowledged is lost. */
export async function keepMessage(db: Db, raw: Buffer, envelope: { from: string | null; to: string[] }, direction: 'sent' | 'answered'): Promise<number> {
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const [row] = await db
    .insert(devMailbox)
    .values({ direction, messageId: parsed.messageId ?? null, envelopeFrom: envelope.from, envelopeTo: envelope.to, subject: parsed.subject ?? null, raw })
    .returning({ id: devMailbox.id });
  return row.id;
}

export async function startDevMailbox(db: Db, opts: { port?: number; log?: (msg: string) => void } = {}): Promise<DevMailbox> {
  const log = opts.log ?? ((m: string) => devLog.warn(m));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: DEV_MAILBOX_MAX_BYTES,
    logger: false,
    banner: 'Closeloop dev mailbox',
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large for the dev mailbox'), { responseCode: 552 }));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        keepMessage(db, Buffer.concat(chunks), { from, to: session.envelope.rcptTo.map((r) => r.address) }, 'sent').then(
          () => callback(),
          (e: Error) => {
            log(`[dev-mailbox] could not keep a message: ${e.message}`);
            callback(Object.assign(new Error('Temporary failure keeping the message'), { responseCode: 451 })); // the sender retries
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface DevMailSummary {
  id: number;
  direction: 'sent' | 'answered';
  messageId: string | null;
  from: string | null;
  to: string[];
  subject: string | null;
  receivedAt: string;
}

export async function listDevMail(db: Db, limit: number, offset: number): Promise<DevMailSummary[]> {
  const rows = await db
    .select({ id: devMailbox.id, direction: devMailbox.direction, messageId: devMailbox.messageId, from: devMailbox.envelopeFrom, to: devMailbox.envelopeTo, subject: devMailbox.subject, receivedAt: devMailbox.receivedAt })
    .from(devMailbox)
    .orderBy(desc(devMailbox.id))
    .limit(limit)
    .offset(offset);
  return rows.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() }));
}

export type DevMailDetail = NonNullable<Awaited<ReturnType<typeof readDevMail>>>;

export async function readDevMail(db: Db, id: number) {
  const [row] = await db.select().from(devMailbox).where(eq(devMailbox.id, id));
  if (!row) return null;
  const m = await simpleParser(row.raw);
  const summary: DevMailSummary = { id: row.id, direction: row.direction, messageId: row.messageId, from: row.envelopeFrom, to: row.envelopeTo, subject: row.subject, receivedAt: row.receivedAt.toISOString() };
  return {
    ...summary,
    headers: Object.fromEntries(m.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])),
    replyTo: firstAddress(m.replyTo),
    text: m.text ?? '',
    html: typeof m.html === 'string' ? m.html : null,
    raw: row.raw.toString('utf8'),
  };
}

/** A reply the way a mail client writes one: threaded headers, the answer on top, the original quoted below. */
export async function composeCustomerReply(original: Buffer, answer: { body: string; from?: string }): Promise<Buffer> {
  const m = await simpleParser(original);
  const customer = answer.from ?? firstAddress(m.to);
  const support = firstAddress(m.replyTo) ?? firstAddress(m.from);
  if (!customer || !support) throw new Error('the message has no recipient or sender to answer');
  const refs = [...(Array.isArray(m.references) ? m.references : m.references ? [m.references] : []), ...(m.messageId ? [m.messageId] : [])];
  const when = (m.date ?? new Date()).toUTCString();
  const quoted = (m.text ?? '').trimEnd().split('\n').map((l) => `> ${l}`).join('\n');
  const text = `${answer.body.trim()}\n\nOn ${when}, ${m.from?.text ?? support} wrote:\n\n${quoted}\n`;
  const domain = customer.split('@')[1] ?? 'customer.invalid';
  const composer = new MailComposer({
    from: customer,
    to: support,
    subject: /^re:/i.test(m.subject ?? '') ? m.subject : `Re: ${m.subject ?? ''}`,
    text,
    messageId: `<${randomBytes(12).toString('hex')}@${domain}>`,
    date: new Date(),
    ...(m.messageId ? { inReplyTo: m.messageId } : {}),
    ...(refs.length ? { references: refs } : {}),
  });
  return composer.compile().build();
}

/** Answers a kept message as its recipient: keeps the answer beside it and runs the inbound handler on it. */
export async function answerAsCustomer(db: Db, id: number, answer: { body: string; from?: string }, inbound: InboundDeps): Promise<{ answerId: number; outcome: InboundOutcome } | null> {
  const [row] = await db.select({ raw: devMailbox.raw }).from(devMailbox).where(eq(devMailbox.id, id));
  if (!row) return null;
  const raw = await composeCustomerReply(row.raw, answer);
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true });
  const answerId = await keepMessage(db, raw, { from: firstAddress(parsed.from), to: [firstAddress(parsed.to as AddressObject) ?? ''] }, 'answered');
  return { answerId, outcome: await handleInboundMail(raw, inbound) };
}
