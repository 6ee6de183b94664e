// The i18n layer: complete resource files, the fallback chain (contact → branch → English, also per
// missing key), plurals by Intl.PluralRules (Arabic's six forms), direction, Accept-Language.
import { describe, expect, it } from 'vitest';
import { acceptedLanguages, dir, localeChain, LOCALES, preferredLocale, rawMessage, RESOURCES, t, toLocale, translator, translatorOver, type Resource } from '.';

const PLURAL = /_(zero|one|two|few|many|other)$/;
function leaves(r: Resource, prefix = ''): Record<string, string> {
  return Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v]] : Object.entries(leaves(v, `${prefix}${k}.`)))));
}
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('resource files', () => {
  const source = leaves(RESOURCES.en);
  const base = (k: string) => k.replace(PLURAL, '');
  const sourceBases = new Set(Object.keys(source).map(base));

  for (const locale of LOCALES) {
    it(`${locale} has every key of English, each plural in every form its language needs, and no stray key`, () => {
      const own = leaves(RESOURCES[locale]);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const b of sourceBases) {
        const plural = Object.keys(source).some((k) => k !== b && base(k) === b);
        if (plural) missing.push(...categories.map((c) => `${b}_${c}`).filter((k) => !(k in own)));
        else if (!(b in own)) missing.push(b);
      }
      expect(missing).toEqual([]);
      expect(Object.keys(own).filter((k) => !sourceBases.has(base(k)))).toEqual([]);
    });

    it(`${locale} uses only the placeholders English uses`, () => {
      const own = leaves(RESOURCES[locale]);
      for (const [key, text] of Object.entries(own)) {
        const english = Object.entries(source).filter(([k]) => base(k) === base(key)).flatMap(([, v]) => placeholders(v));
        // A plural form may spell its number out ("one minute"), so {{count}} may be left out there.
        const expected = [...new Set(english)].sort();
        const got = [...new Set(placeholders(text))];
        expect(got.filter((p) => !expected.includes(p)), `${locale} ${key}`).toEqual([]);
        if (!PLURAL.test(key)) expect(got.sort(), `${locale} ${key}`).toEqual(expected);
      }
    });
  }
});

describe('the fallback chain', () => {
  it('orders contact, branch, English; drops unsupported and repeated languages; maps regions to their language', () => {
    expect(localeChain('de-AT', 'fr')).toEqual(['de', 'fr', 'en']);
    expect(localeChain('it', 'es')).toEqual(['es', 'en']);
    expect(localeChain(null, undefined, 'not a tag!')).toEqual(['en']);
    expect(localeChain('en-GB', 'de')).toEqual(['en', 'de']);
    expect(toLocale('AR-eg')).toBe('ar');
    expect(toLocale('pt-BR')).toBeNull();
  });

  it('takes the contact language, else the branch default, else English', () => {
    expect(translator('de', 'fr').t('csat.submit')).toBe('Antwort senden');
    expect(translator('it', 'fr').t('csat.submit')).toBe('Envoyer ma réponse');
    expect(translator(null, null).t('csat.submit')).toBe('Send my answer');
    expect(t('es-MX', 'csat.submit')).toBe('Enviar mi respuesta');
  });

  it('falls back key by key along the same chain when a locale lacks a message', () => {
    const tr = translatorOver({
      en: { a: 'A en', b: 'B en', c: 'C en', n_one: '{{count}} thing', n_other: '{{count}} things' },
      fr: { a: 'A fr', b: 'B fr' },
      de: { a: 'A de', n_one: '{{count}} Ding', n_other: '{{count}} Dinge' },
    });
    const chosen = tr('de', 'fr');
    type K = Parameters<typeof chosen.t>[0];
    const lookup = (k: string, vars?: Record<string, number>) => chosen.t(k as K, vars);
    expect([lookup('a'), lookup('b'), lookup('c')]).toEqual(['A de', 'B fr', 'C en']);
    expect([lookup('n', { count: 1 }), lookup('n', { count: 2 })]).toEqual(['1 Ding', '2 Dinge']);
    const french = tr('fr');
    expect(french.t('n' as K, { count: 2 })).toBe('2 things'); // no French plural: English, in its own plural rules
  });
});

describe('plurals, numbers, dates, direction', () => {
  it('gives Arabic its six plural forms', () => {
    const ar = translator('ar');
    const forms = [0, 1, 2, 3, 11, 100].map((n) => ar.t('csat.changeFor', { count: n }));
    expect(new Set(forms).size).toBe(6);
    expect(forms[1]).toBe('يمكنك تغييرها خلال دقيقة واحدة.');
    expect(forms[3]).toContain('3 دقائق');
    expect(forms[4]).toContain('11 دقيقة');
  });

  it('formats the count and other figures for the locale', () => {
    expect(translator('fr').t('csat.closed.body', { count: 1_000_000 })).toContain('1\u202f000\u202f000 jours');
    expect(translator('en').t('csat.closed.body', { count: 1 })).toContain('for 1 day after');
    expect(translator('de').number(1234.5)).toBe('1.234,5');
    expect(translator('de').date(Date.UTC(2025, 0, 6, 9, 0), { dateStyle: 'long', timeZone: 'UTC' })).toBe('6. Januar 2025');
    expect(translator('es').list(['a', 'b', 'c'])).toBe('a, b y c');
  });

  it('knows the writing direction', () => {
    expect(translator('ar').dir).toBe('rtl');
    expect(dir('ar-EG')).toBe('rtl');
    expect(dir('he')).toBe('rtl');
    expect(translator('de').dir).toBe('ltr');
  });

  it('reads raw default templates without interpolating them', () => {
    expect(rawMessage('de', 'mail.reply.subject')).toBe('Ihr Feedback zu {{branchName}} [#{{ticketNumber}}]');
    expect(rawMessage('en', 'no.such.key')).toBeUndefined();
  });
});

describe('Accept-Language', () => {
  it('orders the languages by quality and picks the first one we ship', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-CH', 'fr', 'en', 'de']);
    expect(acceptedLanguages('de;q=0.2, ar;q=0.9, xx-!!;q=1')).toEqual(['ar', 'de']);
    expect(preferredLocale('it-IT, it;q=0.9, es;q=0.5')).toBe('es');
    expect(preferredLocale('en;q=0, it')).toBeNull();
    expect(preferredLocale(undefined)).toBeNull();
  });
});
