// One inbound mail → its effect: a customer message signalled to the ticket it answers, a follow-up
// ticket when that ticket is closed for good, or new feedback on the email channel when it answers
// none. Safe to repeat: the ticket dedupes by Message-ID, attachment rows and the intake workflow id
// are derived from it.
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { storeAttachment } from '../db/attachments';
import type { Db } from '../db/client';
import { ticketAttachments, tickets } from '../db/schema';
import { REPLY_TOKEN, replyTokenIn, ticketNumberFromReferences, ticketNumberFromSubject } from '../domain/email-threading';
import { extractReply } from '../domain/reply-extraction';
import { automaticMail } from '../domain/reply-extraction/auto-reply';
import { feedbackIdFor, type NormalizedFeedback } from '../domain/feedback';
import { scrubDeep, scrubText } from '../domain/text';
import { log } from '../platform/logger';
import { ticketWorkflowId, type CustomerMessage } from '../domain/ticket';
import type { Config } from '../platform/config';
import { startWorkflowOnce } from '../platform/temporal';
import { followUpIntakeWorkflow } from '../workflows/follow-up';
import { feedbackIntakeWorkflow, intakeArgs } from '../workflows/intake';
import { customerMessageSignal, ticketStateQuery } from '../workflows/ticket-messages';

export const DEFAULT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export interface InboundDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  mailDomain: string;
  /** The support address (MAIL_FROM): answers to its plus-addresses carry a ticket's reply token. */
  mailFrom?: string;
  /** Attachments above this size are listed on the ticket but not stored. */
  attachmentMaxBytes?: number;
}

/** The inbound handler's dependencies in a process configured by platform/config.ts. */
export function inboundDepsFromConfig(config: Pick<Config, 'TEMPORAL_TASK_QUEUE' | 'MAIL_FROM' | 'mailDomain' | 'MAIL_ATTACHMENT_MAX_BYTES'>, db: Db, temporal: Client): InboundDeps {
  return { db, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, mailFrom: config.MAIL_FROM, mailDomain: config.mailDomain, attachmentMaxBytes: config.MAIL_ATTACHMENT_MAX_BYTES };
}

export type ThreadRoute = 'token' | 'references' | 'subject';
export type InboundOutcome =
  | { kind: 'threaded'; ticketNumber: number; route: ThreadRoute; verified: boolean; autoReply: boolean }
  | { kind: 'follow_up'; linkedTicketNumber: number; feedbackId: string }
  | { kind: 'new_feedback'; feedbackId: string }
  | { kind: 'ignored'; reason: string };

const header = (v: unknown): string | null => (v == null ? null : typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : typeof v === 'object' && 'value' in (v as object) ? String((v as { value: unknown }).value) : String(v));

/** The raw recipient header lines a reply token may sit in (a forwarding mailbox keeps it in Delivered-To). */
const recipientLines = (mail: ParsedMail) => mail.headerLines.filter((h) => ['to', 'cc', 'delivered-to', 'x-original-to', 'envelope-to'].includes(h.key)).map((h) => h.line);

