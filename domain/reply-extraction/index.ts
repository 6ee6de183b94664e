// What the customer wrote in a reply, from any mail client and in any language: HTML first (the
// clients' own quote markers), plain-text rules as the fallback and for what the HTML left unmarked.
// Pure and linear in its input; input past the caps is not analysed (the raw message is kept whole).
import { cutHtml } from './html';
import { extractFromPlainText, type Extracted } from './plain';

/** Characters of text analysed; a longer mail keeps its first part as the body (the raw original has all). */
export const ANALYSED_TEXT_LIMIT = 100_000;
/** Characters of HTML parsed; a longer HTML part falls back to the text part. */
export const ANALYSED_HTML_LIMIT = 1_000_000;

export interface ReplyText extends Extracted {
  /** Part of the input was past the caps and not analysed. */
  truncated: boolean;
  source: 'html' | 'text';
}

export interface MailBodies {
  text?: string | null;
  html?: string | null;
  subject?: string | null;
}

const tidy = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\u00a0/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

export function extractReply({ text, html, subject }: MailBodies): ReplyText {
  const hasHtml = !!html && html.trim() !== '' && (html.length <= ANALYSED_HTML_LIMIT || !text);
  if (hasHtml) {
    const truncated = html!.length > ANALYSED_HTML_LIMIT;
    const cut = cutHtml(truncated ? html!.slice(0, ANALYSED_HTML_LIMIT) : html!, subject);
    const source = cut.forwarded ? cut.whole() : cut.text;
    const r = extractFromPlainText(source.slice(0, ANALYSED_TEXT_LIMIT), subject);
    const quoted = tidy([cut.quoted, r.quoted].filter(Boolean).join('\n\n'));
    if (!r.body || r.quoteOnly) return { body: tidy(cut.whole().slice(0, ANALYSED_TEXT_LIMIT)), quoted: '', forwarded: cut.forwarded, quoteOnly: true, truncated: truncated || source.length > ANALYSED_TEXT_LIMIT, source: 'html' };
    return { ...r, body: tidy(r.body), quoted, forwarded: cut.forwarded || r.forwarded, truncated: truncated || source.length > ANALYSED_TEXT_LIMIT, source: 'html' };
  }
  const t = text ?? '';
  const r = extractFromPlainText(t.slice(0, ANALYSED_TEXT_LIMIT), subject);
  return { ...r, body: tidy(r.body), quoted: tidy(r.quoted), truncated: t.length > ANALYSED_TEXT_LIMIT, source: 'text' };
}
