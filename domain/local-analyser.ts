// The built-in analyser used when no AI endpoint is configured (or it fails): deterministic lexicon
// rules over already-redacted text. Pure.
import Sentiment from 'sentiment';
import { percent, type Analysis, type Sentiment as SentimentLabel, type Urgency } from './ai';
import { matchThemes, type ThemeDef, type ThemeHit } from './themes';
import type { AiConfidence } from './ticket-view';
import { containsPhrase, phraseTerms, stem, tokens, words, type PhraseTerm, type Token } from './text-terms';

export type { Analysis } from './ai';

// AFINN (the `sentiment` package) scores everyday English; customer feedback needs a few corrections:
// words that are neutral in a request ("please", "like", "help") and service complaints it lacks.
const FEEDBACK_LEXICON: Record<string, number> = {
  please: 0,
  like: 0,
  help: 0,
  want: 0,
  promised: 0,
  free: 0,
  kind: 0,
  care: 0,
  true: 0,
  joke: -2,
  complaint: 0,
  simple: 1,
  handy: 2,
  grumpy: -2,
  slimy: -2,
  bland: -1,
  pay: 0,
  no: 0,
  cleaner: 0,
  freezing: -1,
  fine: 1,
  okay: 0,
  stale: -2,
  overpriced: -2,
  overcharged: -2,
  unhelpful: -2,
  stained: -2,
  smelly: -2,
  mould: -2,
  mold: -2,
  crashed: -2,
  crashes: -2,
  freezes: -2,
  buggy: -2,
  late: -1,
  slow: -1,
  forever: -1,
  tasty: 2,
  patient: 2,
  clearly: 1,
  quickly: 1,
  thorough: 2,
  curt: -2,
  sarcastic: -2,
  watery: -1,
  // service-feedback words the general lexicon lacks
  lukewarm: -2,
  soggy: -2,
  burnt: -2,
  tasteless: -2,
  inedible: -3,
  cramped: -1,
  stuffy: -1,
  dismissive: -2,
  condescending: -2,
  impolite: -2,
  unfriendly: -2,
  uninterested: -2,
  overbooked: -2,
  understaffed: -2,
  disorganised: -2,
  faulty: -2,
  flimsy: -2,
  leaking: -2,
  leaky: -2,
  cracked: -1,
  scratched: -1,
  overdue: -1,
  unreachable: -2,
  unanswered: -2,
  grimy: -2,
  greasy: -1,
  mouldy: -2,
  moldy: -2,
  rusty: -1,
  wobbly: -1,
  expired: -1,
  mediocre: -1,
  attentive: 2,
  prompt: 1,
  speedy: 2,
  efficient: 2,
  knowledgeable: 2,
  welcoming: 2,
  cosy: 2,
  cozy: 2,
  smooth: 1,
  punctual: 2,
  immaculate: 3,
  professional: 2,
  fast: 1,
  quick: 1,
  cancelled: 0,
  'rip-off': -3,
};

