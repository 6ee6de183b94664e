// How outgoing mail is tagged and how an inbound answer finds its ticket. Pure.
export const subjectTag = (ticketNumber: number) => `[#${ticketNumber}]`;

export function replySubject(ticketNumber: number, title: string): string {
  return `${subjectTag(ticketNumber)} ${title.replace(/^\s*(re|fwd?):\s*/i, '')}`.slice(0, 200);
}

/** Message-ID of the seq-th timeline event of a ticket: stable, so a retried send keeps its id. */
export const ticketMessageId = (ticketNumber: number, seq: number | string, domain: string) => `<ticket-${ticketNumber}-${seq}@${domain}>`;

export interface InboundHeaders {
  subject?: string | null;
  inReplyTo?: string | null;
  references?: string | string[] | null;
  autoSubmitted?: string | null;
  precedence?: string | null;
  xAutoResponseSuppress?: string | null;
}

/** The ticket an inbound mail answers: our Message-IDs in its references first, else the subject tag. */
export function ticketNumberOf(h: InboundHeaders, domain: string): number | null {
  const refs = [h.inReplyTo ?? '', ...(Array.isArray(h.references) ? h.references : [h.references ?? ''])].join(' ');
  const re = new RegExp(`<ticket-(\\d+)-[\\w.-]+@${domain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`, 'i');
  const byRef = re.exec(refs);
  if (byRef) return Number(byRef[1]);
  const bySubject = /\[#(\d+)\]/.exec(h.subject ?? '');
  return bySubject ? Number(bySubject[1]) : null;
}

/** Out-of-office and other machine mail must not reopen or bounce a ticket around (RFC 3834). */
export function isAutoReply(h: InboundHeaders): boolean {
  if (h.autoSubmitted && h.autoSubmitted.toLowerCase() !== 'no') return true;
  if (h.precedence && /^(auto_reply|bulk|junk|list)$/i.test(h.precedence.trim())) return true;
  if (h.xAutoResponseSuppress) return false;
  return /^(auto(matic)?[ -]?reply|out of (the )?office|abwesenheit)/i.test(h.subject ?? '');
}

/** Drops the quoted history below a reply so the timeline shows what the customer wrote. */
export function stripQuotedReply(body: string): string {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    if (/^On .+wrote:\s*$/.test(line) || /^-{2,}\s*Original Message\s*-{2,}/i.test(line) || /^From: .+/.test(line) && out.length > 0) break;
    if (line.startsWith('>')) continue;
    out.push(line);
  }
  return out.join('\n').trim();
}
