// The customer's words in a plain-text reply. One pass over the lines with a lookahead of a few lines:
// quoted blocks are removed where they are (so a bottom-posted or interleaved answer keeps every line),
// an unprefixed quote (Outlook, Yahoo, "On … wrote:" without ">") runs to the end, a forward is kept
// with its label, a quote-only reply keeps the quote, and a signature goes only where it ends the text.
import {
  FORWARD_SUBJECT,
  HEADER_ANY,
  HEADER_FROM,
  HEADER_SENT,
  isAttribution,
  isForwardMarker,
  isMobileFooter,
  isOriginalMessageSeparator,
  isOutlookMobileSeparator,
  mayStartAttribution,
  OUTLOOK_RULE,
  SIGNATURE_DELIMITER,
} from './patterns';

export interface Extracted {
  /** What the customer wrote. */
  body: string;
  /** What was cut as quoted history (for "show quoted text"). */
  quoted: string;
  forwarded: boolean;
  quoteOnly: boolean;
}

/** Lines longer than this are only tested on their start: no pattern ever scans a whole huge line. */
const LINE_TEST_CHARS = 1000;
const MAX_ATTRIBUTION_LINES = 5;
const MAX_SIGNATURE_LINES = 12;

const QUOTED = /^\s*>/;
// ">>> >>> http://x <<<" is a link banner, not a quote (talon's false positive).
const isQuoted = (l: string) => QUOTED.test(l) && !/<<<\s*$/.test(l);
const isBlank = (l: string) => l.trim() === '';
const unquote = (l: string) => l.replace(/^\s*(?:>\s?)+/, '');

/** "reply On Wed, Apr 4, 2012 at 3:59 PM, bob@x wrote:" — an attribution glued to the end of a reply line. */
function splitGluedAttribution(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const m = line.length < LINE_TEST_CHARS && line.includes('wrote:') && /wrote:\s*$/.test(line) && !/^\s*On\s/.test(line) ? /^(.*?\S)[\s-]*(On\s.{5,250}wrote:)\s*$/.exec(line) : null;
    if (m && isAttribution(m[2])) out.push(m[1], m[2]);
    else out.push(line);
  }
  return out;
}

/** The attribution starting at line i, as the number of lines it spans (0 when there is none). */
function attributionAt(lines: string[], i: number): number {
  const first = lines[i].slice(0, LINE_TEST_CHARS);
  if (!mayStartAttribution(first)) return 0;
  // A wrapped attribution continues its first line; a finished sentence is the customer's, not its start.
  const mayWrap = !/[.!?]$/.test(first.trim());
  // Polymail leaves a blank line inside its attribution ("On … PM John Smith\n\n<\nmailto:…> wrote:").
  const mayCrossBlank = mayWrap && /^\s*On\s.*\d/.test(first);
  let joined = '';
  for (let k = 0; k < MAX_ATTRIBUTION_LINES && i + k < lines.length; k++) {
    const next = lines[i + k].slice(0, LINE_TEST_CHARS).trim();
    if (k > 0 && (!mayWrap || (!next && !mayCrossBlank))) break;
    if (k > 0 && isQuoted(lines[i + k]) && !/^>\s*wrote/i.test(next)) break;
    joined = k === 0 ? next : `${joined} ${next}`;
    if (joined.length > 400) break;
    if (isAttribution(joined)) return k + 1;
  }
  return 0;
}

/** The header block of a quoted mail ("From: … Sent: … To: … Subject: …") at line i: its length, else 0. */
function headerBlockAt(lines: string[], i: number): number {
  const first = lines[i].slice(0, LINE_TEST_CHARS);
  if (!HEADER_FROM.test(first) && !HEADER_SENT.test(first)) return 0;
  let labels = 1;
  let last = i;
  for (let k = 1; k <= 6 && i + k < lines.length; k++) {
    const l = lines[i + k].slice(0, LINE_TEST_CHARS);
    if (HEADER_ANY.test(l)) {
      labels++;
      last = i + k;
    } else if (isBlank(l) && labels >= 2) break;
  }
  if (labels >= 3 || (labels === 2 && /\d|@/.test(first))) return last - i + 1;
  return 0;
}

