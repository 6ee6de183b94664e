// Dates of birth, licence plates, order / booking / ticket references and postcodes, in the formats
// of the UK, US, Canada, Germany, France, Spain, Italy and the Netherlands. A bare number is
// ambiguous, so most of these need a cue ("born on", "Kennzeichen", "booking ref", "PLZ", a city
// after the code); the formats that are unmistakable on their own (a UK postcode, a French plate)
// do not. Every pattern is bounded or anchored on its cue: linear in the text.
import { groupSpan, oneOf, type PiiSpan, type Scan } from './pii-scan';
import { MONTHS, MORE_MONTHS } from './pii-words';

const START = '(?<![\\p{L}\\p{N}])';
const END = '(?![\\p{L}\\p{N}])';

// ---- dates of birth ----
const MONTH = `(?:${oneOf([...MONTHS, ...MORE_MONTHS])})\\.?`;
const DAY = '(?:[0-2]?\\d|3[01])(?:st|nd|rd|th|er|º|°|\\.)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
// Days written as words, 1–31, cardinal and ordinal: "the twelfth of June", "trois mars", "primo maggio", "vijf mei"
const tens = (unit: string[], ten: string, join: (t: string, u: string) => string) => unit.map((u) => join(ten, u));
const EN_UNITS = 'one|two|three|four|five|six|seven|eight|nine'.split('|');
const EN_ORD = 'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth'.split('|');
const DAY_WORDS = [
  ...EN_UNITS, ...'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty'.split('|'),
  ...EN_ORD, ...'tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth'.split('|'),
  ...tens(EN_UNITS, 'twenty', (t, u) => `${t}-${u}`), ...tens(EN_UNITS, 'twenty', (t, u) => `${t} ${u}`), ...tens(EN_ORD, 'twenty', (t, u) => `${t}-${u}`), ...tens(EN_ORD, 'twenty', (t, u) => `${t} ${u}`), 'thirty-one', 'thirty-first', 'thirty first',
  ...'ersten|zweiten|dritten|vierten|fünften|sechsten|siebten|achten|neunten|zehnten|elften|zwölften|dreizehnten|vierzehnten|fünfzehnten|sechzehnten|siebzehnten|achtzehnten|neunzehnten|zwanzigsten|einundzwanzigsten|zweiundzwanzigsten|dreiundzwanzigsten|vierundzwanzigsten|fünfundzwanzigsten|sechsundzwanzigsten|siebenundzwanzigsten|achtundzwanzigsten|neunundzwanzigsten|dreißigsten|einunddreißigsten|erste|zweite|dritte'.split('|'),
  ...'premier|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|dix-sept|dix-huit|dix-neuf|vingt|vingt et un|vingt-et-un|vingt-deux|vingt-trois|vingt-quatre|vingt-cinq|vingt-six|vingt-sept|vingt-huit|vingt-neuf|trente|trente et un|trente-et-un'.split('|'),
  ...'primero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciséis|dieciseis|diecisiete|dieciocho|diecinueve|veinte|veintiuno|veintiún|veintidós|veintidos|veintitrés|veintitres|veinticuatro|veinticinco|veintiséis|veintiseis|veintisiete|veintiocho|veintinueve|treinta|treinta y uno'.split('|'),
  ...'primo|uno|due|tre|quattro|cinque|sei|sette|otto|nove|dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto|diciannove|venti|ventuno|ventidue|ventitré|ventitre|ventiquattro|venticinque|ventisei|ventisette|ventotto|ventinove|trenta|trentuno'.split('|'),
  ...'een|één|eerste|twee|tweede|drie|derde|vier|vierde|vijf|vijfde|zes|zesde|zeven|zevende|acht|achtste|negen|negende|tien|tiende|elf|elfde|twaalf|twaalfde|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|twintigste|eenentwintig|tweeëntwintig|drieëntwintig|vierentwintig|vijfentwintig|zesentwintig|zevenentwintig|achtentwintig|negenentwintig|dertig|dertigste|eenendertig'.split('|'),
];
const DAY_WORD = `(?:${oneOf(DAY_WORDS)})`;
// Years in words: "nineteen fifty-two", "nineteen hundred and eighty", "neunzehnhunderteinundsechzig",
// "mil neuf cent cinquante", "millenovecentoquaranta", "mil novecientos cuarenta y ocho", "negentienhonderdvierenveertig"
const EN_TENS = '(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)';
const EN_BELOW_100 = `(?:${EN_TENS}(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|oh[- ](?:one|two|three|four|five|six|seven|eight|nine))`;
const FR_NUMBER = '(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|septante|huitante|octante|nonante)(?![\\p{L}])';
const ES_NUMBER = '(?:uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieci\\p{Ll}+|veinti\\p{Ll}+|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)(?![\\p{L}])';
const YEAR_WORDS = [
  `(?:nineteen|eighteen)[ -](?:hundred(?:[ ]and)?[ ])?${EN_BELOW_100}`,
  `two[ ]thousand(?:[ ]and)?(?:[ ](?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|${EN_TENS}))?`,
  'neunzehnhundert\\p{Ll}*', 'zweitausend\\p{Ll}*',
  `mil(?:le)?[ ]neuf[ ]cents?(?:[ -](?:et[ -])?${FR_NUMBER}){0,3}`, `deux[ ]mille(?:[ -](?:et[ -])?${FR_NUMBER}){0,2}`,
  `mil[ ]novecientos(?:[ ](?:y[ ])?${ES_NUMBER}){0,2}`, `dos[ ]mil(?:[ ](?:y[ ])?${ES_NUMBER}){0,2}`,
  'mille(?:nove|otto)cento\\p{Ll}*', 'duemila\\p{Ll}*',
  'negentienhonderd\\p{Ll}*', 'tweeduizend\\p{Ll}*',
].join('|');
const FULL_DATES = [
  `\\d{1,2}[./-]\\d{1,2}[./-](?:\\d{4}|\\d{2})`,
  `${DAY_WORD}[ \\t]+(?:de[ \\t]+|of[ \\t]+)?${MONTH}[ \\t,]*(?:de[ \\t]+|del[ \\t]+)?(?:${YEAR}|(?:${YEAR_WORDS})(?![\\p{L}]))`,
  `${YEAR}[./-]\\d{1,2}[./-]\\d{1,2}`,
  // (a two-digit year too after a month written out: "12th March '85", "12 Mar 85", "3 de abril del 77")
  // (and hyphenated: "21-Jun-45", "03-Oct-1961")
  `${DAY}(?:[ \\t]*|-)(?:de[ \\t]+|of[ \\t]+)?${MONTH}(?:[ \\t,]*|-)(?:de[ \\t]+|del[ \\t]+)?(?:${YEAR}|(?:${YEAR_WORDS})(?![\\p{L}])|['’]?\\d{2}(?![\\d:.,]\\d))`,
  `${MONTH}[ \\t]+${DAY}[ \\t,]+${YEAR}`,
  `${MONTH}[ \\t]+(?:de[ \\t]+|del[ \\t]+|of[ \\t]+)?${YEAR}`,
];
const DATE = [...FULL_DATES, YEAR].join('|');
const BORN = [
  ...['born on', 'born', 'date of birth', 'birth date', 'birthdate', 'dob', 'd.o.b.', 'd.o.b', 'birthday is', 'birthday:', 'birth:', 'geb.datum', 'geburtsdat.', 'data de nasc.', 'data nasc.', 'fecha nac', 'f. nac', 'data urodz.'],
  ...['geboren am', 'geboren', 'geb.', 'geburtsdatum', 'geburtstag'],
  ...['né le', 'née le', 'né en', 'née en', 'né', 'née', 'date de naissance', 'naissance', 'ddn', 'd.d.n.'],
  ...['nacido el', 'nacida el', 'nacido en', 'nacida en', 'fecha de nacimiento', 'f. nac.', 'fecha nac.', 'fecha de nac.', 'f. de nac.', 'nacimiento', 'nació', 'nacio', 'nací', 'naci', 'nacido', 'nacida'],
  ...['nato il', 'nata il', 'nato nel', 'nata nel', 'data di nascita', 'nascita', 'data nasc.', 'data di nasc.', 'nato', 'nata', 'nati'],
  ...['geboren op', 'geboortedatum', 'geb.'],
  ...['nasceu a', 'nasceu em', 'nasci a', 'nasci em', 'nascido a', 'nascida a', 'nascido em', 'nascida em', 'data de nascimento', 'nascimento'],
  ...['urodziłem się', 'urodziłam się', 'urodził się', 'urodziła się', 'urodzony', 'urodzona', 'urodzeni', 'data urodzenia', 'ur.'],
];
// "born on 3 May 1990", "Geboren bin ich am 14. März 1941", "DOB: 1985-09-30", "(born 2010)"
// Two more cues share this one pattern (each extra pattern over the date formats is a large regex that
// costs V8 compile time and code space on every long input):
// "b." abbreviates "born", only in lower case and before more than a year: "She was b. 3 Jul 1948" (not "plan B. 2019");
// and a second date of birth joined to one already found (masked): "I was born Feb 2, 1972 and my husband on
// the 30th of September 1970", "née le 1er janvier 1990 à Nantes et mon fils le 29.02.2016", "née le 14/03/2011, mon fils le 2011-03-14".
const KIN = ['my', 'his', 'her', 'our', 'mein', 'meine', 'meiner', 'sein', 'seine', 'ihr', 'ihre', 'unser', 'unsere', 'mon', 'ma', 'son', 'sa', 'notre', 'mi', 'su', 'nuestro', 'nuestra', 'mio', 'mia', 'il mio', 'la mia', 'suo', 'sua', 'mijn', 'zijn', 'haar', 'ons', 'onze', 'o meu', 'a minha', 'meu', 'minha'];
// (the second person by family, not anything owned: "né le 17.10.1969 et mon permis date de 1988" keeps its year)
const FAMILY = [
  ...['husband', 'wife', 'spouse', 'partner', 'son', 'sons', 'daughter', 'daughters', 'child', 'children', 'kid', 'kids', 'baby', 'boy', 'girl', 'twins', 'brother', 'sister', 'mother', 'father', 'mum', 'mom', 'dad', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'fiancé', 'fiancée', 'stepson', 'stepdaughter', 'eldest', 'youngest'],
  ...['mann', 'frau', 'ehemann', 'ehefrau', 'partnerin', 'sohn', 'söhne', 'tochter', 'töchter', 'kind', 'kinder', 'bruder', 'schwester', 'mutter', 'vater', 'enkel', 'enkelin', 'gatte', 'gattin', 'lebensgefährte', 'lebensgefährtin', 'zwillinge', 'kleine', 'kleiner'],
  ...['mari', 'femme', 'époux', 'épouse', 'conjoint', 'conjointe', 'compagnon', 'compagne', 'fils', 'fille', 'filles', 'enfant', 'enfants', 'frère', 'sœur', 'soeur', 'mère', 'père', 'bébé', 'cadet', 'cadette', 'aîné', 'aînée', 'petit-fils', 'petite-fille'],
  ...['marido', 'esposo', 'esposa', 'mujer', 'pareja', 'hijo', 'hija', 'hijos', 'hijas', 'hermano', 'hermana', 'madre', 'padre', 'bebé', 'nieto', 'nieta', 'novio', 'novia'],
  ...['marito', 'moglie', 'compagno', 'compagna', 'figlio', 'figlia', 'figli', 'figlie', 'fratello', 'sorella', 'bambino', 'bambina', 'nipote', 'fidanzato', 'fidanzata'],
  ...['man', 'vrouw', 'echtgenoot', 'echtgenote', 'zoon', 'zoons', 'dochter', 'dochters', 'kinderen', 'broer', 'zus', 'zuster', 'moeder', 'vader', 'kleinzoon', 'kleindochter', 'vriend', 'vriendin'],
  ...['mulher', 'filho', 'filha', 'filhos', 'irmão', 'irmã', 'mãe', 'pai', 'mąż', 'żona', 'syn', 'córka', 'fru', 'dotter'],
];
const JOINED_KIN = `(?<=\\uE000[^\\n.!?\\uE000]{0,30})(?<![\\p{L}])(?:(?:and|und|et|y|e|en|ed)[ \\t]+|(?<=\\uE000[ \\t]{0,4}),[ \\t]*)(?:${oneOf(KIN)})[ \\t]+(?:\\p{L}+[ \\t]+)?(?:${oneOf(FAMILY)})`;
const DOB = new RegExp(`${START}(?:${oneOf(BORN)}|b\\.|${JOINED_KIN})(?![\\p{L}])[^\\d\\n.!?\\uE000]{0,24}?(${DATE})${END}`, 'dgiu');
// The nouns name the date itself, so it may come later in the same sentence: "mijn geboortedatum
// (voor de verzekering) is 17-10-1966", "my date of birth, which your form rejects, is 1990-11-23".
const BIRTH_NOUNS = ['data de nascimento', 'data urodzenia', 'date of birth', 'birth date', 'birthdate', 'dob', 'd.o.b.', 'geburtsdatum', 'date de naissance', 'fecha de nacimiento', 'data di nascita', 'geboortedatum'];
// German and Dutch put the verb last, and any language may name the date first: "ich bin am
// 9.11.1958 geboren", "op vijf mei 2012 geboren", "the 14th of February 1990 is my date of birth"
// (within the clause: "delivered 2024-03-15, born and raised in Leeds" keeps its date; a bare year is left alone there: "in 2019 my son was born"; so is a date when the cue has its own:
// "ordered on 3 May 2024, he was born in 2010")
const DATE_FIRST_CUES = ['geboren', 'born', 'né', 'née', 'nacido', 'nacida', 'nació', 'nato', 'nata', 'date of birth', 'birth date', 'geburtsdatum', 'mein geburtstag', 'date de naissance', 'fecha de nacimiento', 'data di nascita', 'geboortedatum'];
const DOB_DATE_FIRST = new RegExp(`${START}(${FULL_DATES.join('|')})${END}[^\\d\\n.!?,;]{0,30}?(?<![\\p{L}])(?:${oneOf(DATE_FIRST_CUES)})(?![\\p{L}])(?![ \\t]*(?:on|in|am|im|le|en|el|il|nel|op|the)?[ \\t]*[\\d\\uE000])`, 'dgiu');
// A star before a date marks a birth in German: "* 03.04.1977 in Hamburg"
const DOB_STAR = /(?<![\p{L}\p{N}*])\*[ \t]?(\d{1,2}\.\d{1,2}\.(?:19|20)?\d{2})(?![\p{L}\p{N}])/dgu;
const DOB_NOUN = new RegExp(`${START}(?:${oneOf(BIRTH_NOUNS)})(?![\\p{L}])[^\\d\\n.!?]{0,60}?(${DATE})${END}`, 'dgiu');

