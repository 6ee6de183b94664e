// One inbound mail → its effect: a customer message signalled to the ticket it answers, or new
// feedback on the email channel when it answers none. Safe to repeat: the ticket dedupes by
// Message-ID and the intake workflow id is derived from it.
import { createHash } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import type { Db } from '../../db/client';
import { tickets } from '../../db/schema';
import { isAutoReply, stripQuotedReply, ticketNumberOf } from '../../domain/email-threading';
import type { NormalizedFeedback } from '../../domain/feedback';
import { feedbackIntakeWorkflow, ticketWorkflowId } from '../../workflows/intake';
import { customerMessageSignal } from '../../workflows/ticket-messages';

export interface InboundDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  mailDomain: string;
}

export type InboundOutcome = { kind: 'threaded'; ticketNumber: number; verified: boolean; autoReply: boolean } | { kind: 'new_feedback'; feedbackId: string };

const header = (v: unknown): string | null => (v == null ? null : typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : typeof v === 'object' && 'value' in (v as object) ? String((v as { value: unknown }).value) : String(v));

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
  const number = ticketNumberOf(h, deps.mailDomain);
  const [ticket] = number !== null ? await deps.db.select({ contact: tickets.contact }).from(tickets).where(eq(tickets.number, number)) : [];
  if (number !== null && ticket) {
    const verified = !!from && from === ticket.contact.email?.toLowerCase();
    await deps.temporal.workflow.getHandle(ticketWorkflowId(number)).signal(customerMessageSignal, {
      messageId,
      from,
      subject: mail.subject ?? null,
      body,
      verifiedSender: verified,
      autoReply,
      attachments: mail.attachments.map((a, i) => ({ id: `${i}`, filename: a.filename ?? `attachment-${i}`, contentType: a.contentType, size: a.size })),
      receivedAt: Date.now(),
    });
    return { kind: 'threaded', ticketNumber: number, verified, autoReply };
  }
  // Answers no ticket: it is feedback like any other, and the rules decide (a neutral capture with the text).
  const externalId = createHash('sha256').update(messageId).digest('hex').slice(0, 40);
  const feedbackId = `feedback-email-${externalId}`;
  const fb: NormalizedFeedback = { channel: 'email', type: 'smile', score: 1, comment: [mail.subject, body].filter(Boolean).join('\n\n').slice(0, 10_000) || undefined, contact: from ? { email: from } : undefined, externalId };
  if (autoReply) return { kind: 'new_feedback', feedbackId: '' };
  try {
    await deps.temporal.workflow.start(feedbackIntakeWorkflow, { taskQueue: deps.taskQueue, workflowId: feedbackId, args: [feedbackId, fb, Date.now()], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  return { kind: 'new_feedback', feedbackId };
}
