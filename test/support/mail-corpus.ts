// The reply-extraction corpus (test/fixtures/mail-corpus): each raw .eml parsed once, with its expected
// visible text, and the scoring shared by the bench and the corpus test.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export const CORPUS_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures/mail-corpus');
export type Split = 'dev' | 'held-out';

export interface CorpusCase {
  id: string;
  split: Split;
  subject: string | null;
  /** mailparser's text (for an HTML-only mail, its own HTML-to-text) — what the plain-text libraries get. */
  text: string;
  html: string | null;
  expected: string;
}

export async function loadCorpus(split: Split): Promise<CorpusCase[]> {
  const dir = path.join(CORPUS_DIR, split);
  const out: CorpusCase[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()) {
    const id = f.replace(/\.eml$/, '');
    const mail = await simpleParser(readFileSync(path.join(dir, f)));
    out.push({ id, split, subject: mail.subject ?? null, text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : null, expected: readFileSync(path.join(dir, `${id}.expected.txt`), 'utf8') });
  }
  return out;
}

/** Exact match after whitespace normalisation: runs of whitespace (incl. no-break spaces) count as one space. */
export const normalise = (s: string) => s.replace(/[\s\u00a0]+/g, ' ').trim();
export const exact = (actual: string, expected: string) => normalise(actual) === normalise(expected);

/** Words of the expected text missing from the actual one: customer words lost. */
export function lostWords(actual: string, expected: string): string[] {
  const got = normalise(actual).toLowerCase();
  return normalise(expected)
    .toLowerCase()
    .split(' ')
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w && !got.includes(w));
}