// Something is wrong even when no emotional word says so.
const PROBLEM_CUES = [
  'never arrived', 'never came', 'not arrived', "hasn't arrived", 'nothing arrived', "didn't arrive",
  'not working', "isn't working", "doesn't work", "don't work", "didn't work", 'stopped working',
  "can't", 'cannot', 'could not', "couldn't", 'unable to',
  'still no', 'still not', "still hasn't", 'still waiting', 'no reply', 'no response', 'no answer', 'nobody', 'no one',
  '=missing', 'wrong', 'error', 'broken', 'lost', 'locked', 'late', 'waited', 'forgot', 'too loud', 'too long', 'last minute', 'never agreed', "didn't agree", "someone else's", 'is gone', 'no longer', 'short with', 'dropping', 'took a week', 'took weeks', 'took days', 'took hours', 'without notice', 'without warning', 'without asking', 'without telling', 'nobody told', 'nobody has told', 'no one told', 'no update', 'not showing', "doesn't show", "hasn't updated",
  'came out cold', 'was cold', 'were cold', 'been cold', 'is cold', 'are cold', 'no soap', 'out of order', 'ran out', 'is down', 'was down', 'outage', 'hung up', 'gone up', 'went up', 'got smaller',
];
// Praise that the word list misses.
const PRAISE_PHRASES = ['thank you for', 'thanks for', 'well done', 'much appreciated', 'out of his way', 'out of her way', 'out of their way', 'above and beyond', 'keep it up', 'nothing to complain about', 'no complaints', 'well packed'];
// Hostility and outrage, beyond plain dissatisfaction.
const ANGER_WORDS = [
  'furious', 'angry', 'livid', 'fuming', 'outraged', 'outrageous', 'disgrace', 'pathetic', 'insulted', 'humiliated', 'sick and tired', 'stole', 'disgusting', 'disgraceful',
  'unacceptable', 'ridiculous', 'appalling', 'appalled', 'shocking', 'horrendous', 'atrocious', 'worst',
  'useless', 'incompetent', 'joke', 'scam', 'rip-off', 'rip off', 'stolen', 'thieves', 'liars',
  'fed up', 'you people', "i'm done", 'i am done', 'never again', 'how dare', 'shame on you', 'sort it out',
];
const THREATS = ['lawyer', 'solicitor', 'sue', 'court', 'legal action', 'report you', 'reporting you', "or i'm", 'ombudsman', 'trading standards', 'bad review', 'social media', 'or i will'];
const CHURN_WORDS = ['cancel', 'cancelling', 'never again', 'switch', 'switching', 'competitor', 'go elsewhere', 'going elsewhere', 'close my account', 'unsubscribe', 'leaving', "i'm done", 'done with you', 'last time', "won't be back", 'not coming back', 'never coming back', 'taking my business'];
const REPEAT_WORDS = ['again', 'third time', 'second time', 'every time', 'keeps', 'keep', 'still', 'once more', 'yet again'];
const LOYAL_WORDS = ['will be back', "we'll be back", "i'll be back", 'order again', 'come again', 'recommend', 'as always', 'regular'];

// Urgency. High: harm, legal exposure, money taken wrongly, or a deadline within about a day.
const HIGH_URGENCY = [
  // health and safety
  'allergic', 'allergy', 'anaphylactic', 'reaction', 'food poisoning', 'poisoning', 'vomiting', 'vomited', 'got sick', 'was sick', 'became ill', 'felt ill', 'hospital',
  'injury', 'injured', 'hurt', 'bleeding', 'burned', 'tripped', 'fell', 'unsafe', 'danger', 'dangerous', 'hazard', 'gas', 'smoke alarm', 'fire', 'electric shock',
  'broken glass', 'accident', 'nearly crashed', 'brakes', 'drown', 'drowned', 'drowning', 'unsupervised', 'fall over', 'falling', 'nearly fell', 'medicine', 'pills', 'prescription', 'insulin', 'leaking', 'leak', 'flooded', 'flooding', 'water damage', 'cut my', 'mice', '=rats', '=droppings', 'cockroach', 'vermin', 'medication', 'choking',
  // security and fraud
  'fraud', 'stolen', 'stole', 'someone took', 'from my account', 'stranger', 'hacked', 'unauthorised', 'unauthorized', 'never made', 'used my card', 'someone used', 'identity',
  // legal
  'lawyer', 'solicitor', 'sue', 'court', 'legal', 'police', 'ombudsman', 'trading standards', 'discrimination', 'discriminated', 'guide dog', 'service dog', 'refused entry', 'damaged my',
  // money taken wrongly
  'charged twice', 'double charge', 'double charged', 'charged me twice', 'overcharged', 'charging my card', 'taking money', 'taking my money', 'took money', 'charged again', 'took my money', 'taken my money', 'kept my money', 'charged three times', 'charged for a subscription', 'after i cancelled', 'billed after',
];
const DEADLINE = ['today', 'tonight', 'immediately', 'right now', 'asap', 'urgent', 'urgently', 'this evening', 'tomorrow', 'before midnight', 'by midnight', 'deadline', 'within the hour'];
// Medium: the customer needs something from us, or a problem is still going on.
const REQUESTS = [
  'please', 'can you', 'could you', 'can someone', 'could someone', 'i need', 'need the', 'need it', "i'd like to", 'i would like to', 'i want',
  'refund', 'resend', 'send me', 'replace', 'replacement', 'credit', '=change my', 'confirm', 'look at', 'cancel my', 'fix', "we'd like", 'we would like', 'exchange', 'exchanged', 'money back', 'never agreed', "didn't agree", 'sent me the wrong', 'sent the wrong', 'wrong size', 'wrong item', 'sort it out', 'sort this out', 'instead of',
];
const ONGOING = [
  'stopped working', 'still no', 'still not', 'still waiting', "still hasn't", "still haven't", 'still broken', 'still nothing', 'still missing', 'keeps', 'keep', 'not working', "isn't working", "doesn't work", "don't work", "doesn't apply", "didn't apply", 'never came', 'never arrived',
  "hasn't arrived", 'not arrived', 'nothing arrived', '=missing', 'no reply', 'no response', 'not replied', 'nobody has replied', 'locked', "can't access", "can't reach", "can't get", 'on hold', 'hung up', 'for days', 'for a week', 'for weeks', 'for months', 'days now', 'week now', 'weeks now', 'since the', 'nobody told', 'nobody has told', 'no one told', 'no one has told', 'no update', 'missed delivery', 'lost my', 'lost our', 'not showing', "doesn't show", "hasn't updated", "can't place", 'every time', "can't log", "can't pay", "can't use", "can't order", 'cannot access', 'unable to',
];
// Someone vulnerable makes an ongoing problem urgent.
const VULNERABLE = ['elderly', 'disabled', 'pregnant', 'lives alone', 'newborn', 'vulnerable'];
// Not a request for action: a suggestion or a general question.
const NOT_A_REQUEST = ['like to know', 'add an option', 'would be nice', 'suggest', 'consider', 'improve', 'do you offer'];