export async function handleInboundMail(raw: Buffer, deps: InboundDeps): Promise<InboundOutcome> {
  const { mail, replaced } = safeMail(await simpleParser(raw));
  const messageId = mail.messageId ?? `<sha256-${createHash('sha256').update(raw).digest('hex')}@inbound>`;
  const from = scrubText(mail.from?.value[0]?.address?.toLowerCase() ?? '') || null;
  if (replaced) log('mail').warn({ messageId: scrubText(messageId) }, 'inbound mail had NUL or unpaired surrogates: replaced by U+FFFD');
  const h = {
    subject: mail.subject ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references ?? null,
    autoSubmitted: header(mail.headers.get('auto-submitted')),
    precedence: header(mail.headers.get('precedence')),
  };
  // ---- issue 16: machine mail by its headers, the customer's words HTML first ----
  const autoReply = automaticMail({ ...h, xAutoreply: header(mail.headers.get('x-autoreply')), xAutorespond: header(mail.headers.get('x-autorespond')), contentType: contentTypeOf(mail), from }) !== null;
  const reply = extractReply({ text: mail.text, html: typeof mail.html === 'string' ? mail.html : null, subject: mail.subject });
  const body = reply.body;
  const quoted = reply.quoted.slice(0, QUOTED_MAX_CHARS) || undefined;
  // ---- end issue 16 ----

  const found = await findTicket(mail, h, deps);
  if (found) {
    const verified = !!from && from === found.contactEmail?.toLowerCase();
    const finalClose = found.status === 'closed' && (await closedForGood(found.number, deps));
    if (!finalClose) {
      const attachments = [...(await keepAttachments(mail, found.number, messageId, deps)), await keepOriginal(raw, found.number, messageId, deps)]; // issue 16: + the raw original
      const msg: CustomerMessage = { messageId, from, subject: mail.subject ?? null, body, quoted, verifiedSender: verified, autoReply, attachments, receivedAt: Date.now(), ...(replaced ? { textReplaced: true } : {}) };
      try {
        await deps.temporal.workflow.getHandle(ticketWorkflowId(found.number)).signal(customerMessageSignal, msg);
        return { kind: 'threaded', ticketNumber: found.number, route: found.route, verified, autoReply };
      } catch (e) {
        if (!(e instanceof WorkflowNotFoundError)) throw e; // Temporal unreachable: the reader retries the message
      }
    }
    // Closed for good: never touched again. An answer from its customer continues it in a new ticket.
    if (autoReply) return { kind: 'ignored', reason: `auto-reply to closed ticket #${found.number}` };
    if (verified) return startIntake(messageId, feedbackOf(mail, body, from), deps, found.number);
  }
  // Answers no ticket: it is feedback like any other, and the rules decide (a neutral capture with the text).
  if (autoReply) return { kind: 'ignored', reason: 'auto-reply that answers no open ticket' };
  return startIntake(messageId, feedbackOf(mail, body, from), deps);
}

interface FoundTicket {
  number: number;
  route: ThreadRoute;
  status: string;
  contactEmail: string | undefined;
}

/** Reply token first (it survives changed subjects and stripped references), then our Message-IDs, then the subject tag. */
async function findTicket(mail: ParsedMail, h: { subject: string | null; inReplyTo: string | null; references: string | string[] | null }, deps: InboundDeps): Promise<FoundTicket | null> {
  const cols = { number: tickets.number, status: tickets.status, contact: tickets.contact };
  const token = deps.mailFrom ? replyTokenIn(recipientLines(mail), deps.mailFrom) : null;
  if (token && REPLY_TOKEN.test(token)) {
    const [row] = await deps.db.select(cols).from(tickets).where(eq(tickets.replyToken, token));
    if (row) return { number: row.number, route: 'token', status: row.status, contactEmail: row.contact.email };
  }
  for (const [route, number] of [
    ['references', ticketNumberFromReferences(h, deps.mailDomain)],
    ['subject', ticketNumberFromSubject(h.subject)],
  ] as const) {
    if (number === null) continue;
    const [row] = await deps.db.select(cols).from(tickets).where(eq(tickets.number, number));
    if (row) return { number: row.number, route, status: row.status, contactEmail: row.contact.email };
  }
  return null;
}

/** A closed ticket listens for a while (its reopen window); its workflow says whether it still may reopen. */
async function closedForGood(number: number, deps: InboundDeps): Promise<boolean> {
  try {
    const view = await deps.temporal.workflow.getHandle(ticketWorkflowId(number)).query(ticketStateQuery);
    return view.status === 'closed' && !view.allowedTransitions.includes('reopened');
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return true; // past Temporal's retention
    throw e;
  }
}