// ---- licence plates ----
const LETTER = 'A-Z';
const PLATE_FORMATS = [
  `[${LETTER}]{2}\\d{2}[ ]?[${LETTER}]{3}`, // UK: AB12 CDE
  `[A-ZÄÖÜ]{1,3}-[${LETTER}]{1,2}[ -]?\\d{1,4}[EH]?`, // DE: B-MW 1234, HH-AB 123
  `[A-ZÄÖÜ]{1,3} [${LETTER}]{1,2} \\d{1,4}[EH]?`, // DE without hyphen: M AB 1234
  `[A-HJ-NP-TV-Z]{2}[- ]?\\d{3}[- ]?[A-HJ-NP-TV-Z]{2}`, // FR (SIV) and IT: AB-123-CD, AB 123 CD
  `\\d{4}[- ]?(?!GBP|CHF|DKK|SEK|NZD|PLN|CZK|HKD|KWH|MPH|KMH|BPM|RPM|PPM|DPI|FPS)[BCDFGHJKLMNPRSTVWXYZ]{3}`, // ES: 1234 BCD
  `[${LETTER}]{1,2}-\\d{4}-[${LETTER}]{1,2}`, // old ES: M-1234-AB
  `[1-9]-[${LETTER}]{3}-\\d{3}`, // BE: 1-ABC-234
  // NL side codes: three groups, letters and digits never mixed within a group, six characters
  `(?=[A-Z\\d-]{8}${END})(?:[${LETTER}]{1,3}|\\d{1,3})-(?:[${LETTER}]{2,3}|\\d{2,3})-(?:[${LETTER}]{1,3}|\\d{1,3})`,
];
const PLATE = new RegExp(`${START}(?:${PLATE_FORMATS.join('|')})${END}`, 'gu');
const PLATE_WORDS = [
  ...['plate', 'plates', 'number plate', 'licence plate', 'license plate', 'reg', 'reg.', 'reg no', 'registration', 'registration number', 'vehicle registration'],
  ...['kennzeichen', 'nummernschild', 'amtliches kennzeichen', 'kfz-kennzeichen'],
  ...['plaque', "plaque d'immatriculation", 'immatriculation', 'immatriculé', 'immatriculée'],
  ...['matrícula', 'matricula', 'placa'],
  ...['targa', 'targata', 'targato'],
  ...['kenteken', 'nummerplaat'],
  ...['numer rejestracyjny', 'numerze rejestracyjnym', 'rejestracja', 'tablica rejestracyjna', 'tablice rejestracyjne', 'registreringsnummer', 'reg.nr', 'regnr', 'kennzeichen des wagens', 'nr rej.', 'nr rejestracyjny', 'numer rej.'],
];
// After a cue any code of upper-case letters and digits is a plate: "plate CBXW 472", "targa EF 123 GH"
const PLATE_CUE = new RegExp(
  `${START}(?:${oneOf(PLATE_WORDS)})(?![\\p{L}])[ \\t]*(?:(?:(?:is|ist|est|es|è|was|number|no|nr)(?![\\p{L}\\p{N}])|no\\.|nr\\.|n°|:)[ \\t]*)?[(:]?[ \\t]*([A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,5}){0,2})${END}`,
  'dgiu',
);

