// HTML first: mail clients mark the quoted history in their HTML (Gmail's div.gmail_quote, Apple Mail's
// and Thunderbird's blockquote type="cite", Outlook's #divRplyFwdMsg and bordered header block, Yahoo's
// .yahoo_quoted, Proton's .protonmail_quote, GMX's div name="quote", …). Those are cut on the parsed
// tree (htmlparser2, pure JS, linear), the rest becomes text through html-to-text, and the plain-text
// rules then catch what a client left unmarked (an attribution in a plain div, a signature).
import render from 'dom-serializer';
import type { ChildNode, Document, Element } from 'domhandler';
import { findAll, getAttributeValue, removeElement, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { compile, type HtmlToTextOptions } from 'html-to-text';
import { FORWARD_SUBJECT, startsWithForwardLabel } from './patterns';

const heading = (h: string) => ({ selector: h, options: { uppercase: false } });
const BASE: HtmlToTextOptions = {
  wordwrap: false,
  limits: { maxDepth: 200, maxChildNodes: 20_000 },
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map(heading),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block' },
    { selector: 'th', format: 'inline' },
    { selector: 'td', format: 'inline' },
    { selector: 'hr', format: 'skip' },
  ],
};
/** Blockquotes left in the reply keep their "> " so the plain-text rules can see an "attribution + quote". */
const toText = compile(BASE);
/** Quoted history and quote-only replies are shown without markers. */
const toPlainText = compile({ ...BASE, selectors: [...(BASE.selectors ?? []), { selector: 'blockquote', format: 'block' }] });

const classes = (e: Element) => (getAttributeValue(e, 'class') ?? '').split(/\s+/);
const styleOf = (e: Element) => (getAttributeValue(e, 'style') ?? '').replace(/\s+/g, '').toLowerCase();
const idOf = (e: Element) => (getAttributeValue(e, 'id') ?? '').replace(/^x_/, '');

/** Quoted history as a block of its own: remove just it, a bottom-posted answer below it stays. */
function isQuoteBlock(e: Element): boolean {
  const cls = classes(e);
  if (cls.some((c) => c === 'gmail_quote' || c === 'gmail_quote_container' || c === 'protonmail_quote' || /yahoo_quoted$/.test(c) || c === 'moz-cite-prefix')) return true;
  if (e.name === 'blockquote' && (getAttributeValue(e, 'type') ?? '').toLowerCase() === 'cite') return true;
  if (getAttributeValue(e, 'name') === 'quote') return true; // GMX, Web.de
  return idOf(e) === 'mail-editor-reference-message-container'; // Outlook mobile
}

/** Where Outlook's quoted history begins: it is never closed, so everything from here on is history. */
function startsOutlookHistory(e: Element): boolean {
  const id = idOf(e);
  if (id === 'divRplyFwdMsg' || id === 'appendonsend' || id === 'OLK_SRC_BODY_SECTION' || id === 'zwchr') return true;
  if (classes(e).includes('OutlookMessageHeader')) return true;
  // Outlook desktop: the header block of the quoted mail is a div with a thin grey top border.
  const style = styleOf(e);
  return e.name === 'div' && /border-top:solid#(?:e1e1e1|b5c4df)/.test(style) && /padding:3\.0pt0(?:cm|in)0(?:cm|in)0(?:cm|in)/.test(style);
}

const isSignature = (e: Element) => idOf(e) === 'ms-outlook-mobile-signature' || classes(e).some((c) => /(?:^gmail_signature(?:_prefix)?$|^moz-signature$|^protonmail_signature_block$|signature$)/.test(c) && c !== 'Signature');

/** Removes e and everything after it in document order; returns what was removed, in order. */
function cutFrom(e: Element): ChildNode[] {
  // Outlook web puts an <hr> right before #divRplyFwdMsg: it belongs to the history.
  const prev = e.prev && e.prev.type === 'text' && !e.prev.data.trim() ? e.prev.prev : e.prev;
  const first: ChildNode = prev && prev.type === 'tag' && (prev as Element).name === 'hr' ? prev : e;
  const removed: ChildNode[] = [];
  const takeFrom = (n: ChildNode | null) => {
    for (let s = n; s; ) {
      const next: ChildNode | null = s.next;
      removed.push(s);
      removeElement(s);
      s = next;
    }
  };
  const ancestors: ChildNode[] = [];
  for (let p = first.parent; p && p.type !== 'root'; p = p.parent) ancestors.push(p as Element);
  takeFrom(first);
  for (const a of ancestors) takeFrom(a.next);
  return removed;
}

/** Still part of the document (not inside something removed already)? */
function attached(n: ChildNode, doc: Document): boolean {
  let p: ChildNode | Document | null = n;
  while (p && p !== doc) p = p.parent;
  return p === doc;
}

export interface HtmlCut {
  /** The reply as text, quote markers of unmarked quotes still as "> ". */
  text: string;
  /** The cut history as text. */
  quoted: string;
  /** The whole mail as text, without quote markers (for a quote-only reply or a forward). */
  whole: () => string;
  forwarded: boolean;
}

export function cutHtml(html: string, subject?: string | null): HtmlCut {
  const doc: Document = parseDocument(html);
  for (const e of findAll((n) => ['head', 'style', 'script', 'title'].includes(n.name), doc.children)) removeElement(e);
  for (const e of findAll(isSignature, doc.children)) removeElement(e);
  const before = render(doc);
  const whole = () => toPlainText(before);
  const forwardAttr = findAll((n) => classes(n).includes('gmail_attr'), doc.children).some((n) => startsWithForwardLabel(textContent(n)));
  const forwarded = forwardAttr || FORWARD_SUBJECT.test(subject ?? '');
  const quoted: ChildNode[] = [];
  if (!forwarded) {
    const start = findAll(startsOutlookHistory, doc.children)[0];
    if (start) quoted.push(...cutFrom(start));
    // Outermost quote blocks only: removing one removes what is nested in it.
    for (const e of findAll(isQuoteBlock, doc.children)) {
      // Outermost blocks only (findAll lists a parent before what it contains).
      if (!attached(e, doc)) continue;
      removeElement(e);
      quoted.push(e);
    }
  }
  return { text: toText(render(doc)), quoted: quoted.length ? toPlainText(render(quoted)) : '', whole, forwarded };
}
