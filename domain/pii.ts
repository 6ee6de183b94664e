// PII redaction before any text leaves for an AI model. Pure; placeholders keep the sentence readable.
// Errs on the side of removing too much: a lost order number costs less than a leaked phone number.
// The rules run in passes over the text (domain/pii-scan.ts), surest first: known values, e-mails,
// IBANs, addresses, dates of birth, plates / references / postcodes (domain/pii-codes.ts), digit
// runs, then names by context (domain/pii-names.ts). Scored on a corpus: `npm run bench -- pii`.
import { extendAddresses, findPostBoxes } from './pii-address';
import { findBirthDates, findCodes } from './pii-codes';
import { findContextNames, joinNameParts } from './pii-names';
import { findUnknownNames, isCommonWord, type PiiDictionary } from './pii-dictionary';
import { Scan, groupSpan, type PiiKind, type PiiSpan } from './pii-scan';
import { petForms } from './pii-pet-names';
import { escapeRegExp } from './regexp';
import { PARTICLES, isGivenName, isNotAName } from './pii-words';

export type { PiiKind, PiiSpan } from './pii-scan';

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

export interface PiiOptions {
  /**
   * Word lists of the six languages (activities/ai/pii-dictionary.ts): with them every capitalised
   * word no list knows is taken for a name too (recall first).
   */
  dictionary?: PiiDictionary;
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
  postcode: '[POSTCODE]',
  name: '[NAME]',
  dob: '[DATE_OF_BIRTH]',
  plate: '[PLATE]',
  reference: '[REFERENCE]',
};

