// How outgoing mail is tagged and how an inbound answer finds its ticket. Pure.
import { escapeRegExp } from './regexp';
import { automaticMail, type AutomaticMailHeaders } from './reply-extraction/auto-reply';
import { extractReply } from './reply-extraction';
export const subjectTag = (ticketNumber: number) => `[#${ticketNumber}]`;

export function replySubject(ticketNumber: number, title: string): string {
  const t = title.replace(/^\s*(re|fwd?):\s*/i, '');
  return (t.includes(subjectTag(ticketNumber)) ? t : `${subjectTag(ticketNumber)} ${t}`).slice(0, 200);
}

/** Message-ID of the seq-th timeline event of a ticket: stable, so a retried send keeps its id. */
export const ticketMessageId = (ticketNumber: number, seq: number | string, domain: string) => `<ticket-${ticketNumber}-${seq}@${domain}>`;

// ---- reply tokens: support+<token>@domain in Reply-To, so an answer finds its ticket whatever the
// customer's client does to the subject and the references ----

/** 128 random bits as 32 lower-case hex digits: survives mail systems that fold the local part's case. */
export const REPLY_TOKEN = /^[0-9a-f]{32}$/;

/** The plus-address that carries a ticket's reply token, built on the configured sender address. */
export function replyAddress(mailFrom: string, token: string): string {
  const at = mailFrom.lastIndexOf('@');
  const local = mailFrom.slice(0, at).replace(/\+.*$/, '');
  return `${local}+${token}@${mailFrom.slice(at + 1)}`;
}

/** The reply token in any of the recipient addresses (To, Cc, Delivered-To, X-Original-To), if one is ours. */
export function replyTokenIn(recipientHeaders: string[], mailFrom: string): string | null {
  const at = mailFrom.lastIndexOf('@');
  const local = mailFrom.slice(0, at).replace(/\+.*$/, '');
  const re = new RegExp(`(?:^|[\\s<,:;"])${escapeRegExp(local)}\\+([0-9a-f]{32})@${escapeRegExp(mailFrom.slice(at + 1))}(?=$|[\\s>,;"])`, 'i');
  for (const h of recipientHeaders) {
    const m = re.exec(h);
    if (m) return m[1].toLowerCase();
  }
  return null;
}

export interface InboundHeaders {
  subject?: string | null;
  inReplyTo?: string | null;
  references?: string | string[] | null;
  autoSubmitted?: string | null;
  precedence?: string | null;
  xAutoResponseSuppress?: string | null;
}

/** Our Message-IDs in In-Reply-To/References name the ticket. */
export function ticketNumberFromReferences(h: InboundHeaders, domain: string): number | null {
  const refs = [h.inReplyTo ?? '', ...(Array.isArray(h.references) ? h.references : [h.references ?? ''])].join(' ');
  const re = new RegExp(`<ticket-(\\d+)-[\\w.-]+@${escapeRegExp(domain)}>`, 'i');
  const byRef = re.exec(refs);
  return byRef ? Number(byRef[1]) : null;
}

export function ticketNumberFromSubject(subject: string | null | undefined): number | null {
  const bySubject = /\[#(\d+)\]/.exec(subject ?? '');
  return bySubject ? Number(bySubject[1]) : null;
}

/** The ticket an inbound mail answers: our Message-IDs in its references first, else the subject tag. */
export function ticketNumberOf(h: InboundHeaders, domain: string): number | null {
  return ticketNumberFromReferences(h, domain) ?? ticketNumberFromSubject(h.subject);
}

/** Out-of-office replies and bounces must not reopen or bounce a ticket around (see reply-extraction/auto-reply). */
export const isAutoReply = (h: InboundHeaders & AutomaticMailHeaders): boolean => automaticMail(h) !== null;

/** Drops the quoted history and the signature so the timeline shows what the customer wrote (plain text only; see reply-extraction). */
export const stripQuotedReply = (body: string): string => extractReply({ text: body }).body;
