// The PII corpus (bench/fixtures/pii/) and its scoring; the dev part must meet the redaction goal.
// (The held-out parts are only counted here, never scored: `npm run bench -- pii` reports them.)
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPii } from './pii';
import { CORPUS_KINDS, parseCorpus, scoreCase, scoreCorpus } from './pii-corpus';

const corpus = (name: string) => parseCorpus(readFileSync(new URL(`../bench/fixtures/pii/${name}.txt`, import.meta.url), 'utf8'));
// every dev*.txt is a dev part and every holdout*.txt a held-out part (as in bench/pii.ts)
const parts = (prefix: string) =>
  readdirSync(new URL('../bench/fixtures/pii/', import.meta.url))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))
    .flatMap((f) => corpus(f.replace(/\.txt$/, '')));
const planted = (cases: ReturnType<typeof parseCorpus>) => cases.reduce((n, c) => n + c.items.length, 0);

describe('PII corpus', () => {
  it('parses cases, marks and the known contact name', () => {
    const [c] = parseCorpus('preamble\n### de | contact: Jürgen Weber\nich heiße {{contact:Jürgen}}, Kennzeichen {{plate:B-MW 1234}}.\n');
    expect(c).toMatchObject({ lang: 'de', contact: 'Jürgen Weber', text: 'ich heiße Jürgen, Kennzeichen B-MW 1234.', line: 2 });
    expect(c.items.map((i) => [i.kind, c.text.slice(i.start, i.end)])).toEqual([
      ['contact', 'Jürgen'],
      ['plate', 'B-MW 1234'],
    ]);
    expect(() => parseCorpus('### en\n{{nickname:Bob}}')).toThrow(/unknown kind/);
  });

  it('counts an item as redacted only when every letter and digit of it is, and any touched token as over-redacted', () => {
    const [c] = parseCorpus('### en\nmy wife {{name:Elena Petrova}} paid 40 pounds');
    const start = c.text.indexOf('Elena');
    const partly = scoreCase(c, [{ start, end: start + 5, kind: 'name' }]);
    expect(partly.missed.map((i) => i.value)).toEqual(['Elena Petrova']);
    const wholeAndMore = scoreCase(c, [{ start, end: c.text.indexOf('pounds'), kind: 'name' }]);
    expect(wholeAndMore.caught).toHaveLength(1);
    expect(wholeAndMore).toMatchObject({ tokens: 5, overRedacted: ['paid', '40'] });
  });

  it('has at least 300 planted items of every kind in six languages, 30 % of them held out', () => {
    const dev = parts('dev');
    const heldOut = parts('holdout');
    expect(planted(dev) + planted(heldOut)).toBeGreaterThanOrEqual(300);
    expect(planted(heldOut) / (planted(dev) + planted(heldOut))).toBeGreaterThanOrEqual(0.3);
    for (const part of [dev, heldOut]) expect([...new Set(part.map((c) => c.lang))]).toEqual(expect.arrayContaining(['en', 'de', 'fr', 'es', 'it', 'nl']));
    expect(new Set(dev.flatMap((c) => c.items.map((i) => i.kind)))).toEqual(new Set(CORPUS_KINDS));
  });

  // The goal (≥ 99 %) is asserted as the product redacts, with the word lists: activities/ai/pii-dictionary.test.ts.
  // Here the rules alone, without them, which leave to the word lists the names only they know ("Des",
  // "Nuria", "Patience Owusu"): a floor that catches a rule breaking, not the goal (98.96 % of 2 889 on
  // 2026-12-01, after the dev-11 and dev-12 rounds).
  it('keeps the rules alone, without the word lists, near the goal on the dev parts: ≥ 98.5 % of planted items, ≤ 2 % of other tokens', () => {
    const { total } = scoreCorpus(parts('dev'), (c) => findPii(c.text, { names: [c.contact] }));
    expect(total.caught / total.planted).toBeGreaterThanOrEqual(0.985);
    expect(total.overRedacted / total.tokens).toBeLessThanOrEqual(0.02);
  });
});
