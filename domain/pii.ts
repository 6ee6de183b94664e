// PII redaction before any text leaves for an AI model. Pure; placeholders keep the sentence readable.
// Errs on the side of removing too much: a lost order number costs less than a leaked phone number.
import { escapeRegExp } from './regexp';

export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'id' | 'address' | 'name';

export interface RedactionResult {
  text: string;
  counts: Record<PiiKind, number>;
}

/** What the ticket itself tells us about the person: matched wherever it appears in the text. */
export interface KnownPii {
  names?: Array<string | null | undefined>;
  emails?: Array<string | null | undefined>;
  phones?: Array<string | null | undefined>;
  addresses?: Array<string | null | undefined>;
}

/** Everything a ticket's contact fields (and the addresses its messages came from) give away. */
export function knownPiiOf(contact: { name?: string | null; email?: string | null; phone?: string | null; address?: string | null }, senders: string[] = []): KnownPii {
  return { names: [contact.name], emails: [contact.email, ...senders], phones: [contact.phone], addresses: [contact.address] };
}

const PLACEHOLDER: Record<PiiKind, string> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  id: '[ID]',
  address: '[ADDRESS]',
  name: '[NAME]',
};

const EMAIL = /[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// "ann [at] example [dot] com", "ann(at)example.com", "ann at example dot com"
const OBFUSCATED_EMAIL =
  /[\p{L}\p{N}._%+-]+\s*(?:[[({]\s*at\s*[\])}]|\s(?:at|AT)\s)\s*[\p{L}\p{N}-]+(?:\s*(?:[[({]\s*dot\s*[\])}]|\s(?:dot|DOT)\s|\.)\s*[\p{L}\p{N}-]+)+/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;
// Dates and times look like phone numbers to a digit counter; they are set aside first and kept.
const DATE_OR_TIME =
  /(?<![\d./-])(?:(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2}))(?![./-]?\d)|\b\d{1,2}:\d{2}(?::\d{2})?\b/g;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
