// Words to terms: lower-cased, accent-folded, lightly stemmed ("waited", "waiting", "waits" → "wait").
// Shared by theme matching, the local analyser and similar-ticket ranking so they agree on a word. Pure.

const STOP_WORDS = new Set(
  ('a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "i'm i've i'd i'll it's that's there's we're we've they're you're don't didn't doesn't isn't wasn't weren't won't can't couldn't wouldn't shouldn't haven't hasn't hadn't also get got one two still even really much many well like us " +
    'went gone go goes going gets getting made make makes came come comes took take takes taken gave give given said say told tell put seem seemed let want wanted know think thought see saw seen look looked find found')
    .split(/\s+/),
);

export function foldWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'");
}

/** Light English suffix stripping: plural, -ing, -ed, -ly, a final e, a doubled final consonant. */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (/([bdgmnprt])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** The words of a text, folded (not stemmed), placeholders like [NAME] dropped. */
export function words(text: string): string[] {
  return foldWord(text.replace(/\[[A-Z]+\]/g, ' ')).match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? [];
}

/** Stemmed content words, in order (stop words dropped). */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w) && !/^\d+$/.test(w))
    .map(stem)
    .filter((t) => t.length >= 2);
}

export interface Token {
  word: string; // folded
  stem: string;
}

/** One word of a keyword phrase: matched by stem, or exactly when written "=word" ("=missing" is not "missed"). */
export type PhraseTerm = { stem: string } | { word: string };

/** A keyword phrase as written in a list ("charged twice" → stems "charg", "twic"). */
export function phraseTerms(phrase: string): PhraseTerm[] {
  return phrase
    .trim()
    .split(/\s+/)
    .flatMap((part): PhraseTerm[] => (part.startsWith('=') ? words(part.slice(1)).map((word) => ({ word })) : words(part).map((w) => ({ stem: stem(w) }))));
}

/** Every word of the text with its stem, stop words kept: what phrases are matched against. */
export function tokens(text: string): Token[] {
  return words(text).map((word) => ({ word, stem: stem(word) }));
}

/** Whether the phrase occurs as consecutive words of the text. */
export function containsPhrase(text: Token[], phrase: PhraseTerm[]): boolean {
  if (!phrase.length) return false;
  outer: for (let i = 0; i + phrase.length <= text.length; i++) {
    for (let j = 0; j < phrase.length; j++) {
      const p = phrase[j];
      const t = text[i + j];
      if ('word' in p ? t.word !== p.word : t.stem !== p.stem) continue outer;
    }
    return true;
  }
  return false;
}
