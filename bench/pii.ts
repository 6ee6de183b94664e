// `npm run bench -- pii [--dev] [--misses]`: how much personal data the redaction (domain/pii.ts)
// catches before anything leaves for the AI endpoint, and how much ordinary text it destroys.
// 1. The PII corpus (bench/fixtures/pii/, see its README): % of planted items fully redacted and % of
//    non-PII tokens redacted, on the dev parts (looked at while writing the rules) and the held-out
//    parts (not), per kind and per language. `--misses` lists the dev misses and over-redacted tokens
//    (never the held-out ones); `--dev` leaves the held-out parts out altogether (while tuning).
// 2. Time: a realistic 100 KB comment and adversarial 100 KB inputs (long runs without spaces,
//    digit/separator runs, capitalised words) must each redact in well under a second.
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPii } from '../domain/pii';
import { piiDictionary } from '../activities/ai/pii-dictionary';
import { CORPUS_KINDS, parseCorpus, scoreCorpus, type CorpusCase, type Tally } from '../domain/pii-corpus';
import { keepRegexpsUntiered, REGEXP_FLAG } from '../platform/regexp-tiering';

// Regexps interpreted, not tiered up (platform/regexp-tiering.ts); BENCH_REGEXP_TIER_UP=1 gives V8's default, as the worker runs.
if (!process.env.BENCH_REGEXP_TIER_UP) keepRegexpsUntiered();

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures', 'pii');
const corpus = (name: string) => parseCorpus(readFileSync(path.join(fixtures, `${name}.txt`), 'utf8'));
// Every `dev*.txt` is a dev part (looked at while tuning; former held-out parts move here once a round
// has seen them) and every `holdout*.txt` a held-out part (a fresh batch is added before each round).
const parts = (prefix: string) =>
  readdirSync(fixtures)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.txt'))
    .map((f) => f.replace(/\.txt$/, ''))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
const devNames = parts('dev');
const heldOutNames = parts('holdout');
const t0 = performance.now();
const heap0 = process.memoryUsage().heapUsed;
const dictionary = process.env.PII_NO_DICTIONARY ? undefined : piiDictionary();
if (dictionary) console.log(`dictionary: ${dictionary.common.size} common + ${dictionary.proper.size} proper (${dictionary.persons.size} persons) words, loaded in ${Math.round(performance.now() - t0)} ms, heap +${Math.round((process.memoryUsage().heapUsed - heap0) / 2 ** 20)} MiB`);
const find = (c: CorpusCase) => findPii(c.text, { names: [c.contact] }, { dictionary });
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '—');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

console.log(`load average (1 / 5 / 15 min): ${load()}; regexps ${process.env.BENCH_REGEXP_TIER_UP ? "tiered up (V8's default)" : `as the worker runs them (${REGEXP_FLAG})`}\n`);
const devOnly = process.argv.includes('--dev');
const devParts = devNames.map(corpus);
const dev = devParts.flat();
const fileOf = new Map(devParts.flatMap((part, i) => part.map((c) => [c, devNames[i]] as const)));
const heldOutParts = devOnly ? [] : heldOutNames.map(corpus);
const scores = { dev: scoreCorpus(dev, find), holdout: scoreCorpus(heldOutParts.flat(), find) };

const items = (t?: Tally) => (t ? `${pct(t.caught, t.planted).padStart(8)} of ${String(t.planted).padStart(3)}` : ' '.repeat(15));
const tokens = (t?: Tally) => (t ? `${pct(t.overRedacted, t.tokens).padStart(7)} of ${String(t.tokens).padStart(4)}` : ' '.repeat(15));
const row = (label: string, d?: Tally, h?: Tally, withTokens = true) =>
  `  ${label.padEnd(12)}${items(d)}  ${withTokens ? tokens(d) : ' '.repeat(15)}  │ ${items(h)}  ${withTokens ? tokens(h) : ''}`;
const total = (cases: CorpusCase[]) => cases.reduce((n, c) => n + c.items.length, 0);
const heldOut = total(heldOutParts.flat());