/** Stores each attachment (content only up to the cap) before the ticket hears of it. */
async function keepAttachments(mail: ParsedMail, ticketNumber: number, messageId: string, deps: InboundDeps): Promise<CustomerMessage['attachments']> {
  const cap = deps.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  const out: CustomerMessage['attachments'] = [];
  for (const [i, a] of mail.attachments.entries()) {
    const id = createHash('sha256').update(`${messageId}\u0000${i}`).digest('hex').slice(0, 32);
    const size = a.size ?? a.content.length;
    const stored = size <= cap;
    const filename = [...(a.filename ?? `attachment-${i + 1}`)].map((ch) => (ch < ' ' || ch === '/' || ch === '\\' ? '_' : ch)).join('').slice(0, 255);
    await storeAttachment(deps.db, { id, ticketNumber, messageId, filename, contentType: a.contentType || 'application/octet-stream', size, content: stored ? a.content : null });
    out.push({ id, filename, contentType: a.contentType || 'application/octet-stream', size, stored });
  }
  return out;
}

// ---- issue 16: the raw original, and mail that cannot be read ----

/** Quoted history kept on the timeline event: enough to read, small for the workflow history (the original has all). */
export const QUOTED_MAX_CHARS = 8_000;
export const ORIGINAL_FILENAME = 'original-message.eml';

/** The top-level Content-Type with its parameters (report-type tells a DSN from a read receipt). */
function contentTypeOf(mail: ParsedMail): string | null {
  const ct = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | string | undefined;
  if (!ct || typeof ct === 'string') return ct ?? null;
  return [ct.value, ...Object.entries(ct.params ?? {}).map(([k, v]) => `${k}=${v}`)].join('; ');
}

/** The whole message as it arrived, kept beside its attachments: downloadable from the ticket. */
async function keepOriginal(raw: Buffer, ticketNumber: number, messageId: string, deps: InboundDeps): Promise<CustomerMessage['attachments'][number]> {
  const id = createHash('sha256').update(`${messageId}\u0000original`).digest('hex').slice(0, 32);
  await deps.db
    .insert(ticketAttachments)
    .values({ id, ticketNumber, messageId, filename: ORIGINAL_FILENAME, contentType: 'message/rfc822', size: raw.length, content: raw, kind: 'original' })
    .onConflictDoNothing();
  return { id, filename: ORIGINAL_FILENAME, contentType: 'message/rfc822', size: raw.length, stored: true, original: true };
}

