// Recall-first names: a capitalised word that no dictionary of the six languages knows is taken for a
// name. Pure: the word lists (hunspell .dic stems of maintained packages) are read by the caller
// (activities/ai/pii-dictionary.ts) and passed in as a PiiDictionary.
import type { PiiSpan, Scan } from './pii-scan';
import { PARTICLES, isGivenName, isNotAName, isPlace, isWordName } from './pii-words';

export interface PiiDictionary {
  /** Words some dictionary lists in lower case (lower-cased). */
  common: Set<string>;
  /** Words listed capitalised only (lower-cased): German nouns, places, brands, but also people. */
  proper: Set<string>;
  /** Capitalised entries known to be people's names (lower-cased). */
  persons: Set<string>;
  /** Per language: each stem's affix flags, and the suffix / prefix rules, for inflected forms. */
  affixes: Affixes[];
  /** Verdicts of isUnknownName so far (a text repeats its words); bounded. */
  cache: Map<string, Verdict>;
}

interface AffixRule {
  flag: string;
  strip: string;
  add: string;
  condition: RegExp;
}

interface Affixes {
  flags: Map<string, string>;
  /** This list marks people (their inflections — possessives — are people too). */
  marksPersons: boolean;
  /** How flags are written: one character each, two ("long") or numbers ("num"). */
  mode: string;
  /** Suffix rules by the last two letters of what they add (fewer when it adds fewer). */
  suffixes: Map<string, AffixRule[]>;
  prefixes: AffixRule[];
}

function splitFlags(flags: string, mode: string): string[] {
  if (mode === 'long') return flags.match(/../gu) ?? [];
  if (mode === 'num') return flags.split(',');
  return [...flags];
}

function parseAffixes(aff: string): { rules: Omit<Affixes, 'flags' | 'mode' | 'marksPersons'>; mode: string } {
  const mode = /^FLAG[ \t]+(\S+)/m.exec(aff)?.[1] ?? 'char';
  const suffixes = new Map<string, AffixRule[]>();
  const prefixes: AffixRule[] = [];
  for (const line of aff.split('\n')) {
    const f = line.trim().split(/\s+/);
    if ((f[0] !== 'SFX' && f[0] !== 'PFX') || f.length < 5) continue;
    const [kind, flag, stripRaw, addRaw, cond] = f;
    const strip = stripRaw === '0' ? '' : stripRaw.toLowerCase();
    const add = (addRaw.split('/')[0] === '0' ? '' : addRaw.split('/')[0]).toLowerCase();
    let condition: RegExp;
    try {
      condition = new RegExp(kind === 'SFX' ? `${cond === '.' ? '' : cond}$` : `^${cond === '.' ? '' : cond}`, 'u');
    } catch {
      continue;
    }
    const rule = { flag, strip, add, condition };
    if (kind === 'PFX') prefixes.push(rule);
    else {
      const key = add.slice(-2);
      suffixes.set(key, [...(suffixes.get(key) ?? []), rule]);
    }
  }
  return { rules: { suffixes, prefixes }, mode };
}

/** Builds the dictionary from hunspell .dic/.aff texts; `persons` marks the entries whose flags are exactly `personFlags` in that file. */
export function parseDictionaries(dics: Array<{ text: string; aff?: string; personFlags?: string }>): PiiDictionary {
  const d: PiiDictionary = { common: new Set(), proper: new Set(), persons: new Set(), affixes: [], cache: new Map() };
  for (const { text, aff, personFlags } of dics) {
    const { rules, mode } = parseAffixes(aff ?? '');
    const flags = new Map<string, string>();
    for (const line of text.split('\n')) {
      const slash = line.indexOf('/');
      const word = (slash >= 0 ? line.slice(0, slash) : line).trim();
      if (!word || /[\s\d]/u.test(word)) continue;
      const lower = word.toLowerCase();
      const wordFlags = slash >= 0 ? line.slice(slash + 1).trim().split(/\s/)[0] : '';
      if (wordFlags) flags.set(lower, (flags.has(lower) ? `${flags.get(lower)}${mode === 'num' ? ',' : ''}` : '') + wordFlags);
      if (word === lower) d.common.add(lower);
      else if (/^\p{Lu}\p{Ll}/u.test(word)) {
        d.proper.add(lower);
        if (personFlags && wordFlags === personFlags) d.persons.add(lower);
      }
    }
    d.affixes.push({ ...rules, flags, mode, marksPersons: !!personFlags });
  }
  return d;
}