// Patterns that start with a repeated class begin only where a token begins (the look-behind): tried
// at every position, they would rescan the rest of a long token each time, quadratic in its length.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|%40)[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// "ann [at] example [dot] com", "ann(at)example.com", "ann at example dot com"; the top-level domain
// is letters, so "meet at 10.30" is not an address
const OBFUSCATED_EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+\s*(?:[[({]\s*at\s*[\])}]|\s(?:at|AT)\s)\s*[\p{L}\p{N}-]+(?:(?:\s*[[({]\s*dot\s*[\])}]\s*|\s(?:dot|DOT)\s|\.)[\p{L}\p{N}-]+)*(?:\s*[[({]\s*dot\s*[\])}]\s*|\s(?:dot|DOT)\s|\.)\p{L}{2,}(?![\p{L}\p{N}])/gu;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){3,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;
// Dates and times look like phone numbers to a digit counter; they are set aside first and kept.
const DATE_OR_TIME =
  /(?<![\d./-])(?:(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|(?:0?[1-9]|1[0-2])\/(?:19|20)\d{2})(?![./-]?\d)|\b\d{1,2}:\d{2}(?::\d{2})?\b/g;
// Product codes and sizes are no one's data: "SKU 448-102-77", "Artikelnummer 40012345", "150x190"
// (the blanks around the colon bounded: a run of spaces would be split every way at every position, cubic)
const PRODUCT_CODE_OR_SIZE =
  /(?<=(?:^|[^\p{L}])(?:SKU|sku|[Mm]odel|[Mm]odell|[Mm]odelo|[Mm]odello|[Mm]odèle|[Ii]tem (?:code|no\.?|number)|[Pp]art (?:no\.?|number)|[Pp]roduct code|[Aa]rtikel(?:nummer|-?[Nn]r\.?)?|[Aa]rt\.-?[Nn]r\.?|[Cc]odice articolo|[Cc]od\. art\.|[Cc]ode produit|[Cc]ódigo de producto|[Aa]rtikelnummer|EAN)[ \t]{0,4}[:#]?[ \t]{0,4})[A-Z0-9][A-Z0-9./-]*(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])\d{1,4}[ ]?[x×][ ]?\d{1,4}(?:[ ]?[x×][ ]?\d{1,4})?(?![\p{L}\p{N}])/gu;
// The last digits of a card, masked or named: "**** **** **** 4471", "card ending in 4471", "Karte endet auf 4471"
const CARD_TAIL = /(?<![\p{L}\p{N}*•])(?:[*xX•]{4}[ -]?){2,3}(\d{4})(?![\p{L}\p{N}])|(?<![\p{L}])(?:ending(?: in| with)?|ends in|ends with|last (?:four|4)(?: digits)?(?: are| of)?|endet auf|endend auf|endend mit|letzten vier ziffern|se terminant par|se termine par|finissant par|terminada en|terminando en|acabada en|que termina en|che termina con|terminante in|finale|eindigend op|eindigt op|eindigt met|laatste vier cijfers)[ \t:]*(?!(?:19|20)\d\d)(\d{4})(?![\p{L}\p{N}])/dgu;
const SSN = /\b\d{3}-\d{2}-\d{4}\b/g;
// Spanish DNI / NIE ("12345678Z", "X1234567L"): the digit rule would leave the letter behind
const ES_DNI = /\b[XYZ]?\d{7,8}-?[A-HJ-NP-TV-Z]\b/g;
const UK_NINO = /\b[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b/g;
// Any run of digits with phone-ish separators; what it is gets decided by counting its digits.
// One separator (or a "(0)"-style group, or a spaced " / ") between digit groups: "0958 / (555)" is two numbers, not one.
// A spaced slash or dash after the area code too: "0662 / 87 44 31", "050 - 318 22 77".
const DIGIT_RUN = /(?:\+|\b|(?=\())(?:\(\d{1,5}\)\s?)?\d+(?:(?:[ .\-/]| [/–-] | ?\(\d{1,5}\) ?)\d+)*/g;
// Passport, licence, ID-card and account-like codes: letters and digits mixed, at least five digits
// (product models such as "QE55Q80C" or "RTX4090" rarely have five), not the tail of a hyphenated
// model number ("WH-1000XM4").
const ALNUM_CODE = /\b(?<![A-Za-z]-)(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]{6,}\b/g;
// Recall first (with the word lists on): any code mixing letters and at least three digits ("LDW/2291/K",
// "AB-4471", "F2026-00418") is a reference, unless it is a quantity ("500ml", "100mg", "12kg").
const MIXED_CODE = /(?<![\p{L}\p{N}@./-])(?=[A-Za-z0-9/-]*\d[A-Za-z0-9/-]*\d[A-Za-z0-9/-]*\d)(?=[A-Za-z0-9/-]*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*(?![\p{L}\p{N}@]|[-/.]?[\p{L}\p{N}])/gu;
const CAPS_CODE = /(?<![\p{L}\p{N}@./-])(?=[A-Z0-9]{6,8}(?![\p{L}\p{N}@]|[-/.][\p{L}\p{N}]))(?=(?:[A-Z]*\d){1,2}[A-Z]*(?![\p{L}\p{N}]))(?=(?:\d*[A-Z]){3})(?![A-Z]+\d+(?![\p{L}\p{N}]))[A-Z0-9]{6,8}(?![\p{L}\p{N}])/gu;
const QUANTITY = /^\d+(?:[a-z]{1,3}|[A-Z]{1,2}|[a-z]{1,2}\d?|h\d{2})$/;
const HOUSE_NUMBER_AFTER_UNKNOWN = /(?<=\uE000[ \t]*(?:[\p{Lu}][\p{L}.'-]*[ \t]+)?)\d{1,4}[a-zA-Z]?(?:\/[A-Za-z0-9]{1,3})?(?![\p{L}\p{N}])(?=[ \t]*(?:[,;]|\r?\n|$))/gu;
const HOUSE_NUMBER_BEFORE_UNKNOWN = /(?<![\p{L}\p{N}\uE000.,:/-])\d{1,4}[a-zA-Z]?,?[ \t]+(?=\uE000+(?:[ \t]+[\p{Lu}][\p{L}'-]*)?[ \t]*(?:[,;]|\r?\n|$))/gu;
const UK_POSTCODE = /\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b/g;
// English street types; "340 West 57th Street", "1420 N Wells St"
const STREET =
  /\b(?:(?:Flat|Apartment|Apt\.?|Unit|Suite)\s*#?\d{1,4}[A-Za-z]?(?:\/(?=\d)|,?\s+)(?:\d{1,5}[A-Za-z]?,?\s+)?|\d{1,5}(?:[-/]\d{1,5})?[A-Za-z]?,?\s+)(?:(?:[NSEW]|N[EW]|S[EW])\.?\s+)?(?:(?:[\p{Lu}][\p{L}'-]+|St\.|\d{1,3}(?:st|nd|rd|th))\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Close|Court|Ct|Place|Pl|Square|Sq|Crescent|Terrace|Gardens|Grove|Hill|Park|Row|Walk|Mews|Parade|Rise|View|Green|Wharf|Quay|Circus|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Trail|Vale|Chase|Croft|Heights|Estate|Mount|Approach|Bank|Fold|Garth|Meadows|Paddock|Ridge|Wynd|Yard|Broadway|Esplanade|Embankment|Promenade|Drove|Nook|Orchard|Spinney|Strasse|Straße|Weg|Gasse|Platz|Allee)\b\.?(?:[ \t]+(?:NW|NE|SW|SE|[NSEW](?=[ \t]*,)|Upper|Lower)\b)?/gu;
const LOWER_CASE_STREET =
  /(?<![\p{L}\p{N}.,])(?:(?:flat|apt\.?|apartment|unit)\s*\d{1,4}[a-z]?,?\s+)?\d{1,5}[a-z]?,?\s+(?!(?:the|a|an|of|to|in|on|at|for|from|by|with|more|other|wrong|same|way|lane|one|two|three|hours?|minutes?|miles?|km|blocks?|times|years?|days?|weeks?)\s)(?:\p{Ll}[\p{L}'-]+\s+){1,2}(?:street|road|avenue|lane|crescent|terrace|gardens|grove)(?![\p{L}\p{N}])(?![ \t]+(?:trips?|works|signs?|maps?|rage|closures?|safety|tests?|race|lights?|bikes?|tax|users?|noise|food|party|parties)(?![\p{L}]))/gu;
// "Flat 4, 27 Kingsway", "Apt 3B, 12 Northgate"
const FLAT_OR_ONE_WORD_STREET =
  /\b(?:(?:Flat|Apartment|Apt\.?|Unit|Suite)\s*\d{1,4}[A-Za-z]?,?\s+)?\d{1,5}[A-Za-z]?,?\s+[\p{Lu}][\p{L}'-]*(?:way|gate|street|road|lane|side|field|wood|bury)\b|\b(?:Flat|Apartment|Apt\.?|Unit|Suite)\s*#?\d{1,4}[A-Za-z]?\b/gu;
// A house name and its street alone on a line of a signature block: "The Old Rectory, Church Lane"
const UK_NAMED_HOUSE_LINE =
  /(?<=^|\n)[ \t]*(?:(?:[\p{Lu}][\p{L}'-]*[ \t]+){0,3}[\p{Lu}][\p{L}'-]*,[ \t]*)?(?:[\p{Lu}][\p{L}'-]*[ \t]+){1,2}(?:Street|Road|Avenue|Lane|Drive|Close|Court|Crescent|Terrace|Gardens|Grove|Mews|Row|Walk|Way|Rise|View|Green)(?=[ \t]*,?[ \t]*(?:\r?\n|$))/gu;
// German "Am Lindenhof 3", "An der Alster 12", "Im Winkel 5a", and estates: "Gut Rosenau 3"
const GERMAN_SITE = /\b(?:Am|An der|An den|Im|Auf der|Auf dem|Zum|Zur|In der|Unter den|Hinter der|Vor dem|Gut|Hof|Schloss|Burg|Kloster)\s+(?:(?:Alte[nmrs]?|Neue[nmrs]?|Große[nmrs]?|Grosse[nmrs]?|Kleine[nmrs]?|Hohe[nmrs]?|Obere[nmrs]?|Untere[nmrs]?|Langen?|Breite[nmrs]?|Weiße[nmrs]?|Roten?|Grünen?|Schwarzen?)\s+)?([\p{Lu}][\p{L}-]+)\s+\d{1,4}[a-z]?\b/dgu;
// Either case of the first letter: "rue", "Rue"
const anyCase = (words: string) => words.split('|').map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1).replace(/[./]/g, (c) => `\\${c}`)}`).join('|');
// Number first (French, English-style): "12 rue de Rivoli", "3 bis, chemin de la Croix", "14 avenue Jean Jaurès"
const NUMBER_FIRST_TYPES = anyCase('rue|avenue|av.|boulevard|bd|place|allée|allee|impasse|chemin|route|quai|cours|square|passage|voie|sentier|via|viale|calle|avenida|plaza');
// Type first, number after (Italian, Spanish, Belgian French, Portuguese): "Via dei Mille 7",
// "C/ Pintor Sorolla 18, 4º izq.", "Corso Vittorio Emanuele II 112", "Rue du Midi 45"
// ("R." for rua or rue only capitalised: a Polish year is written "1978 r.")
const TYPE_FIRST_TYPES = 'R\\.|' + anyCase(
  'rue|avenue|boulevard|chaussée|place|quai|chemin|allée|impasse|route|drève|clos|square|via|viale|v.le|corso|c.so|piazza|p.zza|p.za|p.le|piazzale|largo|vicolo|lungomare|lungotevere|strada|contrada|borgo|vico|salita|calle|c/|avenida|avda.|av.|paseo|pº|plaza|pza.|ronda|camino|carretera|ctra.|travesía|pasaje|glorieta|carrer|camí|avinguda|passatge|travessera|passeig|plaça|rambla|rua|travessa|largo|praça|alameda|estrada|calçada|beco|laan|plein|kade|gracht|singel|dreef|ul.|ulica|ulicy|ulicą|al.|aleja|alei|aleje|os.|osiedle|osiedlu|pl.|plac|placu',
);
const STREET_PARTICLE = "(?:de la|de los|de las|de l'|des|du|de|del|della|delle|dei|degli|dello|di|da|do|dos|das|d'|van de|van der|van den|van|der|den|ter|ten|het)";
// Spanish floor and door: "3º B", "4º izq.", "2ºA", "bajo"
const ES_FLOOR = '(?:,?[ \\t]*(?:\\d{1,2}\\.?[ ]?[º°ª]|\\d(?:r|n|t)(?=[ \\t]+\\d{1,2}a(?![\\p{L}\\p{N}]))|bajo|r/c)(?:[ \\t]*(?:[A-Z](?![\\p{L}])|\\d{1,2}a(?![\\p{L}\\p{N}])|izq(?:da|uierda)?\\.?|izda\\.?|dcha\\.?|der(?:echa)?\\.?|[Ee]sq(?:uerdo)?\\.?|[Dd]t?o\\.?|[Dd]ir(?:eito)?\\.?|[Ff]rente|\\d[ºª]|(?:piano|planta|piso|andar)(?![\\p{L}])))?|,?[ \\t]*(?:lok\\.|m\\.|lokal|mieszkanie|apt\\.?|bo[iî]te|bte\\.?|bus)[ \\t]*\\d{1,4}[a-zA-Z]?(?![\\p{L}\\p{N}]))?';
const STREET_CONTINENTAL = new RegExp(
  [
    `\\b(?:\\d{1,4}-)?\\d{1,5}(?:[ ]?(?:bis|ter|quater)|[A-Za-z])?,?\\s+(?:${NUMBER_FIRST_TYPES})(?![\\p{L}])\\s+(?:${STREET_PARTICLE}\\s*)?(?:\\d{1,2}(?:er)?[ \\t]+(?:[Jj]anvier|[Ff]évrier|[Mm]ars|[Aa]vril|[Mm]ai|[Jj]uin|[Jj]uillet|[Aa]oût|[Ss]eptembre|[Oo]ctobre|[Nn]ovembre|[Dd]écembre)(?:[ \\t]+\\d{4})?(?![\\p{L}\\p{N}])|[\\p{L}'-]+)(?:\\s+(?:${STREET_PARTICLE}\\s*)?[\\p{Lu}][\\p{L}'-]+){0,2}(?:[ \\t]+(?:O|E|N|S|Ouest|Est|Nord|Sud)(?=[ \\t]*,))?`,
    `(?<![\\p{L}])(?:${TYPE_FIRST_TYPES})(?![\\p{L}])[ \\t]*(?:${STREET_PARTICLE}[ \\t]+)?(?:[\\p{Lu}\\d][\\p{L}\\d'.-]*[ \\t]+(?:${STREET_PARTICLE}[ \\t]+)?){0,3}?[\\p{Lu}][\\p{L}'.-]*,?[ \\t]+(?:(?:[Kk]m\\.?[ ]?|n(?:\\.[ºo°]?|[ºo°])[ ]?|n[úu]m\\.[ ]?|nr\\.?[ ]?)?\\d{1,5}[a-zA-Z]?(?:\\/[A-Za-z0-9]{1,3})?|[sS]\\/[nN])(?![\\p{L}\\p{N}])${ES_FLOOR}`,
    // Dutch and German suffixes: "Hauptstraße 12a", "Keizersgracht 123", "Seestrasse 120", "Zeedijk 4"
    `\\b(?!(?:Stell|Park|Sitz|Steh|Liege|Abstell|Camping|Arbeits|Spiel)platz)[\\p{Lu}][\\p{L}-]*(?:straße|strasse|str\\.|-Straße|-Strasse|-Str\\.|-Weg|-Platz|-Allee|-Ring|-Damm|-Gasse|-Ufer|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|wall|kamp|reihe|graben|stieg|winkel|anger|zeile|promenade|twiete|straat|laan|gracht|plein|kade|singel|dijk|steeg|dreef|plantsoen|burgwal|haven|vej|gatan|gate|veien|vägen|gade|katu)\\s+(?:(?:nr|no|n[º°])\\.?\\s*)?\\d{1,5}[a-zA-Z]?\\b`,
    // in lower case, only the unmistakable types: "hauptstraße 12", "bahnhofstr. 5", "Hauptstr.12", "kerkstraat 12"
    `(?<![\\p{L}\\p{N}])\\p{Ll}[\\p{L}-]{2,}(?:straße|strasse|straat|gracht)\\s+\\d{1,5}[a-zA-Z]?\\b|(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}-]{2,}str\\.\\s*\\d{1,5}[a-zA-Z]?\\b`,
    // and Spanish, Italian, French, Portuguese types in lower case with a lower-case name: "calle mayor 5", "viale monza 12"
    `(?<![\\p{L}])(?:calle|avenida|viale|piazza|rue|rua)[ \\t]+(?:(?:de la|del|de|della|di|des|du|da|do)[ \\t]+)?(?:\\p{Ll}[\\p{L}'-]*[ \\t]+){0,2}\\p{Ll}[\\p{L}'-]{2,}[ \\t]+\\d{1,4}[a-z]?(?![\\p{L}\\p{N}])`,
    // the street type as a word of its own: "Bremer Str. 41", "Berliner Allee 5", "Lange Laan 3"
    `\\b[\\p{Lu}][\\p{L}-]*[ \\t]+(?:Straße|Strasse|Str\\.|Weg|Gasse|Platz|Allee|Ring|Damm|Ufer|Chaussee|Reihe|Graben|Markt|Promenade|Zeile|Anger|Straat|Laan|Gracht|Plein|Kade|Singel|Dijk|Markt|Haven|Burgwal)[ \\t]+\\d{1,5}[a-zA-Z]?\\b`,
  ].join('|'),
  'gu',
);
// French building names before the number: "Résidence Le Parc, 14 avenue…"
const BUILDING = /(?<![\p{L}])(?:Résidence|Residence|Residencia|Residenza|Bâtiment|Bât\.|Lotissement|Domaine|Hameau|Urbanización|Urb\.)[ \t]+(?:[\p{Lu}][\p{L}'-]*[ \t]*){1,3}(?=,?[ \t]*[\d\uE000])/gu;

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

/** The whole name, each word, each half of a hyphenated word and a surname with its particle ("de Graaf"); never a lone particle. */
function nameParts(name: string): string[] {
  const whole = name.trim();
  const words = whole.split(/\s+/);
  const hyphenated = words.flatMap((w) => w.split('-'));
  const particleSurname = words.findIndex((w, i) => i > 0 && PARTICLES.has(w.toLowerCase()));
  const surname = particleSurname > 0 ? words.slice(particleSurname).join(' ') : words.length > 1 ? words[words.length - 1] : null;
  // the way a signature abbreviates it: "K. de Graaf", "H Dunmore" (the initial is part of the name)
  const initialled = surname && /^\p{L}/u.test(words[0]) ? [`${words[0][0]}. ${surname}`, `${words[0][0]}.${surname}`, `${words[0][0]} ${surname}`] : [];
  // with the particle shortened too: "M. v. Rechberg", "J. v.d. Berg"
  if (particleSurname > 0 && /^\p{L}/u.test(words[0])) {
    const rest = words.slice(particleSurname);
    const short = rest.filter((w) => PARTICLES.has(w.toLowerCase())).map((w) => `${w[0]}.`);
    const tail = rest.filter((w) => !PARTICLES.has(w.toLowerCase())).join(' ');
    initialled.push(`${words[0][0]}. ${short.join(' ')} ${tail}`, `${words[0][0]}. ${short.join('')} ${tail}`, `${words[0]} ${short.join(' ')} ${tail}`);
  }
  // and the way a sign-off does: "Karin V.", "Paolo G."
  if (surname && particleSurname < 0 && /^\p{Lu}/u.test(surname) && words[0].length >= 2) initialled.push(`${words[0]} ${surname[0]}`);
  // both initials with their dots: "F. L.", "F.L."
  if (surname && /^\p{Lu}/u.test(words[0]) && /^\p{Lu}/u.test(surname)) initialled.push(`${words[0][0]}. ${surname[0]}.`, `${words[0][0]}.${surname[0]}.`);
  // a hyphenated surname written spaced or joined: "Al Farsi", "Alfarsi" for "Al-Farsi"
  const unhyphenated = surname && /^\p{L}{2,}(?:-\p{L}{2,})+$/u.test(surname) ? [surname.replace(/-/g, ' '), surname[0] + surname.slice(1).replace(/-/g, '').toLowerCase()] : [];
  return [
    whole,
    ...initialled,
    ...unhyphenated,
    ...(particleSurname > 0 ? [surname!] : []),
    ...words,
    ...hyphenated,
  ]
    .map((p) => p.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '').replace(/^(.*[^.])\.+$/u, '$1'))
    .filter((p) => p.length >= 2 && !PARTICLES.has(p.toLowerCase()));
}

/**
 * Short forms of the contact's given names ("Jon" for Jonathan, "Meg" for Megan, "Steve" for
 * Stephen): any capitalised known given name sharing their first three letters. Another person so
 * named is PII too; common words are never given names here ("Will", "May" are excluded by isGivenName).
 */
function findShortForms(scan: Scan, names: string[]): void {
  const stems = [...new Set(names.flatMap((n) => n.trim().split(/[\s-]+/)).filter((w) => w.length >= 4 && isGivenName(w)).map((w) => w.slice(0, 3)))];
  if (stems.length) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.map((st) => escapeRegExp(st[0].toUpperCase() + st.slice(1).toLowerCase())).join('|')})\\p{Ll}*(?![\\p{L}\\p{N}])`, 'gu');
    // (not a verb opening a question, before its subject: "Wil je mij bellen?")
    scan.pass(re, (m) => (isGivenName(m[0]) && !(m[0].length <= 3 && SENTENCE_START.test(scan.text.slice(Math.max(0, m.index - 4), m.index)) && QUESTION_SUBJECT.test(scan.text.slice(m.index + 3, m.index + 10))) ? 'name' : null));
  }
  // Pet forms that double a letter or add a diminutive ending: "Olli" for Oliver, "Fredi" for Frederik —
  // a capitalised word whose letters (doubles collapsed, a final -i/-y/-ie dropped) begin the given name.
  // (the contact's first name, known or not: "Willemijn" is in no list)
  const given = [...new Set(names.flatMap((n) => [n.trim().split(/[\s-]+/)[0], ...n.trim().split(/[\s-]+/).filter(isGivenName)]).filter((w) => w.length >= 4).map((w) => w.toLowerCase()))];
  // A line of its own that is a piece of a given name ("Liv" for Olivia, "Sandra" for Alessandra) or the
  // initials of the name ("JB" for Jean-Baptiste Morel, "P.N."): the writer signing.
  const initials = names.flatMap((n) => {
    const parts = n.trim().split(/\s+/);
    const first = parts[0].split('-').map((w) => w[0] ?? '').join('');
    // (and every word's: "ALP" for Ana Luísa Pereira, "JPL" for Jean-Pierre Lemaire)
    const every = parts.filter((w) => !PARTICLES.has(w.toLowerCase())).flatMap((w) => w.split('-')).map((w) => w[0] ?? '').join('');
    return [first, first + (parts.length > 1 ? parts[parts.length - 1][0] : ''), every].filter((i) => i.length >= 2).map((i) => i.toUpperCase());
  });
  // (the blanks before it bounded: a long run of them would be rescanned from every position)
  scan.pass(/(?<=(?:^|\n)[ \t]{0,12}(?:[-–—]{1,3}[ \t]{0,4})?)(\p{Lu}\p{Ll}{2,}|\p{Lu}\.?[ ]?\p{Lu}\.?(?:[ ]?\p{Lu}\.?)?)(?=[ \t]*[.!,]?[ \t]*(?:\r?\n|$))/gu, (m) => {
    const w = m[1].toLowerCase();
    if (/\p{Ll}/u.test(m[1])) return !isNotAName(m[1]) && given.some((g) => g.length > w.length && g.includes(w)) ? 'name' : null;
    return initials.includes(m[1].replace(/[.\s]/g, '')) ? 'name' : null;
  });
  // a single initial of the name signing after a dash: "— Y.", "-- M."
  const firstLetters = new Set(names.flatMap((n) => n.trim().split(/\s+/).filter((w) => !PARTICLES.has(w.toLowerCase())).map((w) => w[0]?.toUpperCase())));
  scan.pass(/(?:^|\n)[ \t]*(?:--|—|–)[ \t]*(\p{Lu}\.)(?=[ \t]*(?:\r?\n|$))/dgu, (m) => (firstLetters.has(m[1][0]) ? groupSpan(m, 1, 'name') : null));
  const starts = [...new Set(given.map((g) => g.slice(0, 2)))].filter((st) => /^\p{L}{2}$/u.test(st));
  if (!starts.length) return;
  const pet = new RegExp(`(?<![\\p{L}\\p{N}])(?:${starts.map((st) => escapeRegExp(st[0].toUpperCase() + st.slice(1))).join('|')})\\p{Ll}{1,5}(?![\\p{L}\\p{N}])`, 'gu');
  const collapse = (w: string) => w.toLowerCase().replace(/(\p{L})\1+/gu, '$1');
  scan.pass(pet, (m) => {
    // only a changed form: "Olli", "Mari", never "Mar" itself — unless the writer signs or introduces
    // themself with it: "Wil hier", "Fran here", a line of its own
    const after = scan.text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    // (or signs with it after a comma: "Un saluto, Sere")
    const lineEnds = /^[ \t]*(?:\r?\n|$)/u.test(after);
    const self = (/^(?:[ \t]+(?:here|hier|ici|aquí|aqui|qui)(?![\p{L}])|[ \t]*(?:\r?\n|$))/u.test(after) && /(?:^|\n)[ \t]*$|(?:hi|hoi|hallo|hello|hey|ciao|hola)[ \t,!]*$/iu.test(scan.text.slice(Math.max(0, m.index - 12), m.index))) || (lineEnds && /\p{L},[ \t]*$/u.test(scan.text.slice(Math.max(0, m.index - 4), m.index)));
    const forms = [collapse(m[0]), collapse(m[0]).replace(/(?:ie|i|y)$/u, '')].filter((f) => self || f !== m[0].toLowerCase());
    return !isNotAName(m[0]) && forms.some((f) => f.length >= 3 && given.some((g) => g !== f && g.startsWith(f))) ? 'name' : null;
  });
}

/** How a word of the name that is also a word is written when it is the name: "Rose", "ROSE", "Du Pont", "du Pont". */
function capitalForms(p: string): string[] {
  const toggled = (p[0] === p[0].toUpperCase() ? p[0].toLowerCase() : p[0].toUpperCase()) + p.slice(1);
  return /\s/.test(p) ? [p, toggled, p.toUpperCase()] : [p[0].toUpperCase() + p.slice(1).toLowerCase(), p.toUpperCase()];
}

const NAMED_PLACE =
  /(?<![\p{L}\p{N}])(?:St|Ste|Saint|Sainte|San|Santa|Sankt|São|Sint|Schloss|Château|Castello|Palazzo|Kloster|Abbaye|Liceo|Lycée|Collège|Colegio|Istituto|Gymnasium|Ospedale|Hôpital|Klinikum)\.?(?:[ \t]+|-)\p{Lu}[\p{L}'’]*(?:(?:[ \t]+|-)(?:de|di|del|la|le|du)?[ \t]*\p{Lu}[\p{L}'’]*)?/gu;

const CONTACT_WORD_ARTICLE = /(?:^|[^\p{L}])(?:the|a|an|el|los|las|un|una|del|al|le|les|une|du|au|il|lo|gli|uno|het|een|ein|eine|einen|einem|im|am|zum|vom|beim)[ \t]+$/iu;
const SELF_CUES = ["ich bin", 'hier ist', "c'est", 'je suis', 'ici', 'sono', 'soy', 'sou', "i'm", "it's", 'its', 'this is', 'ik ben', 'hier is', 'lg', 'vg', 'gr', 'groetjes', 'bisous', 'bises', 'cheers', 'besos', 'baci', 'saluti', 'saludos', 'groeten', 'grüße', 'gruß'].map(escapeRegExp).join('|');
const QUESTION_SUBJECT = /^[ \t]+(?:je|jij|u|you|ich|du|sie|er|wir|ihr|tu|vous)(?![\p{L}])/iu;
const GERMAN_ARTICLE = /(?:^|[^\p{L}])(?:der|die|das|den|dem|des)[ \t]+$/iu;
const SENTENCE_START = /(?:^|[.!?¡¿\n])[ \t"«„“(]*$/u;
// what follows a writer's own name when they introduce themself: "Bill here", "Joke hier (geen grap)", "Pepe, de…"
const SELF_AFTER = /^(?:[ \t]+(?:here|hier|ici|qui|aquí|aqui|again|speaking|am apparaat)(?![\p{L}])|[ \t]*(?:\r?\n|$)|[ \t]+\(?\uE000)/u;

/** The contact's pet forms ("Bill" for William, "Pepe" for José), alone and with the surname or its initial ("Pepe Ruiz", "Frankie R"). */
function petVariants(name: string): { pets: string[]; full: string[] } {
  const words = name.trim().split(/\s+/);
  const given = [words[0], ...words[0].split('-'), ...(words.length > 2 && !PARTICLES.has(words[1].toLowerCase()) ? [words[1]] : [])];
  // (and the diminutives of the given name itself: "Roosje", "Annetje", "Carmencita" is too far, "Rosita", "Paolino")
  const diminutives = words[0].length >= 4 && /^\p{L}+$/u.test(words[0]) ? [/[aeiouy]$/iu.test(words[0]) ? `${words[0]}tje` : `${words[0]}je`, ...(/[aeo]$/iu.test(words[0]) ? [`${words[0].slice(0, -1)}ita`, `${words[0].slice(0, -1)}ito`, `${words[0].slice(0, -1)}ina`, `${words[0].slice(0, -1)}ino`] : [])] : [];
  const pets = [...new Set([...given.flatMap(petForms), ...diminutives])];
  // two given names make one pet form of their first syllables or initials: "Majo" for María José, "PJ" for Pieter-Jan
  const pair = words[0].includes('-') ? words[0].split('-') : words.length > 2 && isGivenName(words[1]) ? [words[0], words[1]] : [];
  if (pair.length === 2 && pair.every((w) => w.length >= 2 && isGivenName(w))) {
    const plain = pair.map((w) => w.normalize('NFD').replace(/\p{M}+/gu, ''));
    pets.push(plain[0].slice(0, 2) + plain[1].slice(0, 2).toLowerCase(), (plain[0][0] + plain[1][0]).toUpperCase());
  }
  const particle = words.findIndex((w, i) => i > 0 && PARTICLES.has(w.toLowerCase()));
  // (Spanish and Portuguese put the family name second of three: "José Ruiz Ortega" is Pepe Ruiz)
  const surnames = particle > 0 ? [words.slice(particle).join(' ')] : words.length > 1 ? [words[words.length - 1], ...(words.length > 2 ? [words[1]] : [])] : [];
  // (and the pet form's initial: "L. Navarro" for Lola, Dolores Navarro)
  const full = surnames.flatMap((s) => pets.flatMap((p) => [`${p} ${s}`, ...(/^\p{Lu}/u.test(s) ? [`${p} ${s[0]}`, `${p[0].toUpperCase()}. ${s}`] : [])]));
  return { pets, full };
}

function addressParts(address: string): string[] {
  const lines = address.split(/[\n,;]+/).map((l) => l.trim()).filter((l) => l.length >= 3);
  const postcodes = [...address.matchAll(UK_POSTCODE)].map((m) => m[0]);
  // "12 Baker Street" is also written "Baker Street"; bare house numbers alone are not worth chasing.
  const streets = lines.map((l) => l.replace(/^\d+[A-Za-z]?\s+/, '')).filter((l) => l.length >= 5 && /\p{L}{3}/u.test(l));
  return [address, ...lines, ...postcodes, ...streets];
}

const LONG_BLANK_RUNS = /\s{32,}/gu;

/**
 * Finds e-mails (also "[at]"-obfuscated), IBANs, card numbers (Luhn-checked), national-ID-like and
 * passport/licence-like codes, long digit runs, phone numbers in any common format, street addresses,
 * postcodes, dates of birth, licence plates, order / booking / ticket references, names given by
 * their context in six languages, and everything the ticket itself knows about the contact.
 */
export function findPii(input: string, known: KnownPii | Array<string | undefined | null> = {}, options: PiiOptions = {}): PiiSpan[] {
  // Many patterns look behind over blanks ("NY 10001", "nach 80331"): in a long run of blanks each
  // position scans back to its start, so 8 KB of spaces took 2 s and 100 KB minutes. No item spans
  // 32 blanks, so the text is searched in the pieces between such runs.
  const breaks = [...input.matchAll(LONG_BLANK_RUNS)].map((r) => [r.index, r.index + r[0].length] as const);
  if (!breaks.length) return findPiiInPiece(input, known, options);
  const spans: PiiSpan[] = [];
  let start = 0;
  for (const [end, next] of [...breaks, [input.length, input.length] as const]) {
    for (const s of findPiiInPiece(input.slice(start, end), known, options)) spans.push({ ...s, start: s.start + start, end: s.end + start });
    start = next;
  }
  return spans;
}

function findPiiInPiece(input: string, known: KnownPii | Array<string | undefined | null>, options: PiiOptions): PiiSpan[] {
  const k: KnownPii = Array.isArray(known) ? { names: known } : known;
  const scan = new Scan(input);

  // Known values first: they are the surest hits and must win over partial pattern matches.
  scan.literals(k.emails?.filter((e): e is string => !!e) ?? [], 'email');
  scan.literals(k.phones?.filter((p): p is string => !!p && p.replace(/\D/g, '').length >= 6) ?? [], 'phone');
  scan.pass(EMAIL, 'email');
  scan.pass(OBFUSCATED_EMAIL, 'email');
  scan.pass(IBAN, 'iban');
  scan.literals((k.addresses ?? []).flatMap((a) => (a ? addressParts(a) : [])), 'address');
  scan.pass(STREET, 'address');
  scan.pass(STREET_CONTINENTAL, 'address');
  scan.pass(LOWER_CASE_STREET, 'address');
  scan.pass(FLAT_OR_ONE_WORD_STREET, 'address');
  scan.pass(BUILDING, 'address');
  scan.pass(UK_NAMED_HOUSE_LINE, 'address');
  scan.pass(GERMAN_SITE, (m) => (isNotAName(m[1]) ? null : 'address'));
  findPostBoxes(scan);
  extendAddresses(scan);
  findBirthDates(scan);
  findCodes(scan);

  scan.keeping(PRODUCT_CODE_OR_SIZE, () => scan.keeping(DATE_OR_TIME, () => {
    // (anchored on its cue's first letter, not a look-behind tried at every digit)
    scan.pass(CARD_TAIL, (m) => (m[1] ? [{ start: m.index, end: m.index + m[0].length, kind: 'card' }] : groupSpan(m, 2, 'card')));
    scan.pass(SSN, 'id');
    scan.pass(ES_DNI, 'id');
    scan.pass(UK_NINO, 'id');
    scan.pass(DIGIT_RUN, (m) => {
      const digits = m[0].replace(/\D/g, '');
      if (digits.length >= 13 && digits.length <= 19 && luhn(digits)) return 'card';
      if (digits.length >= 7) return /^\+|^\(?0|[ ().\-/]/.test(m[0].trim()) && digits.length <= 15 ? 'phone' : 'id';
      if (digits.length >= 6) return 'id';
      return null;
    });
    scan.pass(ALNUM_CODE, (m) => ((m[0].match(/\d/g)?.length ?? 0) >= 5 ? 'id' : null));
    if (options.dictionary) scan.pass(MIXED_CODE, (m) => (m[0].split(/[-/]/).every((p) => QUANTITY.test(p) || !/\d/.test(p)) ? null : 'reference'));
    // a booking code in capitals with one or two digits, as airlines and hotels write them: "QX7P2M", "K9TZ4W"
    if (options.dictionary) scan.pass(CAPS_CODE, 'reference');
  }));

  const dict = options.dictionary;
  const contactNames = (k.names ?? []).filter((n): n is string => !!n);
  const parts = contactNames.flatMap(nameParts);
  // A part of the contact's name that is also a word ("Mark", "Rose", "Angelo", "Du Pont") is the name when
  // capitalised, and in lower case only alone on a line, as a sign-off: "I will mark it" keeps its verb.
  const isWord = (p: string) => !!dict && !p.includes('.') && p.split(/\s+/).every((w) => PARTICLES.has(w.toLowerCase()) || dict.common.has(w.toLowerCase()));
  // (not as a noun after its article: "lo del Mercedes de alquiler", "the Rose garden")
  // (nor after der / die / das, unless it is a given name: "Der Hahn in der Küche", but "der Sepp")
  const afterArticle = (at: number, w?: string) => CONTACT_WORD_ARTICLE.test(input.slice(Math.max(0, at - 8), at)) || (w !== undefined && GERMAN_ARTICLE.test(input.slice(Math.max(0, at - 8), at)) && !isGivenName(w));
  const pets = contactNames.flatMap(petVariants);
  // a pet form no list has as a word is the contact anywhere ("peggy", "Hansi"); one that is a word
  // ("Bill", "Joke", "Pepe") only capitalised, and at the start of a sentence only when the writer
  // introduces themself with it ("Bill here") or signs
  const isPetWord = (p: string) => !dict || dict.common.has(p.toLowerCase()) || isNotAName(p);
  const inOtherHyphenated = (at: number, w: string) => /[\p{L}.]-$/u.test(input.slice(Math.max(0, at - 2), at)) || /^-\p{L}/u.test(input.slice(at + w.length, at + w.length + 2));
  scan.literals([...parts.filter((p) => !isWord(p)), ...pets.flatMap((v) => v.full), ...pets.flatMap((v) => v.pets).filter((p) => !isPetWord(p))], 'name', false, inOtherHyphenated);
  const wordy = parts.filter(isWord);
  const wordyPets = pets.flatMap((v) => v.pets).filter(isPetWord);
  if (wordy.length || wordyPets.length) {
    scan.literals(wordy.flatMap(capitalForms), 'name', true, (at, w) => afterArticle(at, w) || inOtherHyphenated(at, w));
    scan.literals(wordyPets.flatMap(capitalForms), 'name', true, (at, w) => afterArticle(at) || (SENTENCE_START.test(input.slice(Math.max(0, at - 4), at)) && !SELF_AFTER.test(scan.masked.slice(at + w.length, at + w.length + 12))));
    // (anywhere from a writer who never capitalises a sentence: "hi its ben again. still no refund" —
    // the given name only: "el coche era blanco" keeps its colour)
    const lowerWriter = !/(?:^|[.!?]\s+)\p{Lu}/u.test(input);
    const given = new Set(contactNames.map((n) => n.trim().split(/\s+/)[0].toLowerCase()));
    const alternatives = [...wordy, ...wordyPets].map(escapeRegExp).join('|');
    // (anchored on the line break, not a look-behind tried at every position)
    scan.pass(new RegExp(`(?:^|\\n)[ \\t]*(?:[-–—]+[ \\t]*)?(${alternatives})(?=[ \\t]*[.!,]?[ \\t]*(?:\\r?\\n|$))`, 'dgiu'), (m) => groupSpan(m, 1, 'name'));
    const anywhere = wordy.filter((p) => given.has(p.toLowerCase()));
    if (lowerWriter && anywhere.length) scan.pass(new RegExp(`(?<![\\p{L}\\p{N}])(?:${anywhere.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu'), 'name');
    // a word of the name next to the rest of it, in any case: "merche blanco", "kees bakker"
    if (wordy.length) {
      const nameEnds = new Set(scan.spans.filter((s) => s.kind === 'name').flatMap((s) => [s.start, s.end]));
      const beside = new RegExp(`(?<=\\uE000[ \\t]+)(?:${wordy.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])|(?<![\\p{L}\\p{N}])(?:${wordy.map(escapeRegExp).join('|')})(?=[ \\t]+\\uE000)`, 'giu');
      scan.pass(beside, (m) => {
        const before = /[ \t]+$/.exec(scan.masked.slice(Math.max(0, m.index - 4), m.index));
        const after = /^[ \t]+/.exec(scan.masked.slice(m.index + m[0].length, m.index + m[0].length + 4));
        return (before && nameEnds.has(m.index - before[0].length)) || (after && nameEnds.has(m.index + m[0].length + after[0].length)) ? 'name' : null;
      });
    }
  }
  // a pet form right after the writer introduces or signs themself, in any case: "ich bin der tommi", "salut c'est nath", "lg steffi"
  const allPets = [...new Set(pets.flatMap((v) => v.pets))].filter((p) => p.length >= 3);
  if (allPets.length) scan.pass(new RegExp(`(?<![\\p{L}])(?:${SELF_CUES})[ \\t,]+(?:(?:der|die|la|il|el|o|a)[ \\t]+)?(${allPets.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'dgiu'), (m) => groupSpan(m, 1, 'name'));
  findShortForms(scan, contactNames);
  // the name of a saint, a castle or a school is a place, not a person: "St Brigid's Church", "San Marco",
  // "Schloss Elmau", "Lycée Victor Hugo"
  scan.keeping(NAMED_PLACE, () => {
    findContextNames(scan, dict ? { isKnown: (w) => dict.common.has(w.toLowerCase()) || dict.proper.has(w.toLowerCase()), isCommon: (w) => isCommonWord(w, dict) } : undefined);
    if (dict) {
      findUnknownNames(scan, dict);
      joinNameParts(scan, (w) => isCommonWord(w, dict));
    }
  });
  if (options.dictionary) {
    // a house number next to a word no list knows, at the end of a clause: "Brontalweg 4,", "12 Fenquist Row\n"
    scan.pass(HOUSE_NUMBER_AFTER_UNKNOWN, 'address');
    scan.pass(HOUSE_NUMBER_BEFORE_UNKNOWN, 'address');
    extendAddresses(scan);
  }
  return scan.spans.sort((a, b) => a.start - b.start);
}

/** `findPii`, with every span replaced by a placeholder naming its kind ("Martina [Beck]" is one [NAME]). */
export function redactPii(input: string, known: KnownPii | Array<string | undefined | null> = {}, options: PiiOptions = {}): RedactionResult {
  const counts = Object.fromEntries(Object.keys(PLACEHOLDER).map((kind) => [kind, 0])) as RedactionResult['counts'];
  let text = '';
  let last = 0;
  let lastKind: PiiKind | null = null;
  for (const s of findPii(input, known, options)) {
    const gap = input.slice(last, s.start);
    if (s.kind === lastKind && /^[ \t]+$/.test(gap)) {
      last = s.end;
      continue;
    }
    lastKind = s.kind;
    text += gap + PLACEHOLDER[s.kind];
    counts[s.kind]++;
    last = s.end;
  }
  return { text: text + input.slice(last), counts };
}
