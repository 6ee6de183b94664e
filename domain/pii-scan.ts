// The machinery the PII rules share: a text scanned in passes, each pass finding spans on what the
// earlier ones left. Pure.
import { escapeRegExp } from './regexp';

export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'id' | 'address' | 'postcode' | 'name' | 'dob' | 'plate' | 'reference';

/** A stretch of the input that is personal data: [start, end) in UTF-16 code units. */
export interface PiiSpan {
  start: number;
  end: number;
  kind: PiiKind;
}

// Found PII is overwritten with this character (same length, so indexes stay those of the input):
// later passes neither match inside it nor across it.
export const MASK = '\uE000';
const KEEP = '\uE001';

/** The text being redacted, with what has been found so far masked out. */
export class Scan {
  readonly spans: PiiSpan[] = [];
  masked: string;
  constructor(readonly text: string) {
    this.masked = text;
  }

  /** Records spans found on the masked text and masks them; a span overlapping an earlier one of the same batch is dropped. */
  add(found: PiiSpan[]): void {
    if (!found.length) return;
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    let out = '';
    let last = 0;
    for (const s of found) {
      if (s.start < last || s.end <= s.start) continue;
      out += this.masked.slice(last, s.start) + MASK.repeat(s.end - s.start);
      last = s.end;
      this.spans.push(s);
    }
    this.masked = out + this.masked.slice(last);
  }

  /** Masks the given ranges of the input in one pass (spans that grew: their text is no longer for later passes). */
  maskRanges(ranges: Array<[number, number]>): void {
    if (!ranges.length) return;
    ranges.sort((x, y) => x[0] - y[0]);
    let out = '';
    let last = 0;
    for (const [start, end] of ranges) {
      const from = Math.max(start, last);
      if (end <= from) continue;
      out += this.masked.slice(last, from) + MASK.repeat(end - from);
      last = end;
    }
    this.masked = out + this.masked.slice(last);
  }

  /** Each match of `re` becomes a span of `kind`, or whatever `pick` makes of it (nothing when it returns null). */
  pass(re: RegExp, pick: PiiKind | ((m: RegExpExecArray) => PiiSpan[] | PiiKind | null), on: string = this.masked): void {
    const found: PiiSpan[] = [];
    for (const m of on.matchAll(re)) {
      const r = typeof pick === 'string' ? pick : pick(m);
      if (typeof r === 'string') found.push({ start: m.index, end: m.index + m[0].length, kind: r });
      else if (r) found.push(...r);
    }
    this.add(found);
  }

  /**
   * The masked text lower-cased letter by letter, same length (indexes stay those of the input): for
   * passes whose cue vocabularies are large. With the `i` flag V8 takes seconds to compile such an
   * alternation on first use; lower-case alternatives without it compile in milliseconds.
   */
  folded(): string {
    return this.masked.replace(/\p{Lu}/gu, (c) => {
      const lower = c.toLowerCase();
      return lower.length === c.length ? lower : c;
    });
  }

  /** Known values, matched accent-insensitively (and case-insensitively unless told) wherever they stand as whole words; longest first. */
  literals(values: string[], kind: PiiKind, caseSensitive = false, skip?: (at: number, value: string) => boolean): void {
    const re = literalPattern(values, caseSensitive);
    if (re) this.add([...foldAccents(this.masked).matchAll(re)].filter((m) => !skip?.(m.index, this.text.slice(m.index, m.index + m[0].length))).map((m) => ({ start: m.index, end: m.index + m[0].length, kind })));
  }

  /** Runs `passes` with the matches of `re` hidden from them (they are kept, not redacted). */
  keeping(re: RegExp, passes: () => void): void {
    const before = this.masked;
    this.masked = before.replace(re, (m) => KEEP.repeat(m.length));
    passes();
    this.masked = this.masked.replace(/\uE001+/g, (m, at: number) => before.slice(at, at + m.length));
  }
}

/** The span of capture group `group` of a match made with the `d` flag. */
export function groupSpan(m: RegExpExecArray, group: number, kind: PiiKind): PiiSpan[] {
  const at = m.indices?.[group];
  return at ? [{ start: at[0], end: at[1], kind }] : [];
}


/** Same length as the input, letters without accents: indexes in it are indexes in the original. */
export function foldAccents(s: string): string {
  return s.replace(/[^\0-\u00bf]/g, (ch) => {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    return base.length === ch.length ? base : ch;
  });
}

/** Literals, matched accent-insensitively, whitespace/punctuation-tolerant, never inside a word. */
function literalPattern(literals: string[], caseSensitive: boolean): RegExp | null {
  const alternatives = [...new Set(literals.map((l) => foldAccents(l.trim())).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((l) => l.split(/[\s,]+/).filter(Boolean).map(escapeRegExp).join('[\\s,]+'));
  if (!alternatives.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, caseSensitive ? 'gu' : 'giu');
}

/** `alternatives` as one regex alternation, longest first so that "kind regards" wins over "regards". */
export function oneOf(alternatives: readonly string[]): string {
  return [...new Set(alternatives)]
    .sort((a, b) => b.length - a.length)
    .map((a) => escapeRegExp(a).replace(/ /g, '[ \\t]+').replace(/'/g, "['’]"))
    .join('|');
}