// Words that are too general to be a useful free tag.
const GENERIC = new Set(
  'service time thing things today people place customer customers experience back went came made said told asked tried absolutely thank thanks great good bad lovely really never always everything nothing something anything someone everyone nobody week weeks month months year years day days hour hours minutes morning evening night around first last next every other another made make take taken give given'.split(' '),
);
const ACRONYMS = new Set(['OK', 'ATM', 'USB', 'TV', 'PIN', 'SMS', 'NPS', 'VAT', 'ID', 'UK', 'USA', 'EU', 'PDF', 'GPS', 'DIY', 'FAQ', 'CEO', 'ASAP']);

const sentimentLib = new Sentiment();

export interface AnalyserInput {
  text: string; // redacted comment and customer messages
  tier: 'detractor' | 'passive' | 'promoter' | null;
  themes: ThemeDef[]; // the admin theme list
  rating?: string | null; // e.g. "STAR 1", for the summary
}

type Cue = { p: string; terms: PhraseTerm[] };
const phrases = (list: string[]): Cue[] => list.map((p) => ({ p, terms: phraseTerms(p) }));
const P = {
  problem: phrases(PROBLEM_CUES),
  praise: phrases(PRAISE_PHRASES),
  anger: phrases(ANGER_WORDS),
  threats: phrases(THREATS),
  churn: phrases(CHURN_WORDS),
  repeat: phrases(REPEAT_WORDS),
  loyal: phrases(LOYAL_WORDS),
  high: phrases(HIGH_URGENCY),
  deadline: phrases(DEADLINE),
  requests: phrases(REQUESTS),
  ongoing: phrases(ONGOING),
  notRequest: phrases(NOT_A_REQUEST),
  vulnerable: phrases(VULNERABLE),
};
const hitsOf = (text: Token[], list: Cue[]) => list.filter((x) => containsPhrase(text, x.terms)).map((x) => x.p);

interface Signals {
  polarity: number;
  positive: number;
  negative: number;
  anger: number;
  contrast: boolean;
  hedged: boolean;
  mixed: boolean;
}

const CONTRAST = /\b(?:but|though|although|however|except|yet)\b/i;
const clauseScore = (clause: string) => {
  const t = tokens(clause);
  return (
    sentimentLib.analyze(clause.replace(NEGATED_INTENSIFIER, '$1 '), { extras: FEEDBACK_LEXICON }).score -
    2 * (hitsOf(t, P.problem).length + hitsOf(t, P.high).length) +
    2 * hitsOf(t, P.praise).length -
    (/\bcould (?:be|have been) (?:better|warmer|cleaner|quicker|faster|nicer)\b/i.test(clause) ? 2 : 0)
  );
};
/** Praise and a complaint on either side of "but"/"although": the customer is of two minds. */
function mixedClauses(text: string): boolean {
  const m = CONTRAST.exec(text);
  if (!m) return false;
  const before = clauseScore(text.slice(0, m.index));
  const after = clauseScore(text.slice(m.index + m[0].length));
  return (before > 0 && after < 0) || (before < 0 && after > 0);
}

