// The PII corpus format (bench/fixtures/pii/*.txt) and its scoring. Pure: the caller reads the file
// and runs the redactor; this parses the marked-up comments and counts what the redaction covered.
import type { PiiSpan } from './pii';

export const CORPUS_KINDS = ['name', 'contact', 'dob', 'plate', 'ref', 'postcode', 'address', 'email', 'phone', 'card', 'iban', 'id'] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

export interface PlantedItem {
  kind: CorpusKind;
  start: number;
  end: number;
  value: string;
}

export interface CorpusCase {
  lang: string;
  /** The ticket's contact name, which the redactor is given. */
  contact: string | null;
  /** The comment without its marks. */
  text: string;
  items: PlantedItem[];
  /** Line of the "###" header in the corpus file, for error messages and miss lists. */
  line: number;
}

const HEADER = /^### ([a-z]{2})(?: \| contact: (.+))?$/;
const MARK = /\{\{([a-z]+):([^{}]+)\}\}/g;
// Words and numbers: what a reader would call a token of the comment.
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Cases start at "### <lang>[ | contact: <name>]"; anything before the first header is a preamble. */
export function parseCorpus(source: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let current: { lang: string; contact: string | null; line: number; lines: string[] } | null = null;
  const flush = () => {
    if (current) cases.push(parseCase(current.lang, current.contact, current.lines.join('\n').trim(), current.line));
  };
  source.split(/\r?\n/).forEach((line, i) => {
    const header = HEADER.exec(line);
    if (header) {
      flush();
      current = { lang: header[1], contact: header[2]?.trim() ?? null, line: i + 1, lines: [] };
    } else if (line.startsWith('###')) {
      throw new Error(`line ${i + 1}: malformed case header "${line}"`);
    } else current?.lines.push(line);
  });
  flush();
  return cases;
}

function parseCase(lang: string, contact: string | null, marked: string, line: number): CorpusCase {
  const items: PlantedItem[] = [];
  let text = '';
  let last = 0;
  for (const m of marked.matchAll(MARK)) {
    const kind = m[1] as CorpusKind;
    if (!CORPUS_KINDS.includes(kind)) throw new Error(`case at line ${line}: unknown kind "${kind}"`);
    text += marked.slice(last, m.index);
    items.push({ kind, start: text.length, end: text.length + m[2].length, value: m[2] });
    text += m[2];
    last = m.index + m[0].length;
  }
  text += marked.slice(last);
  if (/\{\{|\}\}/.test(text)) throw new Error(`case at line ${line}: unbalanced mark`);
  return { lang, contact, text, items, line };
}

export interface CaseScore {
  /** Planted items whose every letter and digit was redacted. */
  caught: PlantedItem[];
  missed: PlantedItem[];
  /** Non-PII tokens (outside every planted item). */
  tokens: number;
  /** Non-PII tokens that lost at least one character to a redaction. */
  overRedacted: string[];
}

export function scoreCase(c: CorpusCase, spans: PiiSpan[]): CaseScore {
  const covered = new Uint8Array(c.text.length);
  for (const s of spans) covered.fill(1, s.start, s.end);
  const caught: PlantedItem[] = [];
  const missed: PlantedItem[] = [];
  for (const item of c.items) {
    let whole = true;
    for (let i = item.start; i < item.end && whole; i++) if (/[\p{L}\p{N}]/u.test(c.text[i]) && !covered[i]) whole = false;
    (whole ? caught : missed).push(item);
  }
  const inItem = new Uint8Array(c.text.length);
  for (const item of c.items) inItem.fill(1, item.start, item.end);
  let tokens = 0;
  const overRedacted: string[] = [];
  for (const t of c.text.matchAll(TOKEN)) {
    const start = t.index;
    const end = start + t[0].length;
    if (inItem.subarray(start, end).some((x) => x)) continue;
    tokens++;
    if (covered.subarray(start, end).some((x) => x)) overRedacted.push(t[0]);
  }
  return { caught, missed, tokens, overRedacted };
}

export interface Tally {
  planted: number;
  caught: number;
  tokens: number;
  overRedacted: number;
}

export const emptyTally = (): Tally => ({ planted: 0, caught: 0, tokens: 0, overRedacted: 0 });

/** Adds one case's score to the total, to its language and to each planted kind. */
export function addScore(into: { total: Tally; byKind: Map<string, Tally>; byLang: Map<string, Tally> }, c: CorpusCase, s: CaseScore): void {
  const get = (m: Map<string, Tally>, k: string) => m.get(k) ?? m.set(k, emptyTally()).get(k)!;
  for (const t of [into.total, get(into.byLang, c.lang)]) {
    t.planted += c.items.length;
    t.caught += s.caught.length;
    t.tokens += s.tokens;
    t.overRedacted += s.overRedacted.length;
  }
  for (const item of [...s.caught, ...s.missed]) get(into.byKind, item.kind).planted++;
  for (const item of s.caught) get(into.byKind, item.kind).caught++;
}

export interface CorpusScore {
  total: Tally;
  byKind: Map<string, Tally>;
  byLang: Map<string, Tally>;
  cases: Array<{ case: CorpusCase; score: CaseScore }>;
}

export function scoreCorpus(cases: CorpusCase[], find: (c: CorpusCase) => PiiSpan[]): CorpusScore {
  const out: CorpusScore = { total: emptyTally(), byKind: new Map(), byLang: new Map(), cases: [] };
  for (const c of cases) {
    const score = scoreCase(c, find(c));
    addScore(out, c, score);
    out.cases.push({ case: c, score });
  }
  return out;
}
