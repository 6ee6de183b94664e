// The i18n layer for everything a customer reads (mails, the CSAT page, collection pages): i18next for
// lookups and plurals (Intl.PluralRules, so Arabic gets all six forms), Intl for numbers, dates and lists.
// Pure (resources are bundled, nothing is loaded), so domain code, activities, API pages and a
// browser bundle all use the same one. Never build a sentence by concatenation: add a key with
// {{placeholders}} to en.ts and the other resource files.
//
//   const tr = translator(ticket.locale, branch.locale); // contact's locale → branch default → English
//   tr.t('csat.thanks.unhappy.title'); tr.t('csat.changeFor', { count: 7 }); tr.date(ms); tr.dir
import i18next, { type i18n } from 'i18next';
import { ar } from './ar';
import { de } from './de';
import { en } from './en';
import { es } from './es';
import { fr } from './fr';
import { dir, localeChain, LOCALES, type Locale } from './locales';
import type { Resource } from './resource';

export * from './locales';
export type { Resource } from './resource';

export const RESOURCES: Readonly<Record<Locale, Resource>> = { en, de, fr, es, ar };

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type Base<K extends string> = K extends `${infer B}_${PluralSuffix}` ? B : K;
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${Base<K>}` : Keys<T[K], `${P}${K}.`>;
}[keyof T & string];
/** Every message key of the English source; plural keys without their _one/_other suffix. */
export type MessageKey = Keys<typeof en>;
/** Values for a message's {{placeholders}}; `count` also picks the plural form. */
export type MessageVars = Record<string, string | number>;

/** One i18next instance over the bundled resources, created synchronously on first use. */
function createI18n(resources: Readonly<Record<string, Resource>>): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: Object.fromEntries(Object.entries(resources).map(([l, r]) => [l, { translation: r }])),
    lng: 'en',
    fallbackLng: false, // the chain is passed per call (lngs): contact → branch → English
    supportedLngs: Object.keys(resources),
    initAsync: false,
    returnNull: false,
    returnEmptyString: true,
    // Messages are plain text; HTML renderers escape them (and their values) themselves.
    interpolation: { escapeValue: false },
  });
  return instance;
}

let shared: i18n | null = null;
const i18nOf = () => (shared ??= createI18n(RESOURCES));

export interface Translator {
  /** The first language of the chain: the page's lang attribute, the formats' locale. */
  locale: Locale;
  /** The languages looked in, best first, ending in English. */
  chain: Locale[];
  dir: 'ltr' | 'rtl';
  /** The message in the first language of the chain that has it. */
  t(key: MessageKey, vars?: MessageVars): string;
  number(n: number, options?: Intl.NumberFormatOptions): string;
  /** An instant (epoch ms) as a date, by default with the time too. */
  date(epochMs: number, options?: Intl.DateTimeFormatOptions): string;
  list(items: string[]): string;
}

/** For tests of the fallback rules on resources of their own. */
export function translatorOver(resources: Readonly<Record<string, Resource>>) {
  const i = createI18n(resources);
  return (...preferences: Array<string | null | undefined>) => build(i, localeChain(...preferences));
}

function build(i: i18n, chain: Locale[]): Translator {
  const fixed = i.getFixedT(chain);
  const locale = chain[0];
  return {
    locale,
    chain,
    dir: dir(locale),
    // `count` picks the plural form as a number and is shown formatted for the locale; other numbers
    // (ticket numbers, scores) are identifiers and shown as they are.
    t: (key, vars = {}) => fixed(key, { ...vars, replace: { ...vars, ...(typeof vars.count === 'number' ? { count: new Intl.NumberFormat(locale).format(vars.count) } : {}) } }) as string,
    number: (n, options) => new Intl.NumberFormat(locale, options).format(n),
    date: (ms, options = { dateStyle: 'long', timeStyle: 'short' }) => new Intl.DateTimeFormat(locale, options).format(ms),
    list: (items) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items),
  };
}

/**
 * A translator for a customer: the first argument that names a shipped language wins, a missing key
 * falls back along the same chain, English last. Typically translator(contactLocale, branchLocale).
 */
export function translator(...preferences: Array<string | null | undefined>): Translator {
  return build(i18nOf(), localeChain(...preferences));
}

/** One message: t('de', 'csat.submit'). */
export const t = (locale: string | null | undefined, key: MessageKey, vars?: MessageVars) => translator(locale).t(key, vars);

/** The raw text of a key in exactly this locale (no fallback, no interpolation), e.g. a default template. */
export function rawMessage(locale: Locale, key: string): string | undefined {
  const v = i18nOf().getResource(locale, 'translation', key) as unknown;
  return typeof v === 'string' ? v : undefined;
}

/** Every shipped locale (for pickers and checks). */
export const SHIPPED_LOCALES: readonly Locale[] = LOCALES;