const UK_NINO = /\b[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b/g;
// Any run of digits with phone-ish separators; what it is gets decided by counting its digits.
// One separator (or a "(0)"-style group) between digit groups: "0958 / (555)" is two numbers, not one.
const DIGIT_RUN = /(?:\+|\b|(?=\())(?:\(\d{1,5}\)\s?)?\d+(?:(?:[ .\-/]| ?\(\d{1,5}\) ?)\d+)*/g;
// Passport, licence, ID-card and account-like codes: letters and digits mixed, at least four digits.
const ALNUM_CODE = /\b(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}\b/g;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;
const STREET =
  /\b\d{1,5}[A-Za-z]?,?\s+(?:[\p{Lu}][\p{L}'-]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close|Court|Ct|Place|Pl|Square|Sq|Crescent|Terrace|Gardens|Grove|Hill|Park|Row|Walk|Mews|Strasse|Straße|Weg|Gasse|Platz|Allee)\b\.?/gu;
// "12 rue de Rivoli", "Via Roma 5", "Hauptstraße 12a", "Keizersgracht 123"
const STREET_CONTINENTAL =
  /\b\d{1,5},?\s+(?:rue|avenue|av\.|boulevard|bd|place|via|viale|calle|avenida|plaza)\s+(?:(?:de|du|des|de la|del|della|di)\s+)?[\p{L}'-]+|\b(?:Rue|Via|Viale|Calle|Avenida|Plaza|Rua)\s+(?:(?:de|del|della|di|da|do)\s+)?[\p{Lu}][\p{L}'-]+(?:\s+[\p{Lu}][\p{L}'-]+)?,?\s+\d{1,5}\b|\b[\p{Lu}][\p{L}-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|straat|laan|gracht|plein|vej|gatan|gate|veien)\s+\d{1,5}[a-z]?\b/gu;
const HONORIFIC = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Mme|Mlle|Sr|Sra)\.?\s+[\p{Lu}][\p{L}'-]+(?:\s+[\p{Lu}][\p{L}'-]+)?/gu;
const INTRODUCTION = /\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame:|I am|I'm|[Tt]his is|[Ss]igned)\s+([\p{Lu}][\p{Ll}'-]+(?:\s+[\p{Lu}][\p{Ll}'-]+){0,2})/gu;
const SIGN_OFF = /((?:^|\n|[.!,]\s*)\s*(?:[Kk]ind regards|[Bb]est regards|[Rr]egards|[Bb]est wishes|[Bb]est|[Mm]any thanks|[Tt]hanks|[Tt]hank you|[Cc]heers|[Ss]incerely|[Yy]ours)[,!.]?\s*\n?\s*[-–—]?\s*)([\p{Lu}][\p{Ll}'-]+(?:\s+[\p{Lu}][\p{Ll}'-]+){0,2})(?=[.!]?\s*$)/gu;
const DASH_SIGNATURE = /(\n\s*[-–—]{1,2}\s*)([\p{Lu}][\p{Ll}'-]+(?:\s+[\p{Lu}][\p{Ll}'-]*){0,2})(?=\s*$)/gu;
// Capitalised words that follow "I am" / "This is" without being names.
const NOT_A_NAME = new Set(
  'A An The So Very Really Not Sorry Just Still Absolutely Totally Quite Extremely Never Always Here There Writing Calling Contacting Unhappy Happy Disappointed Angry Furious Upset Shocked Sick Done Fed Ridiculous Unacceptable Disgusting Terrible Awful Great Good Bad It This That What'.split(' '),
);

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Same length as the input, letters without accents: indexes in it are indexes in the original. */
function foldAccents(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
    out += base.length === ch.length ? base : ch;
  }
  return out;
}

/** A literal, matched case- and accent-insensitively, whitespace/punctuation-tolerant, never inside a word. */
function literalPattern(literal: string): RegExp {
  const tokens = foldAccents(literal.trim()).split(/[\s,]+/).filter(Boolean).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])${tokens.join('[\\s,]+')}(?![\\p{L}\\p{N}])`, 'giu');
}

function replaceLiteral(text: string, literal: string, placeholder: string, onHit: () => void): string {
  const folded = foldAccents(text);
  const re = literalPattern(literal);
  let out = '';
  let last = 0;
  for (const m of folded.matchAll(re)) {
    out += text.slice(last, m.index) + placeholder;
    last = m.index + m[0].length;
    onHit();
  }
  return out + text.slice(last);
}

function nameParts(name: string): string[] {
  const whole = name.trim();
  const words = whole.split(/\s+/);
  const hyphenated = words.flatMap((w) => w.split('-'));
  return [whole, ...words, ...hyphenated].map((p) => p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '')).filter((p) => p.length >= 2);
}

function addressParts(address: string): string[] {
  const lines = address.split(/[\n,;]+/).map((l) => l.trim()).filter((l) => l.length >= 3);
  const postcodes = [...address.matchAll(UK_POSTCODE)].map((m) => m[0]);
  // "12 Baker Street" is also written "Baker Street"; bare house numbers alone are not worth chasing.
  const streets = lines.map((l) => l.replace(/^\d+[A-Za-z]?\s+/, '')).filter((l) => l.length >= 5 && /\p{L}{3}/u.test(l));
  return [address, ...lines, ...postcodes, ...streets];
}

/**
 * Replaces e-mails (also "[at]"-obfuscated), IBANs, card numbers (Luhn-checked), national-ID-like and
 * passport/licence-like codes, long digit runs, phone numbers in any common format, street addresses,
 * introduced or signed names, and everything the ticket itself knows about the contact.
 */
export function redactPii(input: string, known: KnownPii | Array<string | undefined | null> = {}): RedactionResult {
  const k: KnownPii = Array.isArray(known) ? { names: known } : known;
  const counts: RedactionResult['counts'] = { email: 0, phone: 0, card: 0, iban: 0, id: 0, address: 0, name: 0 };
  const put = (kind: PiiKind) => (counts[kind]++, PLACEHOLDER[kind]);

  let text = input;
  // Known values first: they are the surest hits and must win over partial pattern matches.
  for (const email of k.emails ?? []) if (email) text = replaceLiteral(text, email, PLACEHOLDER.email, () => counts.email++);
  for (const phone of k.phones ?? []) if (phone && phone.replace(/\D/g, '').length >= 6) text = replaceLiteral(text, phone, PLACEHOLDER.phone, () => counts.phone++);
  text = text.replace(EMAIL, () => put('email')).replace(OBFUSCATED_EMAIL, () => put('email'));
  const addresses = (k.addresses ?? []).flatMap((a) => (a ? addressParts(a) : [])).sort((a, b) => b.length - a.length);
  for (const part of new Set(addresses)) text = replaceLiteral(text, part, PLACEHOLDER.address, () => counts.address++);
  text = text.replace(STREET, () => put('address')).replace(STREET_CONTINENTAL, () => put('address')).replace(UK_POSTCODE, () => put('address'));
  text = text.replace(IBAN, () => put('iban'));

  const kept: string[] = [];
  text = text.replace(DATE_OR_TIME, (m) => (kept.push(m), `\uE000${kept.length - 1}\uE000`));
  text = text.replace(SSN, () => put('id')).replace(UK_NINO, () => put('id'));
  text = text.replace(DIGIT_RUN, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return put('card');
    if (digits.length >= 7) return put(/^\+|^\(?0|[ ().\-/]/.test(m.trim()) && digits.length <= 15 ? 'phone' : 'id');
    if (digits.length >= 6) return put('id');
    return m;
  });
  text = text.replace(ALNUM_CODE, (m) => ((m.match(/\d/g)?.length ?? 0) >= 4 ? put('id') : m));
  text = text.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)]);

  const names = (k.names ?? []).flatMap((n) => (n ? nameParts(n) : [])).sort((a, b) => b.length - a.length);
  for (const name of new Set(names)) text = replaceLiteral(text, name, PLACEHOLDER.name, () => counts.name++);
  text = text.replace(HONORIFIC, () => put('name'));
  text = text.replace(INTRODUCTION, (m, name: string) => {
    const words = name.split(/\s+/);
    const realWords = words.findIndex((w) => NOT_A_NAME.has(w));
    if (realWords === 0) return m;
    const kept = realWords > 0 ? words.slice(0, realWords).join(' ') : name;
    return m.replace(kept, put('name'));
  });
  text = text.replace(SIGN_OFF, (m, lead: string, name: string) => (NOT_A_NAME.has(name.split(/\s+/)[0]) ? m : `${lead}${put('name')}`));
  text = text.replace(DASH_SIGNATURE, (_m, lead: string) => `${lead}${put('name')}`);
  return { text, counts };
}