// A vehicle named right before its plate: "our car is ABC 12D", "Mein Golf (DO-SK 779)", "la furgoneta 4471 KTR";
// weaker than a plate word, so the code must mix capitals and digits
const VEHICLES = ['car', 'van', 'vehicle', 'motorbike', 'motorcycle', 'auto', 'wagen', 'fahrzeug', 'pkw', 'lkw', 'transporter', 'voiture', 'véhicule', 'camionnette', 'moto', 'coche', 'vehículo', 'furgoneta', 'macchina', 'veicolo', 'furgone', 'busje', 'bestelwagen', 'carro', 'carrinha', 'viatura', 'samochód', 'samochodu', 'bil'];
const VEHICLE_PLATE = new RegExp(
  `${START}(?:${VEHICLES.map((v) => `[${v[0].toUpperCase()}${v[0]}]${v.slice(1)}`).join('|')})(?![\\p{L}])[ \\t]*(?:(?:is|ist|est|es|è|was|era|é|to|är)(?![\\p{L}\\p{N}])[ \\t]*)?[(:]?[ \\t]*((?=[A-Z0-9 -]*\\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,5}){0,2})(?![\\p{L}\\p{N}]|[-][\\p{L}\\p{N}])`,
  'dgu',
);

// A car named by its make (and model) right before a plate in a Polish, Swedish or Austrian shape, which no plate word
// announces: "my Skoda Octavia WX 12345", "vår Volvo ABC 12D", "unser Golf W-12345A", "Toyota KR 4F221"
// (never a model code or a year: "Golf GTI 2019", "Volvo XC60")
const CAR_MAKES = ['skoda', 'škoda', 'volvo', 'saab', 'toyota', 'volkswagen', 'vw', 'golf', 'polo', 'passat', 'audi', 'bmw', 'opel', 'ford', 'fiat', 'renault', 'peugeot', 'citroën', 'citroen', 'seat', 'kia', 'hyundai', 'tesla', 'mercedes', 'nissan', 'honda', 'mazda', 'dacia', 'suzuki', 'mitsubishi', 'subaru', 'mini', 'porsche', 'jeep', 'lexus'];
const MAKE_PLATE = new RegExp(
  `${START}(?:${oneOf(CAR_MAKES)})(?![\\p{L}])(?:[ \\t]+\\p{Lu}[\\p{L}\\d-]*){0,2}?[ \\t]*[(,:]?[ \\t]*((?![A-Z]{1,3}[ -]?(?:19|20)\\d\\d(?![\\p{L}\\p{N}]))(?!(?:TDI|TSI|TFSI|GTI|GTD|GTE|HDI|CDI|DCI|TCE|CRD|SDI|FSI|JTD|AMG|TDCI|CVT|DSG|AWD|RWD|FWD|KW|PS|HP|CV)(?![A-Z]))(?:[A-Z]{2,3}[ ]?\\d[0-9A-Z]{3,4}|[A-Z]{3}[ ]?\\d{2}[A-Z0-9]|[A-Z]{1,2}-\\d{1,5}[ ]?[A-Z]{1,3}|[A-Z]{1,2}[ ]\\d{1,5}[ ][A-Z]{1,3}))(?![\\p{L}\\p{N}]|-[\\p{L}\\p{N}])`,
  'dgiu',
);