console.log(`PII corpus: ${total(dev)} planted items in ${dev.length} dev comments, ${heldOut} in ${heldOutParts.flat().length} held-out comments (${pct(heldOut, heldOut + total(dev))} held out)`);
console.log(`  ${''.padEnd(12)}${'dev: items redacted  tokens redacted'.padEnd(34)}│ held-out: items redacted  tokens redacted`);
console.log(row('ALL', scores.dev.total, scores.holdout.total));
devParts.forEach((part, i) => console.log(row(`  ${devNames[i]}`, scoreCorpus(part, find).total)));
heldOutParts.forEach((part, i) => console.log(row(`  ${heldOutNames[i]}`, undefined, scoreCorpus(part, find).total)));
console.log('  by kind');
for (const kind of CORPUS_KINDS) console.log(row(kind, scores.dev.byKind.get(kind), scores.holdout.byKind.get(kind), false));
console.log('  by language');
const langs = [...new Set([...scores.dev.byLang.keys(), ...scores.holdout.byLang.keys()])].sort();
for (const lang of langs) console.log(row(lang, scores.dev.byLang.get(lang), scores.holdout.byLang.get(lang)));
const goal = (t: Tally) => (t.planted ? (t.caught / t.planted >= 0.99 && t.overRedacted / t.tokens <= 0.02 ? 'met' : 'NOT met') : '—');
console.log(`  goal (≥ 99 % of items, ≤ 2 % of tokens): dev ${goal(scores.dev.total)}, held-out ${goal(scores.holdout.total)}`);

if (process.argv.includes('--misses')) {
  console.log('\nDev misses and over-redacted tokens (file:line of the case):');
  for (const { case: c, score } of scores.dev.cases) {
    const at = `${fileOf.get(c)}:${c.line}`;
    for (const m of score.missed) console.log(`  ${at} ${c.lang}: missed ${m.kind} "${m.value}"`);
    if (score.overRedacted.length) console.log(`  ${at} ${c.lang}: over-redacted ${score.overRedacted.map((t) => `"${t}"`).join(' ')}`);
  }
}

// ---- time on 100 KB inputs ----
const KB100 = 100 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(KB100 / unit.length)).slice(0, KB100);
// every word different (no verdict cached): "Kestrunaliveborpatemsung …", 8–40 letters each
function distinctWords(): string {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const syllables = ['ka', 'stru', 'na', 'li', 've', 'bor', 'pa', 'tem', 'sung', 'er', 'lo', 'din', 'ung', 'mit', 'ar', 'bei', 'ter'];
  let out = '';
  while (out.length < KB100) {
    let w = '';
    while (w.length < 8 + next() * 32) w += syllables[Math.floor(next() * syllables.length)];
    out += w[0].toUpperCase() + w.slice(1) + ' ';
  }
  return out.slice(0, KB100);
}
const inputs: Array<[string, string]> = [
  ['realistic (dev comments repeated)', fill(dev.map((c) => c.text).join('\n\n') + '\n\n')],
  ['one 100 KB word', fill('abcdefghij')],
  ['letters and @ without spaces', fill('ab.cd%ef+')],
  ['digits with separators', fill('12-34 56.7/')],
  ['capitalised words', fill('Anna Maria Lopez Garcia ')],
  ['unknown capitalised words', fill('Qwertz Zyxwv Brontal Fenquist Ollarbe ')],
  ['long capitalised compounds', fill('Kundenservicemitarbeiterinnenbeschwerdeformular ')],
  ['distinct made-up capitalised words', distinctWords()],
  ['sign-off phrases', fill('Regards, Thanks, Cheers, Grüße ')],
  ['cue words', fill('my wife the waiter order ref booking plate born on ')],
  ['alphanumeric codes', fill('AB12 CD34 EF56 ')],
  ['address parts in one chain', fill('Hauptstraße 5, Wohnung 3, Flat 2, Alder House, Postfach 12 34, ')],
  ['birth dates in words, verb last', fill('am neunten Mai 1958 geboren, the twelfth of June 2011 born ')],
  ['blanks', fill(' ')],
  ['blanks after a cue, just short of a piece break', fill('nach' + ' '.repeat(27) + '1')],
];
console.log(`\nTime to redact 100 KB (median of 5 runs; load ${load()}):`);
for (const [label, text] of inputs) {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 5; i++) {
    dictionary?.cache.clear(); // each run starts with no verdict cached
    const t0 = performance.now();
    found = findPii(text, { names: ['Sarah Collins'] }, { dictionary }).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(36)} ${times[2].toFixed(0).padStart(6)} ms  (${found} spans)`);
}
