// The customer-facing languages Closeloop ships, and how a locale is chosen: the contact's locale when
// known (the collection page's language, Accept-Language), else the branch default, else English.
// Pure; no i18next here, so the web UI and the workflow bundle may import it cheaply.
import { parseAccept } from 'hono/utils/accept';
import { z } from 'zod';

/** Every language with a resource file in this folder. English is the source and the last fallback. */
export const LOCALES = ['en', 'de', 'fr', 'es', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language by its own name, for language pickers. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', de: 'Deutsch', fr: 'Français', es: 'Español', ar: 'العربية' };

const RTL: ReadonlySet<string> = new Set(['ar', 'he', 'fa', 'ur']);

// Intl.Locale also refuses a variant or an extension singleton given twice ("de-1901-1901",
// "en-a-bb-a-cc"): two lookaheads say so in the pattern (exact repeats; Intl compares case-insensitively,
// which an ECMAScript pattern cannot, so "de-1901-1901" is caught here and "de-abcde-ABCDE" by Intl only).
const LANGUAGE = '[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?';
const VARIANT = '(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3})';
// Extensions: -u- and -t- with their own grammar (Intl refuses "en-u-g9": a -u- key is a letter or digit
// then a letter, an attribute 3–8 characters; a -t- field is a letter and a digit, then values of 3–8),
// each with one subtag at least; any other singleton takes subtags of 2–8.
const EXTENSION =
  '(?:[uU](?=-[A-Za-z0-9]{2})(?:-[A-Za-z0-9]{3,8})*(?:-[A-Za-z0-9][A-Za-z](?:-[A-Za-z0-9]{3,8})*)*' +
  `|[tT](?=-[A-Za-z0-9]{2})(?:-${LANGUAGE}(?:-${VARIANT})*)?(?:-[A-Za-z][0-9](?:-[A-Za-z0-9]{3,8})+)*` +
  '|[A-SV-WYZa-sv-wyz0-9](?:-[A-Za-z0-9]{2,8})+)';
const BEFORE_PRIVATE_USE = '(?:(?!-[xX]-).)*';
const LOCALE_TAG = new RegExp(
  `^(?!${LANGUAGE}(?:-${VARIANT})*-(${VARIANT})(?:-${VARIANT})*-\\1(?:-|$))` +
    `(?!${BEFORE_PRIVATE_USE}-([A-WY-Za-wy-z0-9])-${BEFORE_PRIVATE_USE}-\\2-)` +
    `${LANGUAGE}(-${VARIANT})*(-${EXTENSION})*(-[xX](-[A-Za-z0-9]{1,8})+)?$`,
);

/** A BCP 47 tag as stored on feedback and tickets (e.g. "de", "pt-BR"): well-formed, at most 35 characters. */
export const localeTagSchema = z
  .string()
  .max(35)
  // The shape in the document too (language, script, region, variants, extensions, private use), so a
  // generator reading it (schemathesis) builds tags Intl accepts; Intl.Locale stays the judge.
  .regex(LOCALE_TAG, 'must be a BCP 47 language tag such as "de" or "fr-CA"')
  .refine((s) => toLanguageTag(s) !== null, 'must be a BCP 47 language tag such as "de" or "fr-CA"')
  .meta({ description: 'BCP 47 language tag of the customer (e.g. "de", "fr-CA"); unsupported languages fall back to the branch default, then English' });

export const localeSchema = z.enum(LOCALES);

/** The canonical form of a language tag ("DE-at" → "de-AT"), or null when it is not one. */
export function toLanguageTag(tag: string): string | null {
  try {
    return new Intl.Locale(tag.trim()).toString();
  } catch {
    return null;
  }
}

/** The shipped locale a tag asks for ("de-AT" → "de"), or null when we do not ship its language. */
export function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const canonical = toLanguageTag(tag);
  if (!canonical) return null;
  const language = new Intl.Locale(canonical).language;
  return (LOCALES as readonly string[]).includes(language) ? (language as Locale) : null;
}

/** The languages to look in, best first, always ending in English: each preference once, unsupported ones dropped. */
export function localeChain(...preferences: Array<string | null | undefined>): Locale[] {
  const chain: Locale[] = [];
  for (const p of [...preferences, DEFAULT_LOCALE]) {
    const l = toLocale(p);
    if (l && !chain.includes(l)) chain.push(l);
  }
  return chain;
}

/** Writing direction of a locale ("ar" → rtl). */
export const dir = (locale: string): 'ltr' | 'rtl' => (RTL.has(toLanguageTag(locale)?.split('-')[0] ?? '') ? 'rtl' : 'ltr');

/** The languages of an Accept-Language header, best first (q-values honoured by Hono's parser, q=0 and "*" dropped). */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  return parseAccept(header.slice(0, 1000)) // a pathological header cannot cost much
    .filter((a) => a.q > 0 && a.type !== '*')
    .map((a) => toLanguageTag(a.type))
    .filter((t): t is string => t !== null);
}

/** The first shipped language of an Accept-Language header, or null. */
export const preferredLocale = (acceptLanguage: string | null | undefined): Locale | null => acceptedLanguages(acceptLanguage).map(toLocale).find((l) => l !== null) ?? null;
