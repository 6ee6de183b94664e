// The recall-first name rule (domain/pii-dictionary.ts) with the real word lists, and on a tiny
// hand-made dictionary to pin down how stems, affix rules and person entries are read.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findPii, redactPii } from '../../domain/pii';
import { parseCorpus, scoreCorpus } from '../../domain/pii-corpus';
import { isUnknownName, parseDictionaries } from '../../domain/pii-dictionary';
import { piiDictionary } from './pii-dictionary';

describe('PII dictionary rule', () => {
  it('reads stems, suffix and prefix rules, flag modes and person entries', () => {
    const d = parseDictionaries([
      { text: '3\nwalk/D\nParis\nAalbers/PN\n', aff: 'SFX D Y 1\nSFX D 0 ed .\n' },
      { text: '2\nhaus/AbCd\nSmith/PN\n', aff: 'FLAG long\nPFX Ab Y 1\nPFX Ab 0 ver .\n', personFlags: 'PN' },
    ]);
    expect(isUnknownName('Walked', d, true)).toBe(false); // stem + suffix rule
    expect(isUnknownName('Verhaus', d, true)).toBe(false); // long flag, prefix rule
    expect(isUnknownName('Walking', d, true)).toBe(true); // no such rule
    expect(isUnknownName('Walking', d)).toBe(false); // …but a plain ending on a common stem will do at a sentence start
    expect(isUnknownName('Paris', d, true)).toBe(false); // a listed proper noun, not a person
    expect(isUnknownName('Smith', d, true)).toBe(true); // listed as a person
    expect(isUnknownName('Aalbers', d, true)).toBe(false); // flagged PN in a file whose person flag is not PN: a plain proper noun
    expect(isUnknownName('Kowalczyk', d, true)).toBe(true);
  });

  it('redacts capitalised words no language knows, keeps words, inflections and compounds', () => {
    const dictionary = piiDictionary();
    const { text } = redactPii('Die Lieferung kam nicht. Kowalczyk hat die Paketzustellung vergessen, sagt Frau Meier.\nThe Delivered parcel was left with Brontal in London.', {}, { dictionary });
    expect(text).toContain('Die Lieferung kam nicht.');
    expect(text).toContain('die Paketzustellung vergessen');
    expect(text).toContain('The Delivered parcel');
    expect(text).toContain('in London');
    expect(text).not.toMatch(/Kowalczyk|Brontal|Meier/);
    // a two-letter given name, a surname the lists know as a proper noun after a name
    expect(redactPii('Please call Ty back, or ask for Brontal Smith.', {}, { dictionary }).text).toBe('Please call [NAME] back, or ask for [NAME].');
  });

  it('takes booking codes in capitals with one or two digits, German reference words and house-door compounds stay', () => {
    const dictionary = piiDictionary();
    expect(redactPii('PNR QX7P2M, hotel K9TZ4W; COVID19 and a PS5.', {}, { dictionary }).text).toBe('PNR [REFERENCE], hotel [REFERENCE]; COVID19 and a PS5.');
    expect(redactPii('Die Sendungsnummer und die Auftragsnr fehlen, vor der Kellertür.', {}, { dictionary }).text).toBe('Die Sendungsnummer und die Auftragsnr fehlen, vor der Kellertür.');
  });

  it('keeps the dev parts within the goal with the dictionary on', () => {
    const dir = new URL('../../bench/fixtures/pii/', import.meta.url);
    const dev = readdirSync(dir).filter((f) => f.startsWith('dev') && f.endsWith('.txt')).flatMap((f) => parseCorpus(readFileSync(new URL(f, dir), 'utf8')));
    const dictionary = piiDictionary();
    const { total } = scoreCorpus(dev, (c) => findPii(c.text, { names: [c.contact] }, { dictionary }));
    expect(total.caught / total.planted).toBeGreaterThanOrEqual(0.99);
    expect(total.overRedacted / total.tokens).toBeLessThanOrEqual(0.02);
  });
});