/** The header lines of a raw message read without a MIME parser (which may be what fails on it). */
function rawHeaders(raw: Buffer): Map<string, string[]> {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  const out = new Map<string, string[]>();
  for (const line of (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([\w-]+):\s*(.*)$/.exec(line);
    if (m) out.set(m[1].toLowerCase(), [...(out.get(m[1].toLowerCase()) ?? []), m[2]]);
  }
  return out;
}

/**
 * A message the reader gave up on (it failed or overran its budget every time): recorded so nobody waits
 * for it in vain — on its ticket's timeline with the original attached, else as email feedback.
 */
export async function recordUnreadableMail(raw: Buffer, reason: string, deps: InboundDeps): Promise<InboundOutcome> {
  const hs = rawHeaders(raw);
  const one = (k: string) => hs.get(k)?.[0] ?? null;
  // Our own id: the message's Message-ID may be what made it fail.
  const messageId = `<unreadable-${createHash('sha256').update(raw).digest('hex').slice(0, 40)}@inbound>`;
  const from = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(one('from') ?? '')?.[0]?.toLowerCase() ?? null;
  const subject = one('subject') === null ? null : scrubText(one('subject')!);
  const h = { subject, inReplyTo: one('in-reply-to'), references: one('references') };
  const recipients = ['to', 'cc', 'delivered-to', 'x-original-to', 'envelope-to'].flatMap((k) => (hs.get(k) ?? []).map((v) => `${k}: ${v}`));
  const token = deps.mailFrom ? replyTokenIn(recipients, deps.mailFrom) : null;
  const cols = { number: tickets.number, contact: tickets.contact };
  const byReference = ticketNumberFromReferences(h, deps.mailDomain);
  const number = byReference ?? ticketNumberFromSubject(subject);
  const [row] = token && REPLY_TOKEN.test(token) ? await deps.db.select(cols).from(tickets).where(eq(tickets.replyToken, token)) : number !== null ? await deps.db.select(cols).from(tickets).where(eq(tickets.number, number)) : [];
  const note = `This e-mail could not be read automatically (${reason}). The original message is attached.`;
  if (row) {
    const original = await keepOriginal(raw, row.number, messageId, deps);
    const verified = !!from && from === row.contact.email?.toLowerCase();
    // autoReply: the note is ours, not the customer's words — it must not move the status or reach the AI.
    const msg: CustomerMessage = { messageId, from, subject, body: note, verifiedSender: verified, autoReply: true, attachments: [original], receivedAt: Date.now() };
    try {
      await deps.temporal.workflow.getHandle(ticketWorkflowId(row.number)).signal(customerMessageSignal, msg);
      return { kind: 'threaded', ticketNumber: row.number, route: token ? 'token' : byReference !== null ? 'references' : 'subject', verified, autoReply: true };
    } catch (e) {
      if (!(e instanceof WorkflowNotFoundError)) throw e;
    }
  }
  return startIntake(messageId, { channel: 'email', type: 'smile', score: 1, comment: [subject, note].filter(Boolean).join('\n\n'), contact: from ? { email: from } : undefined }, deps);
}
// ---- end issue 16 ----

/**
 * The parsed mail with NUL and lone surrogates replaced in every text we read from it (Postgres refuses
 * them, and a ticket that cannot save its timeline would stall): a customer's mail is never refused for
 * them, and `replaced` says it was changed (the timeline event and a log line record it).
 */
function safeMail(parsed: ParsedMail): { mail: ParsedMail; replaced: boolean } {
  const texts = { subject: parsed.subject, text: parsed.text, html: typeof parsed.html === 'string' ? parsed.html : undefined, messageId: parsed.messageId, inReplyTo: parsed.inReplyTo, references: parsed.references };
  const names = parsed.attachments.map((a) => a.filename);
  const clean = scrubDeep({ texts, names });
  if (!clean.replaced) return { mail: parsed, replaced: false };
  const { html, ...rest } = clean.value.texts;
  const attachments = parsed.attachments.map((a, i) => ({ ...a, filename: clean.value.names[i] }));
  return { mail: { ...parsed, ...rest, ...(html !== undefined ? { html } : {}), attachments }, replaced: true };
}

function feedbackOf(mail: ParsedMail, body: string, from: string | null): NormalizedFeedback {
  return { channel: 'email', type: 'smile', score: 1, comment: [mail.subject, body].filter(Boolean).join('\n\n').slice(0, 10_000) || undefined, contact: from ? { email: from } : undefined };
}

/** A new feedback's intake, or with `linkedTicketNumber` the follow-up of that closed ticket. */
async function startIntake(messageId: string, fb: NormalizedFeedback, deps: InboundDeps, linkedTicketNumber?: number): Promise<InboundOutcome> {
  const externalId = createHash('sha256').update(messageId).digest('hex').slice(0, 40);
  const feedbackId = feedbackIdFor('email', externalId);
  const feedback = { ...fb, externalId };
  const options = { taskQueue: deps.taskQueue, workflowId: feedbackId };
  if (linkedTicketNumber !== undefined) {
    await startWorkflowOnce(deps.temporal, followUpIntakeWorkflow, { ...options, args: [feedbackId, feedback, Date.now(), linkedTicketNumber] });
    return { kind: 'follow_up', linkedTicketNumber, feedbackId };
  }
  await startWorkflowOnce(deps.temporal, feedbackIntakeWorkflow, { ...options, args: intakeArgs(feedbackId, feedback, Date.now()) });
  return { kind: 'new_feedback', feedbackId };
}