// More plates listed after a plate: "Polish plates WX 12345 and GD 4R567", "VD 123456, BE 12345" (capitals and digits mixed)
const LISTED_PLATE = /(?<=\uE000)(?:[ \t]*[,;/&][ \t]*(?:(?:and|und|et|y|e|en|i|ed|or|oder|ou|o|of|lub)[ \t]+)?|[ \t]+(?:and|und|et|y|e|en|i|ed|or|oder|ou|o|of|lub|&)[ \t]+)\(?((?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{1,4}(?:[ -]?[A-Z0-9]{1,5}){0,2})(?![\p{L}\p{N}]|-[\p{L}\p{N}])/dgu;

// A second plate in brackets after "mine" later in the sentence of a first: "Samochód … WA 44172 uderzył w mój (KR 7G221)"
const BRACKETED_PLATE = /(?<=\uE000[^.!?\n\uE000]{1,40}(?<![\p{L}])(?:mój|mojego|moim|mine|my own|meins|meinen|meinem|le mien|la mienne|el mío|il mio|la mia|de mijne|mijn eigen)[ \t]{0,4})\(((?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z]{1,3}[ -]?[A-Z0-9]{3,6})\)/dgu;

// ---- order / booking / ticket / customer references ----
const REFERENCE_WORDS = [
  ...['order', 'order number', 'order no', 'order ref', 'order id', 'booking', 'booking ref', 'booking reference', 'booking number', 'booking code', 'reservation', 'reservation number', 'reservation code', 'confirmation', 'confirmation number', 'confirmation code', 'reference', 'reference number', 'ref', 'ticket', 'ticket number', 'case', 'case number', 'case ref', 'claim', 'claim number', 'invoice', 'invoice number', 'receipt', 'receipt number', 'account', 'account number', 'account no', 'customer number', 'customer no', 'customer id', 'customer ref', 'member', 'member number', 'member id', 'membership', 'membership number', 'policy', 'policy number', 'tracking', 'tracking number', 'tracking no', 'tracking code', 'tracking id', 'consignment', 'consignment number', 'parcel', 'parcel number', 'shipment', 'pnr', 'voucher', 'voucher code', 'transaction', 'transaction id', 'job', 'job number', 'work order', 'service request', 'complaint', 'complaint number', 'contract', 'contract number', 'subscription', 'loyalty card', 'return', 'return number', 'returns number', 'rma', 'e-ticket', 'parking charge notice', 'penalty charge notice', 'charge notice', 'penalty notice', 'fine', 'fine number', 'registration', 'enrolment', 'enrollment', 'application', 'application number', 'file', 'file reference', 'file number', 'complaint reference'],
  ...['bestellung', 'bestellnummer', 'bestell-nr', 'auftrag', 'auftragsnummer', 'auftrags-nr', 'buchung', 'buchungsnummer', 'buchungscode', 'reservierung', 'reservierungsnummer', 'rechnung', 'rechnungsnummer', 'rechnungs-nr', 'kundennummer', 'kunden-nr', 'kundennr', 'vertrag', 'vertragsnummer', 'versicherungsnummer', 'vorgang', 'vorgangsnummer', 'ticketnummer', 'sendung', 'sendungsnummer', 'paketnummer', 'kassenbon', 'bon', 'beleg', 'belegnummer', 'aktenzeichen', 'referenz', 'referenznummer', 'mitgliedsnummer', 'schadennummer', 'policennummer', 'fallnummer', 'trackingnummer', 'tracking-nummer', 'retourenschein', 'retoure', 'rücksendung', 'anmeldung', 'kundenkarte', 'vertragskonto', 'mitgliedskarte', 'schadensfall', 'reklamation', 'bestätigung', 'buchungsbestätigung', 'auftragsbestätigung', 'bestellbestätigung', 'reservierungsbestätigung', 'fahrkarte', 'fahrkartennummer', 'fahrschein', 'ticketnummer'],
  ...['commande', 'numéro de commande', 'n° de commande', 'réservation', 'numéro de réservation', 'référence', 'réf', 'dossier', 'numéro de dossier', 'billet', 'facture', 'numéro de facture', 'numéro client', 'numéro de client', 'n° client', 'n° de client', 'n° dossier', 'n° de dossier', 'référence client', 'numéro d\'adhérent', 'suivi', 'numéro de suivi', 'colis', 'contrat', 'numéro de contrat', 'bon de commande', 'reçu', 'abonnement', 'adhérent', 'numéro adhérent', 'sinistre', 'carte de fidélité', 'réclamation', 'inscription', 'retour', 'bon de retour', 'carte client'],
  ...['pedido', 'número de pedido', 'nº de pedido', 'reserva', 'número de reserva', 'localizador', 'referencia', 'billete', 'factura', 'número de factura', 'número de cliente', 'seguimiento', 'número de seguimiento', 'envío', 'contrato', 'póliza', 'aviso', 'número de aviso', 'incidencia', 'expediente', 'recibo', 'número de socio', 'código de reserva', 'inscripción', 'reclamación', 'devolución', 'tarjeta de socio', 'tarjeta de fidelización', 'abono'],
  ...['ordine', "numero d'ordine", 'numero ordine', 'prenotazione', 'codice prenotazione', 'numero di prenotazione', 'riferimento', 'rif', 'biglietto', 'fattura', 'numero fattura', 'codice cliente', 'numero cliente', 'spedizione', 'codice spedizione', 'numero di spedizione', 'pratica', 'numero pratica', 'contratto', 'polizza', 'scontrino', 'ricevuta fiscale', 'tessera', 'numero tessera', 'segnalazione', 'iscrizione', 'reclamo', 'reso', 'abbonamento', 'carta fedeltà', 'sinistro', 'ticket', 'n. cliente', 'n° cliente', 'nº cliente', 'nr. cliente', 'n. ordine', 'n. pratica', 'n. prenotazione', 'n. tessera', 'codice pratica', 'numero di pratica'],
  ...['bestelling', 'bestelnummer', 'ordernummer', 'boeking', 'boekingsnummer', 'reservering', 'reserveringsnummer', 'factuur', 'factuurnummer', 'klantnummer', 'referentie', 'referentienummer', 'kenmerk', 'zending', 'zendingnummer', 'zendingsnummer', 'pakketnummer', 'track & trace', 'track en trace', 'ticketnummer', 'dossiernummer', 'polis', 'polisnummer', 'contractnummer', 'bonnummer', 'kassabon', 'reparatienummer', 'lidnummer', 'werkorder', 'klacht', 'retour', 'retourzending', 'inschrijving', 'abonnement', 'klantenkaart', 'schadenummer', 'contract', 'vervoersbewijs', 'kaartje', 'ritnummer'],
];
// vouchers, parcels, delivery notes and requests, six languages
REFERENCE_WORDS.push(
  ...['gift card', 'gift voucher', 'coupon', 'package', 'waybill', 'air waybill', 'delivery note', 'request', 'request number', 'incident', 'incident number'],
  ...['gutschein', 'gutscheincode', 'geschenkkarte', 'paket', 'lieferschein', 'quittung', 'anfrage', 'antrag', 'meldung', 'störung'],
  ...["bon d'achat", 'carte cadeau', 'ticket de caisse', 'bon de livraison', 'lettre de voiture', 'demande', 'numéro de demande', 'quittance'],
  ...['vale', 'cupón', 'tarjeta regalo', 'paquete', 'albarán', 'solicitud', 'número de solicitud', 'ticket de compra'],
  ...['buono', 'buono regalo', 'carta regalo', 'pacco', 'ricevuta', 'protocollo', 'numero di protocollo', 'richiesta', 'numero richiesta', 'bolla', 'ddt'],
  ...['referência', 'número de referência', 'recibo', 'reserva', 'número de reserva', 'fatura', 'factura', 'encomenda', 'número da encomenda', 'número de encomenda', 'número de cliente', 'apólice', 'processo', 'talão', 'bilhete', 'reclamação', 'devolução', 'conta', 'número de conta', 'nota de encomenda', 'guia de remessa'],
  ...['zamówienie', 'zamówienia', 'numer zamówienia', 'faktura', 'faktury', 'fakturę', 'numer faktury', 'numer klienta', 'rezerwacja', 'rezerwacji', 'numer rezerwacji', 'paragon', 'paragonu', 'przesyłka', 'przesyłki', 'numer przesyłki', 'umowa', 'umowy', 'numer umowy', 'reklamacja', 'reklamacji', 'zgłoszenie', 'zgłoszenia', 'numer zgłoszenia', 'bilet', 'biletu', 'polisa', 'polisy'],
  // the abbreviations alone, with their dot or sign: "(Nr. 44718)", "the order I placed, no. 44718"
  ...['no.', 'nr.', 'nº', 'n°', 'n.º', 'núm.', 'num.', 'nro.'],
  // purchase orders and confirmations, abbreviated: "PO# 44712", "conf# X7KQ2", "V/Réf. CL 4471" (not a bare
  // "réf. OSL-3P-GR", which names a product as often as a file)
  ...['po', 'p.o.', 'purchase order', 'ord', 'conf', 'conf.', 'v/réf.', 'n/réf.', 'v/réf', 'n/réf', 'v/ref.', 'n/ref.', 'votre réf.', 'notre réf.'],
  ...['number', 'nummer', 'numer', 'numéro', 'número', 'numero', 'ordernummer', 'ordernr', 'beställning', 'ordernummer', 'kundnummer', 'bokningsnummer'],
  // insurance claims and policies in Spanish, Polish, Austrian German and French; the plurals that are not the word plus an ending
  ...['siniestro', 'szkoda', 'szkody', 'polizze', 'versicherungspolizze', 'versicherungsschein', "police d'assurance", 'numéro de police', 'ordini', 'fatture', 'prenotazioni', 'scontrini', 'facturen', 'aufträge'],
  // quotes, cases, accounts, memberships and repairs, the words the lists above lack
  ...['quote', 'quotation', 'itinerary', 'payment reference', 'repair', 'repair number', 'warranty claim', 'delivery number', 'collection number', 'rewards number', 'frequent flyer number', 'loyalty number', 'customer account', 'permit', 'permit number', 'tenancy reference', 'pin', 'pin code'],
  ...['réf. client', 'réf. dossier', 'réf. commande', 'réf. contrat', 'réf. sinistre', 'réf. adhérent', 'ref. cliente', 'rif. cliente', 'rif. ordine', 'nr klienta', 'klienta', 'nr sprawy', 'sprawy', 'sprawa', 'nr umowy', 'nr faktury', 'nr polisy', 'nr szkody', 'nr rezerwacji', 'nr przesyłki'],
  ...['kundenkonto', 'verwendungszweck', 'mandatsreferenz', 'mitgliedschaft', 'angebot', 'reparaturauftrag', 'garantiefall'],
  ...['devis', 'compte client', 'numéro de compte', "numéro d'abonné", 'abonné', 'ordre de réparation', 'bon de réparation'],
  ...['caso', 'número de caso', 'presupuesto', 'cuenta', 'número de cuenta', 'socio', 'abonado', 'orden', 'conto', 'preventivo', 'codice utente', 'utenza', 'abbonato', 'orçamento', 'sócio'],
  ...['transactie', 'transactienummer', 'transaktion', 'transacción', 'transazione', 'transação', 'transakcja', 'transakcji'],
  ...['lidmaatschap', 'zaak', 'offerte', 'abonnee', 'bonnetje', 'pinbon'],
  ...['protocolo', 'nota fiscal', 'rastreio', 'código de rastreio', 'rastreamento', 'código de rastreamento'],
  ...['cadeaubon', 'cadeaukaart', 'tegoedbon', 'waardebon', 'kortingscode', 'pakket', 'pakbon', 'aanvraag', 'aanvraagnummer', 'melding', 'storing', 'storingsnummer'],
);
// "-nummer" compounds name a reference too, except the ones that number a place ("Zimmernummer 214")
const NUMBER_COMPOUND = '(?!zimmer|tisch|platz|sitz|gleis|haus|kamer|tafel|stoel|huis|telefoon|telefon|handy|artikel|modell|produkt|teile|ersatzteil)\\p{L}{3,}(?:nummer|-?nr\\.?)';
const QUALIFIER = ['number', 'no', 'no.', 'nr', 'nr.', 'num', 'n°', 'nº', 'n.', 'n.º', 'n.°', 'nro', 'nro.', 'núm.', 'núm', 'num.', 'is', 'was', 'ist', 'lautet', 'war', 'est', 'était', 'es', 'era', 'è', 'ref', 'ref.', 'reference', 'code', 'id', 'numéro', 'número', 'numero', 'nummer', 'de', 'di', 'del', "d'", 'van', 'of', 'do', 'da', 'du', 'des', 'della', 'dello', 'het', 'my', 'mon', 'ma', 'mijn', 'mein', 'meine', 'mi', 'il', 'la', 'le', 'el', 'the', 'your', 'votre', 'uw', 'su', 'con il', 'con el', 'avec le', 'with', 'met', 'mit', 'der', 'die', 'das'];
// single-word cues and qualifiers, which may stand between a cue and its code
const CUE_WORDS = new Set([...REFERENCE_WORDS, ...QUALIFIER].filter((w) => !/[ .]/.test(w)));
const UNIT = '(?:€|eur|euros?|£|\\$|usd|gbp|chf|dollars?|pounds?|min|mins|minutes?|minuten|minutos|minuti|h|hrs?|hours?|stunden|heures|horas|ore|uur|people|persons?|personen|personnes|personas|persone|pers|guests?|gäste|days?|tage|jours|días|giorni|dagen|nights?|nächte|nuits|noches|notti|nachten|kg|km|items?|stück|pcs|x|years?|jahre?n?|ans|años|anni|jaar|weeks?|wochen|semaines|semanas|settimane|weken|months?|monate?n?|mois|meses|mesi|maanden)';
// A reference: letters, digits and inner separators, with at least one digit; or an upper-case
// booking code of 5–8 letters ("QZKMTR"). Times, amounts and counts ("for 8 people") are not.
// Written in groups too: "ENG 558 201", "RT 2209 8841", "77 410 298" (digit groups after the first).
const GROUPED_CODE = `(?:[A-ZÄÖÜ]{1,5}[ ]\\d{6,14}(?![\\p{L}\\p{N}]|[.,]\\d)|(?:[A-ZÄÖÜ]{1,5}|\\d{1,6}|(?=[A-Z0-9]*\\d)[A-Z0-9]{2,6})(?:(?:[ ]|[ ]/[ ])(?:\\d{1,5}(?:[./-]\\d{1,5}){0,3}|(?=[A-Z]{0,2}\\d)[A-Z0-9]{2,4})){1,5}(?![\\p{L}\\p{N}]|[.,]\\d))`;
// (the letters-only code is matched in any case, checked in capitals later: it must not swallow the next
// cue word, "réclamation facture n° F2024-…", "Référence dossier DZ8KQ4")
const CODE = `#?[ \\t]?(${GROUPED_CODE}|(?=[A-Za-z0-9/._*-]*\\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/._*](?=[A-Za-z0-9]))*|[A-Z]{2,5}(?:-[A-Z]{2,8}){1,2}(?![\\p{L}\\p{N}-])|(?!(?:${oneOf(REFERENCE_WORDS)})(?![\\p{L}]))[A-Z]{5,8}(?![\\p{L}])(?![ \\t]+#?\\d{3}))`;
// Up to two other words may stand between the cue and a code that cannot be a word ("billete de tren LOC-7R2K9P").
// A cue in the plural too: "orders 4471 and 4502", "Rechnungen 4471", "commandes", "bestellingen" (the ending, not a list of forms).
const REFERENCE = new RegExp(
  `${START}(?:(?:${oneOf(REFERENCE_WORDS)})(?:s|es|en|e|n)?|${NUMBER_COMPOUND})(?![\\p{L}])(?:(?<=no|nr|num)\\.)?(?:[ \\t]*\\(?[ \\t]*(?:${oneOf(QUALIFIER)})(?:(?<=[^\\p{L}\\p{N}])|(?![\\p{L}\\p{N}])))*((?:[ \\t]+\\p{L}{2,12}(?![\\p{L}])){0,2}?)[ \\t]*(?:[:#(]|,(?=[ \\t]*[A-Z0-9]))?[ \\t]*${CODE}(?![\\p{L}\\p{N}])(?![ \\t]*(?:${UNIT})(?![\\p{L}]))(?!:\\d|h\\d)`,
  'dgiu',
);
// A code several words after its cue, where a verb or a colon names it: "the policy it falls under is PH 4471 0092", "the order
// I placed last week was 88120-B", "Reference on the bank statement: CLSP*77120-GB", "Incident number from the police: CAD 3317/01DEC" (only a code that cannot be a count or an amount: letters and digits mixed, or 5+ digits)
// (a word that names the thing, not a bare "number", which names an identity document's as often)
const FAR_CUES = REFERENCE_WORDS.filter((w) => !/^(?:n[°º.]|n\.º|núm|num|nro|nr|no\.|number|nummer|numer|numéro|número|numero|pin)/u.test(w));
const REFERENCE_FAR = new RegExp(
  `${START}(?:${oneOf(FAR_CUES)})(?:s|es|en|e|n)?(?![\\p{L}])((?:[ \\t]+(?:\\p{Ll}{1,12}|I)(?![\\p{L}'’])){2,5}?)(?:[ \\t]+(?:is|was|ist|war|est|était|es|era|è|lautet|luidt|jest|é)[ \\t]*:?|[ \\t]*:)[ \\t]*([A-Z]{1,5}[ ]\\d{1,6}[/-][0-9A-Z]{1,8}|${GROUPED_CODE}|[A-Za-z0-9](?:[A-Za-z0-9]|[-/.*](?=[A-Za-z0-9]))*)(?![\\p{L}\\p{N}])(?![ \\t]*(?:${UNIT})(?![\\p{L}]))`,
  'dgiu',
);
// More codes of the same shape listed after a reference: "orders 4471 and 4502", "Rechnungen 4471, 4472 und 4480", "zamówienia 88120 i 88127"
const LISTED_REFERENCE = /(?<=\uE000)(?:[ \t]*[,;/&][ \t]*(?:(?:and|und|et|y|e|en|i|ed|or|oder|ou|o|of|lub)[ \t]+)?|[ \t]+(?:and|und|et|y|e|en|i|ed|or|oder|ou|o|of|lub|&)[ \t]+)#?[ \t]?([A-Za-z0-9](?:[A-Za-z0-9]|[-/._](?=[A-Za-z0-9]))*(?:[ ]\d{1,6}){0,4})(?![\p{L}\p{N}])/dgu;
const shape = (code: string) => code.replace(/[A-Za-z]+/g, 'A').replace(/\d+/g, '9');
// Without a cue only the unmistakable: "#45019", "ORD-2024-0001", "BK-88213"
// A German court or authority file number, whatever its shape, up to the end of the clause: "Aktenzeichen AZ 4 O 118/26", "Az.: 12 C 3456/25"
const FILE_NUMBER = /(?<![\p{L}])(?:[Aa]ktenzeichen|Az\.|Geschäftszeichen|[Uu]nser Zeichen|[Ii]hr Zeichen)[ \t]*:?[ \t]*([A-Za-z0-9][A-Za-z0-9]{0,5}(?:[ ./-][A-Za-z0-9]{1,6}){1,5})(?=[ \t]*(?:[,;.)]|\r?\n|$))/dgu;
// (a year or a two-digit group before the number too: "SIN-26-00871", "SZ/26/0418", "PA-77-1209-X"; and an international
// postal item, "CE 418 207 733 IE", "RR123456785DE")
const BARE_REFERENCE = /(?<![\p{L}\p{N}&])#[ ]?[A-Z]{0,4}-?\d{3,}(?:[-/][A-Z0-9]+)*(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:[A-Z]{2,5}[-/](?:[A-Z]{2,5}[-/]|\d{2}[-/.](?=\d{3}))?\d{3,}(?:[-/][A-Z0-9]{1,8}){0,3}|[A-Z]{2}[ ]?\d{3}[ ]?\d{3}[ ]?\d{3}[ ]?[A-Z]{2})(?![\p{L}\p{N}])/gu;

// ---- postcodes ----
// (not a storage size: "PS5 2TB")
const UK_POSTCODE = /(?<![\p{L}\p{N}])(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?[ ]?\d(?![TGMK]B\b)[ABD-HJLNP-UW-Z]{2}|GIR ?0AA)(?![\p{L}\p{N}])/gu;
const CA_POSTCODE = /(?<![\p{L}\p{N}])[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ ]?\d[ABCEGHJ-NPRSTV-Z]\d(?![\p{L}\p{N}])/gu;
// NL "1234 AB": not "1500 GB", "2024 AD" or "10 PM"
const NL_POSTCODE = /(?<![\p{L}\p{N}])[1-9]\d{3}[ ]?(?!SA|SD|SS|GB|MB|KB|TB|PM|AM|KM|KG|CM|MM|ML|KW|HP|CC|EU|US|UK|BC|AD|XL|HD|TV|PC|OK|CV|ID|VW|DJ|LP|CD)[A-Z]{2}(?![\p{L}\p{N}])/gu;
// With a country prefix: "D-80331", "F-75116", "I-00118", "CH-8001"
// (and the Nordic, Czech, Polish and Portuguese shapes: "SE-111 34", "DK-1260", "FI-00100", "CZ-110 00", "PL-00-549", "P-1250-143")
const PREFIXED_POSTCODE = /(?<![\p{L}\p{N}-])(?:PT?-\d{4}-\d{3}|PL-\d{2}-\d{3}|(?:D|A|F|I|E|B|L|P|CH|NL|DK|N|NO|FI|FIN)-\d{4,5}|(?:S|SE|CZ|SK)-\d{3}[ ]?\d{2})(?![\p{L}\p{N}])/gu;
// Irish Eircode "D02 X285", "A65 F4E2": a routing key and a unique part mixing letters and digits
const EIRCODE = /(?<![\p{L}\p{N}])(?:[AC-FHKNPRTV-Y]\d{2}|D6W)[ ]?(?=[0-9AC-FHKNPRTV-Y]{0,3}\d)(?=[0-9AC-FHKNPRTV-Y]{0,3}[AC-FHKNPRTV-Y])[0-9AC-FHKNPRTV-Y]{4}(?![\p{L}\p{N}])/gu;
const US_STATES = 'AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC';
// (and an Australian state's four digits: "Bondi NSW 2026")
const US_ZIP = new RegExp(`(?<=(?:^|[^\\p{L}])(?:${US_STATES})[ \\t]{1,4})\\d{5}(?:-\\d{4})?(?![\\p{L}\\p{N}])|(?<=(?:^|[^\\p{L}])(?:NSW|VIC|QLD|TAS|ACT)[ \\t]{1,4})\\d{4}(?![\\p{L}\\p{N}])`, 'gu');
const POSTCODE_WORDS = ['postcode', 'post code', 'postal code', 'zip', 'zip code', 'zipcode', 'plz', 'postleitzahl', 'code postal', 'cp', 'c.p.', 'código postal', 'cap', 'c.a.p.', 'codice postale', 'postcode is', 'kod', 'kod pocztowy', 'postnummer', 'postnr.', 'postnr', 'eircode', 'cep'];
// "PLZ 70180", "CAP 00185 Roma", "my zip for the card is 02139": up to three words between
const POSTCODE_CUE = new RegExp(
  `${START}(?:${oneOf(POSTCODE_WORDS)})(?![\\p{L}])(?:[ \\t]+\\p{L}{2,8}){0,3}?[ \\t]*(?:(?:is|ist|est|es|è|:)[ \\t]*)?([A-Z]{1,2}\\d[A-Z\\d]?[ ]?\\d[A-Z]{2}|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[1-9]\\d{3}[ ]?[A-Z]{2}|(?:[A-Z]-)?\\d{4,5}(?:-\\d{3,4})?|\\d{2}-\\d{3}|\\d{3}[ ]\\d{2})(?![\\p{L}\\p{N}])`,
  'dgiu',
);
// A 4–5 digit code before a capitalised town: after "in / à / en / aus / te / uit" ("in 80335 München"),
// right after an address ("{addr}, 69003 Lyon", "{addr}\n50674 Köln"), or anywhere when the town ends
// the phrase ("con destino 08013 Barcelona,"); 4 digits (Belgium, Switzerland, Austria) never as a year.
// (a town may begin with its article: "44850 Le Cellier", "28400 El Escorial")
// (not an amount or a count: "20000 Euro", "15000 Besucher.")
const NOT_TOWN = '(?!(?:Euro|Euros|Dollar|Dollars|Pfund|Franken|Francs?|Kronen|Kronor|Złotych|Zloty|Yen|Kunden|Mitarbeiter|Stück|Punkte|Meilen|Kilometer|Meter|Liter|Tonnen|Kalorien|Schritte|Personen|Menschen|Einwohner|Besucher|Teilnehmer|Exemplare|Seiten|Stimmen|Mal|Pesos|Libras|Sterline|Persone|Personnes|Personas|Mensen|Bezoekers|Punten|Kilo|Gramm|Minuten|Stunden|Tage|Jahre|Uhr|Uur|Hrs|Heures|Punkte|Points|Steps)(?:n|en|s|e)?(?![\\p{L}]))';
const TOWN = `(?=[ \\t]+${NOT_TOWN}(?:(?:Le|La|Les|El|Los|Las|Il|Lo|Den|Het)[ \\t]+)?\\p{Lu}\\p{Ll}{2,})`;
// right after an address the town may be in capitals, as on an envelope: "…\n75011 PARIS", "…, 20121 MILANO"
const TOWN_AFTER_ADDRESS = `(?=[ \\t]+${NOT_TOWN}(?!(?:EUR|USD|GBP|CHF|PLN|SEK|DKK|NOK|CZK|EURO|EUROS|PCS|STK)(?![\\p{L}]))(?:(?:Le|La|Les|El|Los|Las|Il|Lo|Den|Het|LE|LA|LES|EL|IL)[ \\t]+)?\\p{Lu}(?:\\p{Ll}{2,}|\\p{Lu}{2,}(?![\\p{Ll}])))`;
// after a comma or a line start the town must end the phrase: "…, 69003 Lyon." but not "…, 10000 Schritte am Tag"
const TOWN_ENDS = `(?=[ \\t]+${NOT_TOWN}\\p{Lu}\\p{Ll}{2,}(?:[ \\t]+\\p{Lu}\\p{Ll}+)?[ \\t]*(?:[.,;:!?()]|\\r?\\n|$))`;
const CITY_POSTCODE = new RegExp(
  [
    `(?<=(?:^|[^\\p{L}])(?:in|à|en|aus|te|uit|nach|zu|near|bei|to|from|of|naar|vers|para|per|a|au|da|di|de)[ \\t]{1,4})((?:[A-Z]{1,2}-)?\\d{5})${TOWN}`,
    `(?<=(?:^|[^\\p{L}])(?:nach|naar|vers|para|per|to|from|of)[ \\t]{1,4})((?!19\\d\\d|20\\d\\d)[1-9]\\d{3})${TOWN_ENDS}`,
    `(?<=\\uE000[ \\t,]{0,4}|\\uE000[ \\t]{0,4}\\r?\\n[ \\t]{0,4})((?:[A-Z]{1,2}-)?\\d{4,5})${TOWN_AFTER_ADDRESS}`,
    `${START}((?!(?:19|20)\\d\\d(?!\\d))(?:\\d{5}|(?<=(?:,|:|^|\\n)[ \\t]{0,4})[1-9]\\d{3}))${TOWN_ENDS}`,
    // right after an address, a Dutch code whatever its letters ("Kerkweg 3a, 1234 CD Hoorn"); a Portuguese one before its town
    `(?<=\\uE000[ \\t,]{0,4}|\\uE000[ \\t]{0,4}\\r?\\n[ \\t]{0,4})([1-9]\\d{3}[ ]?(?:[A-Z]{2}|[a-z]{2}(?=[ \\t]+\\p{Lu})))(?![\\p{L}\\p{N}])`,
    `${START}(\\d{4}-\\d{3})${TOWN}`,
    // Poland "00-514 Warszawa", Sweden "114 55 Stockholm": after an address, or before a town that ends the phrase
    `(?<=\\uE000[ \\t,]{0,4}|\\uE000[ \\t]{0,4}\\r?\\n[ \\t]{0,4})(\\d{2}-\\d{3}|\\d{3}[ ]\\d{2})${TOWN}`,
    `${START}(\\d{2}-\\d{3})${TOWN_ENDS}`,
    // Austria, Switzerland, Belgium after "in": "in 1100 Wien" (never a year)
    `(?<=(?:^|[^\\p{L}])(?:in|à|aus|nach|uit|te)[ \\t]{1,4})((?!19\\d\\d|20\\d\\d)[1-9]\\d{3})${TOWN}`,
  ].join('|'),
  'dgu',
);

// Argentina's "C1043AAZ" right after an address (its letters would pass for a code anywhere else)
// (the letter first, the look-behind only where one stands: a long run of masked text is not tried at every position)
const AR_POSTCODE = /[A-HJ-NP-Z](?<=\uE000[ \t,]{0,4}[A-HJ-NP-Z])\d{4}[A-Z]{3}(?![\p{L}\p{N}])/gu;

const PRODUCT_BEFORE = /(?:model|modell|modelo|modello|modèle|typ|type|tipo|sku|artikel|art\.)[ \t]*[:#]?[ \t]*$/iu;
const NUMBERED_THING = /(?:version|page|step|phone|telephone|mobile|serial|part|item|style|model|size|room|seat|table|gate|flight|platform|bus|route|line|house|flat|unit|art|artikel|zimmer|tisch|platz|sitz|gleis|haus|linie|chambre|table|siège|place|porte|quai|vol|habitación|mesa|asiento|puerta|vuelo|camera|tavolo|posto|binario|volo|kamer|tafel|stoel|perron|huis|modelo|modello|modèle|référence article|ref\.? art\.?)[ \t-]*$/iu;
const ID_BEFORE = /(?:ni|nino|insurance|nhs|passport|licence|license|driving|driver's|id|identity|identification|tax|vat|social security|ssn|sin|personal|national|health|card|phone|mobile|bank|sort code|iban|bic|swift)[ \t-]*$/iu;
const DATE_LIKE = new RegExp(`^(?:${DATE})$`, 'iu');

/** What follows a reference cue is a reference when it looks like a code, not like a count, a time or a date. */
function isReference(code: string): boolean {
  const digits = code.replace(/\D/g, '').length;
  if (!digits) return /^[A-Z]{5,8}$/.test(code) || /^(?=[A-Z-]{6,})[A-Z]{2,5}(?:-[A-Z]{2,8}){1,2}$/.test(code); // an upper-case booking code, never a word
  // (nor a day and month: "Facture du 18/11")
  if (DATE_LIKE.test(code) || /^\d{1,2}(?:st|nd|rd|th|er|e|h\d*)$/i.test(code) || /^(?:[0-2]?\d|3[01])[./](?:0?[1-9]|1[0-2])$/.test(code)) return false;
  const alnum = code.replace(/[^A-Za-z0-9]/g, '').length;
  return digits === alnum ? digits >= 3 : alnum >= 4;
}

const group1 = (kind: PiiSpan['kind']) => (m: RegExpExecArray): PiiSpan[] => {
  const at = m.indices?.[1];
  return at ? [{ start: at[0], end: at[1], kind }] : [];
};

// the same pattern, tried again at each word inside a rejected match (sticky: never a search through the rest of the text)
const REFERENCE_AGAIN = new RegExp(REFERENCE.source, 'dyiu');
// the rest of a cue match after a word it took for a code: up to one more word, then the code (group 2, as in REFERENCE)
const CODE_AFTER = `[ \\t]*[:#(]?[ \\t]*${CODE}(?![\\p{L}\\p{N}])(?![ \\t]*(?:${UNIT})(?![\\p{L}]))(?!:\\d|h\\d)`;
const WORD_THEN_CODE = new RegExp(`((?:[ \\t]+\\p{L}{2,12}(?![\\p{L}])){0,1}?)${CODE_AFTER}`, 'dyiu');
const CODE_NEXT = new RegExp(`()${CODE_AFTER}`, 'dyiu');

/** The reference a cue match names, if any. */
function referenceOf(scan: Scan, m: RegExpExecArray, depth = 0, forced = false): PiiSpan[] | null {
  const code = m[2];
  // a bare "no." numbers whatever the word before it names: "part no. 87161-0445", "Style No. 48812", "Zimmer Nr. 214"
  if (/^(?:n[or]\.|n[º°]|n\.º|núm\.|num\.|nro\.|number|nummer|numero|número|numéro|numer)/iu.test(m[0]) && NUMBERED_THING.test(scan.text.slice(Math.max(0, m.index - 16), m.index))) return null;
  // "number" alone names an identity document's as often as a file's: those are left to the ID rules, whole
  // ("NI number QQ 12 34 56 C", "passport number 5123…")
  if (/^number/iu.test(m[0]) && (ID_BEFORE.test(scan.text.slice(Math.max(0, m.index - 24), m.index)) || /^[ ]?[A-Z0-9]{1,2}(?![\p{L}\p{N}])/u.test(scan.text.slice(m.index + m[0].length, m.index + m[0].length + 4)))) return null;
  // a grouped code is upper-case letters or digits: "ENG 558 201", never "from 2019" (the cue is matched in any case)
  // (a lower-case word first is one more word before the code: "n.º de socio 00412")
  const word = code.includes(' ') ? /^\p{Ll}+[ ]+/u.exec(code)?.[0].length ?? 0 : 0;
  const ref = code.slice(word);
  if (ref.includes(' ') && !/^[A-ZÄÖÜ0-9]+(?:(?: | \/ )(?:\d+(?:[./-]\d+)*|(?=[A-Z]{0,2}\d)[A-Z0-9]{2,4}))+$/.test(ref)) return null;
  const codeLike = /\d/.test(ref) && (/[A-Za-z]/.test(ref) || ref.replace(/\D/g, '').length >= 5);
  const at = m.indices![2][0] + word;
  // (words that are cues themselves do not count: "référence de réservation KZTRWA")
  // (after a comma only a code that cannot be a count: "two customer numbers, KN 771 209 and KN 771 210")
  const between = forced || !!word || m[1].split(/[ \t]+/).some((w) => w && !CUE_WORDS.has(w.toLowerCase())) || /,[ \t]*#?[ \t]?$/.test(m[0].slice(0, m.indices![2][0] - m.index));
  // (past a word taken for a code, only letters and digits mixed: a digit run there is as often a phone or an ID)
  if (isReference(ref) && (!between || codeLike) && (!forced || /[A-Za-z]/.test(ref))) return [{ start: at, end: at + ref.length, kind: 'reference' }];
  // a word taken for a letters-only code is one more word before the code: "Référence de virement VIR 00981 4421"
  // (two words at most, as above, and none of them a cue: "job sheet says JOB 77120/B" is the second cue's)
  const words = m[1].split(/[ \t]+/).filter(Boolean).length;
  if (/^\p{L}+$/u.test(ref) && !/^[A-Z]+$/.test(ref) && depth < 2 && words < 2) {
    const next = words ? CODE_NEXT : WORD_THEN_CODE;
    next.lastIndex = at + ref.length;
    const again = next.exec(scan.masked);
    const tokens = again ? [again[1].trim(), /^\p{L}+/u.exec(again[2])?.[0] ?? ''] : [];
    if (again && !tokens.some((t) => CUE_WORDS.has(t.toLowerCase()))) return referenceOf(scan, again, depth + 1, true);
  }
  // with other words between, a cue among them may name the code itself: "factura simplificada nº 4471",
  // "the order from last week, ticket 4471" (the rejected match would otherwise hide it from the pass)
  if (!between || depth >= 2) return null;
  for (let at = m.indices![1][0]; at < m.indices![2][0]; at++) {
    if (!/[\p{L}#]/u.test(scan.masked[at]) || (at > 0 && /\p{L}/u.test(scan.masked[at - 1]))) continue;
    REFERENCE_AGAIN.lastIndex = at;
    const again = REFERENCE_AGAIN.exec(scan.masked);
    if (again) return referenceOf(scan, again, depth + 1);
  }
  return null;
}

/** Finds dates of birth (before the date/time protection of the digit rules runs). */
export function findBirthDates(scan: Scan): void {
  const dob = (m: RegExpExecArray) => (/^b\./i.test(m[0]) && (m[0][0] !== 'b' || /^\d{4}$/.test(m[1])) ? null : group1('dob')(m));
  scan.pass(DOB, dob);
  // past a date already found, a second full date ("date of birth is 03/07/1948, not 07/03/1948"), never a bare year:
  // "Geburtsdatum: 5.11.1972) haben Reservierung R 2026 0441" keeps the reference's year
  scan.pass(DOB_NOUN, (m) => (/^\d{4}$/.test(m[1]) && m[0].includes('\uE000') ? null : group1('dob')(m)));
  scan.pass(DOB_DATE_FIRST, group1('dob'));
  scan.pass(DOB_STAR, group1('dob'));
  // again, for a date joined to one the passes above found
  if (scan.spans.some((s) => s.kind === 'dob')) scan.pass(DOB, dob);
}

/** Finds plates, references and postcodes (before the generic digit rules, which would take parts of them). */
export function findCodes(scan: Scan): void {
  scan.pass(POSTCODE_CUE, (m) => {
    // the cue in any case, an NL code's letters only in capitals ("postcode 1234 is…" is the number)
    const at = m.indices![1][0];
    const code = /^\d{4}[ ]?[a-z]/.test(m[1]) ? m[1].slice(0, 4) : m[1];
    return [{ start: at, end: at + code.length, kind: 'postcode' }];
  });
  scan.pass(PLATE_CUE, (m) => {
    // the cue is matched in any case, the plate only in capitals: "reg LD68 XKR is…" stops before "is"
    const at = m.indices![1][0];
    // (a British plate in lower case too: "my reg is ab12 cde")
    const uk = /^[a-z]{2}\d{2}[ ]?[a-z]{3}(?![\p{L}\p{N}])/u.exec(m[1])?.[0];
    const plate = uk ?? /^[A-Z0-9]+(?:[ -][A-Z0-9]+)*/.exec(m[1])?.[0].replace(/[ -]+$/, '') ?? '';
    return /\d/.test(plate) && plate.replace(/[ -]/g, '').length >= 4 ? [{ start: at, end: at + plate.length, kind: 'plate' }] : null;
  });
  scan.pass(VEHICLE_PLATE, (m) => {
    const plate = m[1].replace(/[ -]+$/, '');
    return plate.replace(/[ -]/g, '').length >= 5 ? [{ start: m.indices![1][0], end: m.indices![1][0] + plate.length, kind: 'plate' }] : null;
  });
  // (the make in any case, the plate in capitals)
  scan.pass(MAKE_PLATE, (m) => (/^[A-Z0-9 -]+$/.test(m[1]) ? groupSpan(m, 1, 'plate') : null));
  scan.pass(REFERENCE, (m) => referenceOf(scan, m));
  scan.pass(REFERENCE_FAR, (m) => {
    const code = m[2];
    // (not a phone or an identity number the words name: "the account holder's phone is 0612345678")
    if (/phone|tel|mobile|handy|portable|móvil|cellulare|mobiel|passport|licen[cs]e|sécurité|social|sozial|fiscal|steuer|tax|identit|ausweis|insurance|nhs|dni|pesel|bsn|amount|total|price|cost|sum|betrag|summe|preis|montant|prix|importe|precio|importo|prezzo|bedrag|prijs|kwota|cena/iu.test(m[1])) return null;
    if (code.includes(' ') && !/^[A-ZÄÖÜ0-9]+(?: (?:\d+|(?=[A-Z]{0,2}\d)[A-Z0-9]{2,4}))+$/.test(code) && !/^[A-Z]{1,5} \d{1,6}[/-][0-9A-Z]{1,8}$/.test(code)) return null;
    const codeLike = /\d/.test(code) && (/[A-Za-z]/.test(code) ? /[A-Z]/.test(code) || /^[a-z]?\d/.test(code) : code.replace(/\D/g, '').length >= 5);
    return codeLike && isReference(code) && !/^(?:19|20)\d\d[-/.]\d{1,2}$/.test(code) ? groupSpan(m, 2, 'reference') : null;
  });
  scan.pass(FILE_NUMBER, (m) => (/\d/.test(m[1]) ? groupSpan(m, 1, 'reference') : null));
  scan.pass(PREFIXED_POSTCODE, 'postcode');
  scan.pass(EIRCODE, 'postcode');
  scan.pass(UK_POSTCODE, 'postcode');
  scan.pass(CA_POSTCODE, 'postcode');
  scan.pass(PLATE, 'plate');
  listedPlates(scan);
  scan.pass(NL_POSTCODE, 'postcode');
  scan.pass(US_ZIP, 'postcode');
  scan.pass(CITY_POSTCODE, (m) => [1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((g) => groupSpan(m, g, 'postcode')));
  scan.pass(AR_POSTCODE, 'postcode');
  // (not a product's model: "Model WM-1400", "modèle XR-500")
  scan.pass(BARE_REFERENCE, (m) => (PRODUCT_BEFORE.test(scan.text.slice(Math.max(0, m.index - 12), m.index)) ? null : 'reference'));
  listedReferences(scan);
}

/** The codes listed after a reference, each of the same shape (letters and digits in the same order) and about its length. */
function listedReferences(scan: Scan): void {
  if (!scan.spans.some((s) => s.kind === 'reference')) return;
  for (let round = 0; round < 6; round++) {
    const before = new Map(scan.spans.filter((s) => s.kind === 'reference').map((s) => [s.end, scan.text.slice(s.start, s.end).replace(/^#[ ]?/, '')]));
    const n = scan.spans.length;
    scan.pass(LISTED_REFERENCE, (m) => {
      const first = before.get(m.index);
      if (!first) return null;
      // as many space-separated groups as the first: "KN 771 209 en KN 771 210", but "4471 and 4502 3 times" ends at 4502
      const code = m[1].split(' ').slice(0, first.split(' ').length).join(' ');
      const at = m.indices![1][0];
      return shape(first) === shape(code) && Math.abs(first.length - code.length) <= 2 && /\d/.test(code) && isReference(code) ? [{ start: at, end: at + code.length, kind: 'reference' }] : null;
    });
    if (scan.spans.length === n) return;
  }
}

/** The plates listed after a plate, up to a few in a row. */
function listedPlates(scan: Scan): void {
  for (let round = 0; round < 4; round++) {
    const ends = new Set(scan.spans.filter((s) => s.kind === 'plate').map((s) => s.end));
    if (!ends.size) return;
    const n = scan.spans.length;
    scan.pass(LISTED_PLATE, (m) => (ends.has(m.index) && m[1].replace(/[ -]/g, '').length >= 5 && !DATE_LIKE.test(m[1]) ? groupSpan(m, 1, 'plate') : null));
    if (scan.spans.length === n) break;
  }
  // (only after a plate: the first "\uE000" before the bracket must end one)
  const plates = scan.spans.filter((s) => s.kind === 'plate');
  if (!plates.length) return;
  scan.pass(BRACKETED_PLATE, (m) => {
    const before = scan.masked.slice(Math.max(0, m.index - 41), m.index);
    const end = m.index - (before.length - before.lastIndexOf('\uE000') - 1);
    return plates.some((p) => p.end === end) && !DATE_LIKE.test(m[1]) ? groupSpan(m, 1, 'plate') : null;
  });
}
