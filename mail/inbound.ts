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
import { tickets } from '../db/schema';
import { isAutoReply, REPLY_TOKEN, replyTokenIn, stripQuotedReply, ticketNumberFromReferences, ticketNumberFromSubject } from '../domain/email-threading';
import { feedbackIdFor, type NormalizedFeedback } from '../domain/feedback';
import { ticketWorkflowId, type CustomerMessage } from '../domain/ticket';
import type { Config } from '../platform/config';
import { startWorkflowOnce } from '../platform/temporal';
import { followUpIntakeWorkflow } from '../workflows/follow-up';
import { feedbackIntakeWorkflow } from '../workflows/intake';
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
  const mail = await simpleParser(raw);
  const messageId = mail.messageId ?? `<sha256-${createHash('sha256').update(raw).digest('hex')}@inbound>`;
  const from = mail.from?.value[0]?.address?.toLowerCase() ?? null;
  const h = {
    subject: mail.subject ?? null,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references ?? null,
    autoSubmitted: header(mail.headers.get('auto-submitted')),
    precedence: header(mail.headers.get('precedence')),
  };
  const dsn = /multipart\/report/i.test(header(mail.headers.get('content-type')) ?? '');
  const autoReply = dsn || isAutoReply(h);
  const body = stripQuotedReply(mail.text ?? '');

  const found = await findTicket(mail, h, deps);
  if (found) {
    const verified = !!from && from === found.contactEmail?.toLowerCase();
    const finalClose = found.status === 'closed' && (await closedForGood(found.number, deps));
    if (!finalClose) {
      const msg: CustomerMessage = { messageId, from, subject: mail.subject ?? null, body, verifiedSender: verified, autoReply, attachments: await keepAttachments(mail, found.number, messageId, deps), receivedAt: Date.now() };
      try {
        await deps.temporal.workflow.getHandle(ticketWorkflowId(found.number)).signal(customerMessageSignal, msg);
        return { kind: 'threaded', ticketNumber: found.number, route: found.route, verified, autoReply };
      } catch (e) {
        if (!(e instanceof WorkflowNotFoundError)) throw e; // Temporal unreachable: the reader retries the message
      }
    }
    // Closed for good: never touched again. An answer from its customer continues it in a new ticket.
    if (autoReply) return { kind: 'ignored', reason: `auto-reply to closed ticket #${found.number}` };
    if (verified) return startIntake(followUpIntakeWorkflow, messageId, feedbackOf(mail, body, from), deps, found.number);
  }
  // Answers no ticket: it is feedback like any other, and the rules decide (a neutral capture with the text).
  if (autoReply) return { kind: 'ignored', reason: 'auto-reply that answers no open ticket' };
  return startIntake(feedbackIntakeWorkflow, messageId, feedbackOf(mail, body, from), deps);
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

function feedbackOf(mail: ParsedMail, body: string, from: string | null): NormalizedFeedback {
  return { channel: 'email', type: 'smile', score: 1, comment: [mail.subject, body].filter(Boolean).join('\n\n').slice(0, 10_000) || undefined, contact: from ? { email: from } : undefined };
}

async function startIntake(
  workflow: typeof feedbackIntakeWorkflow | typeof followUpIntakeWorkflow,
  messageId: string,
  fb: NormalizedFeedback,
  deps: InboundDeps,
  linkedTicketNumber?: number,
): Promise<InboundOutcome> {
  const externalId = createHash('sha256').update(messageId).digest('hex').slice(0, 40);
  const feedbackId = feedbackIdFor('email', externalId);
  const args = [feedbackId, { ...fb, externalId }, Date.now(), ...(linkedTicketNumber !== undefined ? [linkedTicketNumber] : [])] as Parameters<typeof followUpIntakeWorkflow>;
  await startWorkflowOnce(deps.temporal, workflow as typeof followUpIntakeWorkflow, { taskQueue: deps.taskQueue, workflowId: feedbackId, args });
  return linkedTicketNumber !== undefined ? { kind: 'follow_up', linkedTicketNumber, feedbackId } : { kind: 'new_feedback', feedbackId };
}