// A form one suffix or one prefix away from a listed stem that carries the rule's flag ("Heizung", "chiedo", "delivered").
function hasFlag(a: Affixes, stem: string, flag: string): boolean {
  const f = a.flags.get(stem);
  return !!f && (a.mode === 'long' || a.mode === 'num' ? splitFlags(f, a.mode).includes(flag) : f.includes(flag));
}

function inflected(lower: string, d: PiiDictionary): boolean {
  for (const a of d.affixes) {
    for (const key of [lower.slice(-2), lower.slice(-1), '']) {
      for (const r of a.suffixes.get(key) ?? []) {
        if (!lower.endsWith(r.add) || lower.length <= r.add.length) continue;
        const stem = lower.slice(0, lower.length - r.add.length) + r.strip;
        if (a.flags.has(stem) && r.condition.test(stem) && hasFlag(a, stem, r.flag) && !(a.marksPersons && d.persons.has(stem))) return true;
      }
    }
    for (const r of a.prefixes) {
      if (!lower.startsWith(r.add) || lower.length <= r.add.length) continue;
      const stem = r.strip + lower.slice(r.add.length);
      if (a.flags.has(stem) && r.condition.test(stem) && hasFlag(a, stem, r.flag)) return true;
    }
  }
  return false;
}

/** A word some list has in lower case, as it stands or inflected ("meinte", "delivered"). */
export function isCommonWord(word: string, d: PiiDictionary): boolean {
  const lower = word.toLowerCase();
  return d.common.has(lower) || inflected(lower, d);
}

// German compounds: "Paketzustellung" is "Paket" + "zustellung" (a linking s allowed)
// Short compounds ("Vor|gang", "Ehe|frau", "Haus|tür") count too, unless their tail is a common ending
// of surnames ("Neu|mann", "Hart|berg", "Horn|bach").
const SURNAME_TAIL = /(?:mann|man|berg|stein|feld|bach|dorf|hof|burg|heim|thal|tal|wald|baum|land|kamp|brink|horst|hagen|meier|mayer|bauer|ner|er|el|ke|ow|ski|sen|son)$/u;
function compound(lower: string, d: PiiDictionary, depth = 0): boolean {
  if (lower.length < 6 || (lower.length < 8 && SURNAME_TAIL.test(lower))) return false;
  // a two-letter noun heads a long tail: "Öl|wechsel", "Ei|weiß"
  const firstHead = lower.length >= 8 && d.proper.has(lower.slice(0, 2)) ? 2 : 3;
  for (let i = firstHead; i <= lower.length - 3; i++) {
    const head = lower.slice(0, i);
    const tail = lower.slice(i);
    if (i === 2 && tail.length < 6) continue;
    // a three-letter tail only after a head of four or more ("Haus|tür"; not "Kow|alc|zyk")
    if (tail.length === 3 && head.length < 4) continue;
    const bare = head.endsWith('s') ? head.slice(0, -1) : head;
    const headOk = d.proper.has(head) || d.common.has(head) || d.proper.has(bare) || d.common.has(bare);
    if (headOk && (d.proper.has(tail) || d.common.has(tail) || inflected(tail, d))) return true;
    // (three parts: "Haus|not|ruf", "Kosten|vor|anschlag", whose middle the lists lack as a word)
    if (headOk && depth === 0 && head.length >= 4 && tail.length >= 6 && !SURNAME_TAIL.test(tail) && compound(tail, d, 1)) return true;
  }
  return false;
}

