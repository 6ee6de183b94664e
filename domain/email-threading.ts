// How outgoing mail is tagged and how an inbound answer finds its ticket. Pure.
import { escapeRegExp } from './regexp';

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

/** Out-of-office and other machine mail must not reopen or bounce a ticket around (RFC 3834). */
export function isAutoReply(h: InboundHeaders): boolean {
  if (h.autoSubmitted && h.autoSubmitted.toLowerCase() !== 'no') return true;
  if (h.precedence && /^(auto_reply|bulk|junk|list)$/i.test(h.precedence.trim())) return true;
  if (h.xAutoResponseSuppress) return false;
  return /^(auto(matic)?[ -]?reply|out of (the )?office|abwesenheit)/i.test(h.subject ?? '');
}

// ---- what the customer wrote: the reply without the quoted history and the signature ----

// "On Mon, 23 Nov 2026 at 09:00, Support <s@x> wrote:" (Gmail, Apple Mail, Thunderbird) and the usual
// translations; Gmail wraps a long attribution over two or three lines, so it is matched joined.
const ATTRIBUTION = [/^On\b.{0,300}\bwrote:$/i, /^Am\b.{0,300}\bschrieb.{0,200}:$/i, /^Le\b.{0,300}\ba écrit\s?:$/i, /^El\b.{0,300}\bescribió:$/i, /^Op\b.{0,300}\bschreef.{0,200}:$/i];
const ORIGINAL_MESSAGE = /^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}/i;
const OUTLOOK_RULE = /^_{10,}$/;
// Outlook's header block of the quoted mail: "From: …" followed by "Sent:"/"Date:", "To:", "Subject:".
const HEADER_FROM = /^\*?(From|Von|De):\*?\s/i;
const HEADER_FOLLOW = /^\*?(Sent|Date|To|Subject|Cc|Gesendet|Datum|An|Betreff|Envoyé|À|Objet):\*?\s/i;
const SIGNATURE_DELIMITER = /^-- ?$/; // RFC 3676 "-- " (some clients drop the trailing space)
const MOBILE_SIGNATURE = [
  /^Sent from my \w+/i,
  /^Sent from (Mail|Outlook|Yahoo Mail|Gmail)\b/i,
  /^Get Outlook for (iOS|Android)/i,
  /^Sent with Proton Mail/i,
  /^(Von meinem \w+ gesendet|Envoyé de mon \w+|Enviado desde mi \w+|Verzonden vanaf mijn \w+)/i,
];

function quoteStartsAt(lines: string[], i: number): boolean {
  const line = lines[i].trim();
  if (ORIGINAL_MESSAGE.test(line)) return true;
  if (OUTLOOK_RULE.test(line) && lines.slice(i + 1, i + 3).some((l) => HEADER_FROM.test(l.trim()))) return true;
  if (HEADER_FROM.test(line)) {
    const next = lines.slice(i + 1, i + 5).map((l) => l.trim());
    if (next.filter((l) => HEADER_FOLLOW.test(l)).length >= 2) return true;
  }
  // An attribution, possibly wrapped over up to three lines and possibly followed by quoted lines.
  if (/^(On|Am|Le|El|Op)\b/i.test(line)) {
    for (let n = 1; n <= 3 && i + n <= lines.length; n++) {
      const joined = lines.slice(i, i + n).map((l) => l.trim()).join(' ');
      if (ATTRIBUTION.some((re) => re.test(joined))) return true;
    }
  }
  return false;
}

/** Drops the quoted history and the signature so the timeline shows what the customer wrote. */
export function stripQuotedReply(body: string): string {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const hasText = out.some((l) => l.trim() !== '');
    // A mail that is nothing but a quote (a bare forward) keeps it: there is nothing else to show.
    if (hasText && quoteStartsAt(lines, i)) break;
    if (hasText && (SIGNATURE_DELIMITER.test(line) || MOBILE_SIGNATURE.some((re) => re.test(line.trim())))) break;
    if (line.startsWith('>')) continue; // quoted lines of an interleaved answer
    out.push(line);
  }
  return out.join('\n').trim();
}