// "not very helpful": the lexicon only negates the word right after "not".
const NEGATED_INTENSIFIER = /\b(not|never|isn't|wasn't|weren't|aren't|don't|doesn't|didn't)\s+(?:very|really|so|particularly|that|too|overly|exactly|especially)\s+/gi;

function readSignals(text: string, toks: Token[]): Signals {
  const r = sentimentLib.analyze(text.replace(NEGATED_INTENSIFIER, '$1 '), { extras: FEEDBACK_LEXICON });
  const scores = r.calculation.map((c) => Object.values(c)[0]);
  // Harm, fraud and legal trouble are bad news even in calm words; praise idioms are good news.
  const problems = hitsOf(toks, P.problem).length + hitsOf(toks, P.high).length;
  const threats = hitsOf(toks, P.threats).length;
  const outrage = hitsOf(toks, P.anger).length;
  const praise = hitsOf(toks, P.praise).length + hitsOf(toks, P.loyal).length;
  const positive = scores.reduce((s, x) => s + Math.max(0, x), 0) + 2 * praise;
  const negative = scores.reduce((s, x) => s + Math.min(0, x), 0) - 2 * problems - 2 * threats - 2 * outrage;
  const strong = scores.filter((x) => x <= -3).length;
  const shouted = (text.match(/\b[A-Z]{3,}\b/g) ?? []).filter((w) => !ACRONYMS.has(w)).length;
  const exclaims = (text.match(/!/g) ?? []).length;
  const anger =
    3 * outrage +
    3 * threats +
    strong +
    (strong >= 2 ? 1 : 0) +
    Math.min(2, shouted) +
    (exclaims >= 3 ? 2 : exclaims === 2 ? 1 : 0) +
    (/\?!|!\?/.test(text) ? 1 : 0) +
    (/\b(\w{4,})\b[\s,.!]+\1\b/i.test(text) ? 1 : 0); // "terrible, terrible"
  return {
    polarity: positive + negative,
    positive,
    negative,
    anger,
    contrast: /\b(but|though|although|however|otherwise|except)\b/i.test(text),
    mixed: mixedClauses(text),
    hedged: /\b(a bit|a little|slightly|somewhat|kind of|a tad)\b/i.test(text),
  };
}

function sentimentOf(s: Signals, tier: AnalyserInput['tier'], hasText: boolean): SentimentLabel {
  if (!hasText) return tier === 'detractor' ? 'negative' : tier === 'promoter' ? 'positive' : 'neutral';
  let label: SentimentLabel;
  if (s.polarity < 0 && s.anger >= 3) label = 'angry';
  else if (s.mixed && s.polarity > -4) label = 'neutral'; // praise and criticism
  else if (s.contrast && s.positive >= 2 && s.negative <= -1 && s.polarity > -3) label = 'neutral';
  else if (s.hedged && s.polarity >= -1) label = 'neutral'; // "a bit hard to find"
  else if (s.polarity <= -1) label = 'negative';
  else if (s.polarity >= 2) label = 'positive';
  else label = 'neutral';
  // The score the customer gave outweighs a text that says little either way.
  if (label === 'neutral' && tier === 'detractor') return 'negative';
  if (label === 'neutral' && tier === 'promoter') return 'positive';
  return label;
}

function urgencyOf(toks: Token[], sentiment: SentimentLabel): Urgency {
  if (hitsOf(toks, P.high).length) return 'high';
  // Thanks for something done, a suggestion or a general question: nothing for us to do.
  const noAction = sentiment === 'positive' || hitsOf(toks, P.notRequest).length > 0;
  const ongoing = sentiment !== 'positive' && hitsOf(toks, P.ongoing).length > 0;
  const needsUs = (!noAction && hitsOf(toks, P.requests).length > 0) || ongoing;
  if (ongoing && hitsOf(toks, P.vulnerable).length) return 'high';
  if (hitsOf(toks, P.deadline).length && (needsUs || sentiment === 'negative' || sentiment === 'angry')) return 'high';
  return needsUs ? 'medium' : 'low';
}

/** Churn risk as a percentage: the score tier sets a base, the text's mood and intent move it. */
export function churnRiskOf(input: { tier: AnalyserInput['tier']; sentiment: SentimentLabel; urgency: Urgency; tokens: Token[] }): number {
  const base = input.tier === 'detractor' ? 35 : input.tier === 'passive' ? 20 : input.tier === 'promoter' ? 5 : 15;
  const mood = { angry: 30, negative: 15, neutral: 0, positive: -10 }[input.sentiment];
  const intent = hitsOf(input.tokens, P.churn).length;
  const repeat = hitsOf(input.tokens, P.repeat).length > 0 && input.sentiment !== 'positive';
  const loyal = hitsOf(input.tokens, P.loyal).length > 0 && (input.sentiment === 'positive' || input.sentiment === 'neutral');
  return percent(base + mood + (intent ? 30 + 10 * (intent - 1) : 0) + (repeat ? 10 : 0) - (loyal ? 10 : 0) + (input.urgency === 'high' ? 5 : 0));
}

function tagsOf(text: string, themes: ThemeDef[]): string[] {
  const themeStems = new Set(themes.flatMap((t) => t.keywords.flatMap(phraseTerms)).map((t) => ('stem' in t ? t.stem : stem(t.word))));
  const counts = new Map<string, { word: string; n: number; first: number }>();
  words(text).forEach((w, i) => {
    // Nouns make the best tags; without a part-of-speech tagger, skip the obvious verb and adverb forms.
    if (w.length < 4 || GENERIC.has(w) || /\d/.test(w) || w.includes("'") || /(?:ed|ing|ly)$/.test(w)) return;
    const st = stem(w);
    if (themeStems.has(st) || sentimentLib.analyze(w, { extras: FEEDBACK_LEXICON }).score !== 0 || STOPWORD_LIKE.has(w)) return;
    const c = counts.get(st);
    if (c) c.n++;
    else counts.set(st, { word: w, n: 1, first: i });
  });
  return [...counts.values()].sort((a, b) => b.n - a.n || a.first - b.first).slice(0, 3).map((c) => c.word);
}
const STOPWORD_LIKE = new Set('about after again also because been before being could does doing during from have having here into just more most only other over same should some such than that their them then there these they this those through under until very were what when where which while with would your yours please sure quite rather'.split(' '));

const sentences = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?])\s+/)
    .filter((s) => /\p{L}/u.test(s));