const WORD = /(?<![\p{L}\p{N}\uE000@._-])\p{Lu}[\p{Ll}\p{M}]+(?:['’-]\p{L}[\p{Ll}\p{M}]*)*(?![\p{L}\p{N}\uE000@_])/gu;

/**
 * Whether a capitalised word is a name by the dictionary rule: a known given name or person (listed
 * as such) — when some dictionary has it in lower case too ("Rose", "Mark"), only inside a sentence —,
 * else any word that no list has in any case, inflected or compounded ("Kowalczyk"; not
 * "Lieferungen", "Paketzustellung").
 */
export function isUnknownName(word: string, d: PiiDictionary, midSentence = false, standsAlone = midSentence): boolean {
  let verdict = d.cache.get(word);
  if (verdict === undefined) {
    if (d.cache.size >= 20_000) d.cache.clear();
    d.cache.set(word, (verdict = judge(word, d)));
  }
  if (verdict === 'name' && !midSentence && !d.persons.has(word.toLowerCase()) && !isGivenName(word) && looselyKnown(word.toLowerCase(), d)) return false;
  return verdict === 'name' || (verdict === 'given name and word' && midSentence) || (verdict === 'given name, word and noun' && midSentence && standsAlone);
}

// At the start of a sentence a word the affix rules miss ("Refunded") is more likely a word than a
// name: a common stem under a plain ending will do there.
const LOOSE_ENDINGS = ['ed', 'd', 'ing', 's', 'es', 'ly', 'ment', 'er', 'en', 'e', 'te', 'o', 'a', 'i'];
function looselyKnown(lower: string, d: PiiDictionary): boolean {
  return LOOSE_ENDINGS.some((e) => lower.length > e.length + 2 && lower.endsWith(e) && d.common.has(lower.slice(0, -e.length)));
}

// 'given name, word and noun': a given name some list has in lower case and another capitalised ("Frank",
// "Mark", "Grace", but also German "Mann", "Kasse"): a name only inside a sentence and standing alone —
// no article or number before it, no capitalised word after it ("der Kellner", "San Francisco").
type Verdict = 'name' | 'word' | 'given name and word' | 'given name, word and noun';

function judge(word: string, d: PiiDictionary): Verdict {
  const bare = word.replace(/['’]s$/u, '');
  const lower = bare.toLowerCase();
  if (bare.length < 2 || isNotAName(bare) || (bare.length < 3 && !(isGivenName(bare) && /[aeiouy]/iu.test(bare)))) return 'word';
  // (a double given name is one too, though its halves are words: "Jean-Pierre", "Rose-Marie", "Franz-Xaver")
  if (bare.includes('-')) return isGivenName(bare) || bare.split('-').every((p) => p.length >= 2 && /^\p{Lu}\p{Ll}/u.test(p) && isGivenName(p) && !isNotAName(p)) || bare.split('-').some((p) => p.length >= 2 && /^\p{Lu}/u.test(p) && isUnknownName(p, d)) ? 'name' : 'word';
  const person = d.persons.has(lower) || isGivenName(bare);
  if (d.common.has(lower) || (!d.proper.has(lower) && inflected(lower, d))) {
    if (!person) return 'word';
    if (!d.proper.has(lower)) return 'given name and word';
    // (a given name of the name lists, not a Dutch surname that is a German noun too: "Kasse", "Karten", "Kellner")
    return isGivenName(bare) || isWordName(bare) ? 'given name, word and noun' : 'word';
  }
  if (person) return 'name';
  // a Polish name declined: "Kowalskiego", "z Markiem", "Tomkiem", "Anną", "Kasię" (whose tails the lists
  // would otherwise read as a compound: "Kowalski|ego", "Mar|kiem")
  if (declinedPolishName(lower, d)) return 'name';
  // German reference cues and nouns the lists only know as parts: "Sendungsnummer", "Auftragsnr", "Haustür"
  if (/.{4}(?:nummer|nr)$/u.test(lower)) return 'word';
  if (d.proper.has(lower) || compound(lower, d)) return 'word';
  return 'name';
}

// A text in Polish or Portuguese (no word list of theirs is loaded): two of their commonest words and a letter of theirs.
const POLISH_WORDS = /(?<![\p{L}])(?:się|nie|jest|że|był|była|było|oraz|przez|dla|jak|ale|bardzo|jestem|pan|pani|panią|od|do|na|w|z|ze|po|je|mnie|mój|moja|moje|tylko|już|który|która|które)(?![\p{L}])/giu;
const PORTUGUESE_WORDS = /(?<![\p{L}])(?:não|você|está|também|é|uma|muito|obrigad[oa]|já|são|então|pelo|pela|com|para|em|os|ao|do|da|no|na|mas|meu|minha)(?![\p{L}])/giu;
function unlistedLanguage(text: string): boolean {
  const twoOf = (re: RegExp) => {
    let n = 0;
    for (const _ of text.matchAll(re)) if (++n >= 2) return true;
    return false;
  };
  return (/[łśźżćńąę]/iu.test(text) && twoOf(POLISH_WORDS)) || (/[ãõç]/iu.test(text) && /(?<![\p{L}])(?:não|você|está|também|é|uma|são|então|obrigad[oa]|ção)(?![\p{L}])|ção|ções/iu.test(text) && twoOf(PORTUGUESE_WORDS));
}
const POLISH_SURNAME = /(?:sk|ck|dzk)(?:i|a|iego|iej|iemu|im|ą)$|(?:wicz|czyk|czak|szczak|iak|ak|ek|uk|yk|ik|owa|ówna)$/u;

// a given name that is a word too before a surname the lists know only capitalised: "viaja Carmen López", "and Rosa Díaz"
function surnameAfterGivenName(given: string, next: string, d: PiiDictionary): boolean {
  const lower = next.toLowerCase();
  return isGivenName(given) && d.proper.has(lower) && !d.common.has(lower) && !inflected(lower, d) && !isNotAName(next) && !isPlace(next) && !isGivenName(next);
}

const FAMILY_PLURAL = /(?<![\p{L}])(?:the|The|die|Die|den|Den|bei|Bei|les|Les|de|De)[ \t]{1,4}(\p{Lu}\p{Ll}{2,}s)(?![\p{L}\p{N}\uE000])/gu;

const POLISH_CASE_ENDING = /^(\p{L}{3,}?)(?:iego|ego|iemu|emu|iem|em|owi|ą|ę)$/u;
function declinedPolishName(lower: string, d: PiiDictionary): boolean {
  const m = POLISH_CASE_ENDING.exec(lower);
  if (!m) return false;
  const stem = m[1];
  // (the stem itself, with its nominative ending, or with the "e" the other cases drop: "Mark|iem" → "Marek")
  const candidates = [stem, `${stem}a`, `${stem}i`, `${stem.slice(0, -1)}e${stem.slice(-1)}`];
  return candidates.some((c) => c.length >= 3 && (isGivenName(c) || d.persons.has(c) || (/(?:sk|ck|dzk)i$/u.test(c) && d.proper.has(c))) && !d.common.has(c));
}

const ARTICLE_BEFORE = /(?:^|[^\p{L}])(?:the|a|an|im|am|ins|zum|zur|vom|beim|das|dem|des|ein|eine|einen|einem|einer|le|les|un|une|du|au|aux|el|los|las|una|il|lo|gli|uno|het|een)[ \t]+$/iu;
// what stands before a noun and seldom before a name: articles, possessives, prepositions with an article, numbers, other capitalised words
const BEFORE_NOUN = /(?:(?:^|[^\p{L}])(?:the|a|an|my|our|your|his|her|their|this|that|der|die|das|den|dem|des|ein|eine|einen|einem|einer|mein|meine|meinen|meinem|meiner|unser|unsere|unseren|ihr|ihre|ihren|ihrem|sein|seine|seinen|im|am|an|ins|zum|zur|vom|beim|le|la|les|un|une|du|au|aux|mon|ma|mes|son|sa|ses|el|los|las|una|mi|su|il|lo|gli|uno|het|een|de|mijn|zijn|haar)|\d|\p{Lu}\p{L}*)[ \t]+$/u;
const OPENER_BEFORE = /(?:^|[.!?\n:;]["'“„«(]*)[ \t]*(?:Then|Later|Apparently|Maybe|Perhaps|Finally|Eventually|Luckily|Unfortunately|Sadly|Yesterday|Today|Afterwards|Luego|Después|Despues|Entonces|También|Ayer|Hoy|Puis|Ensuite|Après|Alors|Enfin|Hier|Heureusement|Malheureusement|Poi|Dopo|Allora|Infine|Ieri|Oggi|Purtroppo|Danach|Dann|Später|Gestern|Heute|Leider|Toen|Daarna|Vervolgens|Gisteren|Vandaag|Helaas|Gelukkig)[ \t]+$/u;
const LIST_JOIN = /[ \t]*(?:,|[ \t](?:and|&|und|et|y|e|en|i))[ \t]+/uy;
const LIST_GOES_ON = /^[\p{L}\uE000'’-]+[ \t]*(?:,|[ \t](?:and|&|und|et|y|e|en|i)[ \t])/u;
// (not "in" before a name at a line's end or a comma: "Ms Grant in Accounts" has a known word anyway)
const PLACE_BEFORE = /(?:^|[^\p{L}])(?:in|near|nach|naar|en|à)[ \t]+$/u;
const SURNAME_AFTER = /[ \t]+(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)(?![\p{L}\p{N}\uE000])/uy;

/** Masks every capitalised word no dictionary knows (and the particles between two such words). */
export function findUnknownNames(scan: Scan, d: PiiDictionary): void {
  const found: PiiSpan[] = [];
  // given names that are words too, passed over at the start of a sentence or before another capital
  const passedOver: PiiSpan[] = [];
  const text = scan.masked;
  const unlisted = unlistedLanguage(text);
  for (const m of text.matchAll(WORD)) {
    // a given name that is also a word in some language ("Lea", "Paco") is a name inside a sentence
    const midSentence = !/(?:^|[.!?:;"«„“(\n¡¿])[ \t]*$/u.test(text.slice(Math.max(0, m.index - 4), m.index));
    // after an article a word some list knows is a noun, not a name: "im Keller", "the Explorer", "la Pierre"
    if (ARTICLE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)) && (d.common.has(m[0].toLowerCase()) || (!isGivenName(m[0]) && d.proper.has(m[0].toLowerCase())))) continue;
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    // a word before a number labels it: "Ward 7", "Gate 12", "Room 4"
    if (/^[ \t]+\d/u.test(after) && isCommonWord(m[0], d)) continue;
    // a place after "in", "near", "nach": an unknown word there that is no given name ("the pharmacy in Galway")
    if (PLACE_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index)) && !isGivenName(m[0]) && !d.persons.has(m[0].toLowerCase()) && !/^[ \t]+\p{Lu}/u.test(after)) continue;
    // (a capitalised word after it only when that is a name too: "Mark Ellison", not "San Francisco")
    const next = /^[ \t]+(\p{Lu}[\p{Ll}\p{M}]+)/u.exec(after);
    // (an adverb opening the sentence is no noun's article: "Luego Amparo nos trajo", "Apparently Crystal was off")
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    const alone = midSentence && (!BEFORE_NOUN.test(before) || (OPENER_BEFORE.test(before) && !isWordName(m[0]))) && (!next || isUnknownName(next[1], d, true, false) || surnameAfterGivenName(m[0], next[1], d));
    const span: PiiSpan = { start: m.index, end: m.index + m[0].replace(/['’]s$/u, '').length, kind: 'name' };
    // in Polish or Portuguese, whose words no list knows, a word opening a sentence is a name only when
    // known as one or shaped like a Polish surname ("Dokumenty", "Sprawę", "Bukiet"; not "Nowak", "Kowalska")
    if (unlisted && !midSentence && !isGivenName(m[0]) && !d.persons.has(m[0].toLowerCase()) && !declinedPolishName(m[0].toLowerCase(), d) && !POLISH_SURNAME.test(m[0])) {
      if (isUnknownName(m[0], d, true, true)) passedOver.push(span);
      continue;
    }
    if (isUnknownName(m[0], d, midSentence, alone)) found.push(span);
    else if (isUnknownName(m[0], d, true, true)) passedOver.push(span);
  }
  // Such a name counts at the start of a sentence too when the text has it as a name elsewhere ("my nieces
  // Rose and Violet … Violet's ticket"), and before a name in a list ("Rose, Violet and Daisy").
  const names = new Set(found.map((s) => text.slice(s.start, s.end)));
  const starts = new Set([...found.map((s) => s.start), ...scan.spans.filter((s) => s.kind === 'name').map((s) => s.start)]);
  for (let i = passedOver.length - 1; i >= 0; i--) {
    const s = passedOver[i];
    LIST_JOIN.lastIndex = s.end;
    const join = LIST_JOIN.exec(text);
    // (after a comma only inside a list that goes on: not "Hiya, [Becky] here")
    const listed = join && starts.has(s.end + join[0].length) && (join[0].trim() !== ',' || LIST_GOES_ON.test(text.slice(s.end + join[0].length, s.end + join[0].length + 60)));
    if (names.has(text.slice(s.start, s.end)) || listed) {
      found.push(s);
      starts.add(s.start);
    }
  }
  // a family by its surname in the plural: "the Hendersons", "die Krauses" (after "Familie Krause"), "los Pérez" aside
  const named = new Set([...found, ...scan.spans.filter((s) => s.kind === 'name')].flatMap((s) => scan.text.slice(s.start, s.end).split(/[ \t]+/u)));
  for (const m of text.matchAll(FAMILY_PLURAL)) {
    const word = m[1];
    const start = m.index + m[0].length - word.length;
    if (starts.has(start) || isNotAName(word) || isPlace(word)) continue;
    const stems = [word.slice(0, -1), ...(word.endsWith('es') ? [word.slice(0, -2)] : [])];
    if (stems.some((st) => st.length >= 3 && named.has(st))) {
      found.push({ start, end: start + word.length, kind: 'name' });
      starts.add(start);
    }
  }
  found.sort((a, b) => a.start - b.start);
  // particles between two names: "Anna van der Linden"
  const joined: PiiSpan[] = [];
  for (const s of found) {
    const prev = joined[joined.length - 1];
    const gap = prev ? text.slice(prev.end, s.start) : '';
    // (not "y" or "i" between given names: "Álex y Nerea" are two people, "Ortega y Gasset", "Puig i Serra" one)
    const conjunction = !!prev && /^[ \t]+[yi][ \t]+$/u.test(gap) && isGivenName(text.slice(s.start, s.end)) && isGivenName(text.slice(prev.start, prev.end));
    if (prev && /^[ \t]+(?:\p{Ll}+[ \t]+){1,2}$/u.test(gap) && gap.trim().split(/[ \t]+/).every((w) => PARTICLES.has(w)) && !conjunction) prev.end = s.end;
    else joined.push({ ...s });
  }
  // a surname the lists know as a proper noun right after a name: "Morag Ellison", "Owen Craig"
  for (const s of joined) {
    SURNAME_AFTER.lastIndex = s.end;
    const next = SURNAME_AFTER.exec(text);
    if (next && d.proper.has(next[1].toLowerCase()) && !d.common.has(next[1].toLowerCase()) && !isNotAName(next[1])) s.end += next[0].length;
  }
  scan.add(joined);
  // the same name in lower case elsewhere, when no list has it as a word: "voir avec Mehdi … mehdi m'a renvoyé"
  const lower = [...new Set(found.map((f) => text.slice(f.start, f.end)))].filter((w) => /^\p{Lu}\p{Ll}{3,}$/u.test(w) && !isCommonWord(w, d) && !isNotAName(w)).map((w) => w.toLowerCase());
  if (lower.length) scan.literals(lower, 'name', true);
}