/** Where the quoted history opens at line i: the span of its header lines, 0 if it does not. */
function quoteHeaderAt(lines: string[], i: number): { span: number; kind: 'separator' | 'header' | 'attribution' } | null {
  const line = lines[i].slice(0, LINE_TEST_CHARS);
  if (isOriginalMessageSeparator(line) || isOutlookMobileSeparator(line)) return { span: 1, kind: 'separator' };
  if (OUTLOOK_RULE.test(line)) {
    for (let k = 1; k <= 3 && i + k < lines.length; k++) if (HEADER_ANY.test(lines[i + k].slice(0, LINE_TEST_CHARS))) return { span: 1, kind: 'separator' };
    return null;
  }
  const header = headerBlockAt(lines, i);
  if (header) return { span: header, kind: 'header' };
  const attribution = attributionAt(lines, i);
  return attribution ? { span: attribution, kind: 'attribution' } : null;
}

/** End (exclusive) of the ">" block starting at i: quoted lines, blank lines between them, broken link lines. */
function quoteBlockEnd(lines: string[], i: number): number {
  let end = i;
  let j = i;
  while (j < lines.length) {
    if (isQuoted(lines[j])) end = j + 1;
    else if (!isBlank(lines[j])) {
      // A long link a client wrapped out of its ">" line, with quoted lines right around it.
      const linkPiece = /https?:|mailto:|>\s*$/.test(lines[j]) && j + 1 < lines.length && isQuoted(lines[j + 1]) && end === j;
      if (!linkPiece) break;
      end = j + 1;
    }
    j++;
  }
  return end;
}

function dropSignature(kept: string[]): string[] {
  let end = kept.length;
  const trimBlank = () => {
    while (end > 0 && isBlank(kept[end - 1])) end--;
  };
  trimBlank();
  const firstText = kept.findIndex((l) => !isBlank(l));
  const hasTextAbove = (n: number) => firstText !== -1 && firstText < n;
  for (;;) {
    if (end > 0 && isMobileFooter(kept[end - 1]) && hasTextAbove(end - 1)) {
      end--;
      trimBlank();
      continue;
    }
    let cut = -1;
    for (let k = end - 1, seen = 0; k >= 0 && seen <= MAX_SIGNATURE_LINES; k--) {
      if (SIGNATURE_DELIMITER.test(kept[k].trimStart())) {
        cut = k;
        break;
      }
      if (!isBlank(kept[k])) seen++;
    }
    if (cut > 0 && hasTextAbove(cut)) {
      end = cut;
      trimBlank();
      continue;
    }
    break;
  }
  return kept.slice(0, end);
}

/** push(...slice) would overflow the stack on a 100 000-line mail. */
function append(to: string[], from: string[], start: number, end = from.length) {
  for (let k = start; k < end; k++) to.push(from[k]);
}

const tidy = (lines: string[]) =>
  lines
    .map((l) => l.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

export function extractFromPlainText(text: string, subject?: string | null): Extracted {
  // Leading blank lines are never shown: dropped before the split (an 80 KB run of them costs nothing).
  const lines = splitGluedAttribution(text.replace(/^(?:[ \t\u00a0]*\r?\n)+/, '').replace(/\r\n?/g, '\n').replace(/\u00a0/g, ' ').split('\n'));
  const forwardSubject = FORWARD_SUBJECT.test(subject ?? '');
  const kept: string[] = [];
  const quoted: string[] = [];
  let forwarded = false;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      if (kept.length) kept.push(line); // leading blank lines are never shown
      i++;
      continue;
    }
    if (isForwardMarker(line.slice(0, LINE_TEST_CHARS))) {
      // The customer forwards something: all of it is what they want us to read.
      forwarded = true;
      append(kept, lines, i);
      break;
    }
    if (isQuoted(line)) {
      const end = quoteBlockEnd(lines, i);
      append(quoted, lines, i, end);
      i = end;
      continue;
    }
    const header = quoteHeaderAt(lines, i);
    if (!header) {
      kept.push(line);
      i++;
      continue;
    }
    if (forwardSubject && header.kind !== 'attribution') {
      forwarded = true;
      append(kept, lines, i);
      break;
    }
    let next = i + header.span;
    while (next < lines.length && isBlank(lines[next])) next++;
    if (next < lines.length && isQuoted(lines[next])) {
      // "On … wrote:" above a ">" block: only the block is history; what follows is the customer's again.
      const end = quoteBlockEnd(lines, next);
      append(quoted, lines, i, end);
      i = end;
      continue;
    }
    // An unprefixed quote (Outlook, Yahoo, Gmail without ">"): the rest of the mail.
    append(quoted, lines, i);
    break;
  }
  const body = tidy(dropSignature(kept));
  const quotedText = tidy(quoted.map(unquote));
  if (!body && quoted.length) return { body: tidy(lines.map(unquote)), quoted: '', forwarded, quoteOnly: true };
  return { body, quoted: quotedText, forwarded, quoteOnly: false };
}