/** The sentence that says most: theme words and problems weigh, the first sentence wins ties. */
function keySentence(text: string, themes: ThemeDef[]): string {
  const all = sentences(text);
  let best = all[0] ?? '';
  let bestScore = -1;
  for (const s of all) {
    const toks = tokens(s);
    const score = matchThemes(s, themes).length * 2 + hitsOf(toks, P.problem).length + hitsOf(toks, P.high).length * 2 + Math.abs(sentimentLib.analyze(s).score) / 3;
    if (score > bestScore) [best, bestScore] = [s, score];
  }
  return best.length > 200 ? `${best.slice(0, 197).trimEnd()}…` : best;
}

const MOOD_WORD: Record<SentimentLabel, string> = { angry: 'An angry', negative: 'An unhappy', neutral: 'A', positive: 'A satisfied' };

function summaryOf(text: string, a: { sentiment: SentimentLabel; urgency: Urgency; themes: string[] }, input: AnalyserInput): string {
  const about = a.themes.length ? ` about ${a.themes.slice(0, 3).map((t) => t.toLowerCase()).join(', ')}` : '';
  const rated = input.rating ? ` (${input.rating})` : '';
  if (!text.trim()) return `${MOOD_WORD[a.sentiment]} customer${rated} left a score without a comment. There is nothing specific to act on yet.`;
  const first = `${MOOD_WORD[a.sentiment]} customer${rated} writes${about}; urgency ${a.urgency}.`;
  const key = keySentence(text, input.themes).replace(/["“”]/g, "'");
  return `${first} In their words: "${key.replace(/[.!?]+$/, '')}".`;
}

function actionOf(a: { sentiment: SentimentLabel; urgency: Urgency; themes: string[] }, themes: ThemeDef[]): string {
  const own = a.themes.map((name) => themes.find((t) => t.name === name)?.action).find((x): x is string => !!x);
  if (a.sentiment === 'positive' && a.urgency === 'low') return 'Thank the customer and pass the praise on to the team.';
  if (own) return a.urgency === 'high' && !/today/i.test(own) ? `Act today: ${own.charAt(0).toLowerCase()}${own.slice(1)}` : own;
  if (a.urgency === 'high') return 'Call the customer today to understand what happened and agree what we will do.';
  if (a.sentiment === 'neutral') return "Answer the customer's request and confirm once it is done.";
  return 'Contact the customer to understand what went wrong and agree a fix.';
}

function replyOf(a: { sentiment: SentimentLabel; urgency: Urgency; themes: string[] }): string {
  const about = a.themes.length ? ` with ${a.themes[0].toLowerCase()}` : '';
  const body =
    a.sentiment === 'positive'
      ? `thank you for your kind words. We have passed them on to the team and look forward to seeing you again.`
      : a.sentiment === 'neutral'
        ? `thank you for getting in touch${a.themes.length ? ` about ${a.themes[0].toLowerCase()}` : ''}. We are looking at it and will come back to you ${a.urgency === 'high' ? 'today' : 'shortly'}.`
        : `thank you for telling us about your experience${about}. We are sorry it fell short${a.sentiment === 'angry' ? ' and understand your frustration' : ''}. We are looking into it and will come back to you ${a.urgency === 'high' ? 'today' : 'shortly'} with what we are doing about it.`;
  return `Hello [NAME],\n\n${body}\n\nKind regards`;
}

/**
 * How strong the cues were, 0–1 (shown as low / medium / high beside the guess). Not a calibrated
 * probability: more and stronger lexicon hits raise it; a score alone, praise and criticism together,
 * hedging, or a text that contradicts the score lower it. Themes: keyword hits of the best theme.
 */
function confidenceOf(s: Signals, sentiment: SentimentLabel, tier: AnalyserInput['tier'], hasText: boolean, themeHits: ThemeHit[]): AiConfidence {
  const round = (x: number) => Math.round(Math.max(0.2, Math.min(0.9, x)) * 100) / 100;
  if (!hasText) return { sentiment: tier ? 0.4 : 0.2, themes: 0.2 };
  const evidence = sentiment === 'angry' ? s.anger + Math.abs(s.polarity) / 2 : Math.abs(s.polarity);
  let c = 0.35 + 0.08 * Math.min(6, evidence);
  if (s.mixed || (s.contrast && s.positive >= 2 && s.negative <= -1)) c -= 0.15;
  if (s.hedged) c -= 0.05;
  const againstScore = (tier === 'detractor' && sentiment === 'positive') || (tier === 'promoter' && (sentiment === 'negative' || sentiment === 'angry'));
  if (againstScore) c -= 0.1;
  const top = themeHits[0]?.hits ?? 0;
  return { sentiment: round(c), themes: round(top ? 0.4 + 0.15 * top : 0.45) };
}

export function analyseLocally(input: AnalyserInput): Analysis & { confidence: AiConfidence } {
  const text = input.text;
  const toks = tokens(text);
  const signals = readSignals(text, toks);
  const sentiment = sentimentOf(signals, input.tier, !!text.trim());
  const urgency = urgencyOf(toks, sentiment);
  const themeHits = matchThemes(text, input.themes).slice(0, 3);
  const themes = themeHits.map((t) => t.name);
  const a = { sentiment, urgency, themes };
  return {
    ...a,
    confidence: confidenceOf(signals, sentiment, input.tier, !!text.trim(), themeHits),
    churnRisk: churnRiskOf({ tier: input.tier, sentiment, urgency, tokens: toks }),
    tags: tagsOf(text, input.themes),
    summary: summaryOf(text, a, input),
    suggestedAction: actionOf(a, input.themes),
    suggestedReply: replyOf(a),
  };
}
