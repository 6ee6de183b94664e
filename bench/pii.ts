// `npm run bench -- pii [--misses]`: how much personal data the redaction (domain/pii.ts) catches
// before anything leaves for the AI endpoint, and how much ordinary text it destroys.
// 1. The PII corpus (bench/fixtures/pii/): % of planted items fully redacted and % of non-PII tokens
//    redacted, on the dev part (looked at while writing the rules) and the held-out part (not), per
//    kind and per language. `--misses` lists the dev misses and over-redacted tokens (never the
//    held-out ones: that part stays unread).
// 2. Time: a realistic 100 KB comment and adversarial 100 KB inputs (long runs without spaces,
//    digit/separator runs, capitalised words) must redact in well under a second each.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_KINDS, parseCorpus, scoreCorpus, type CorpusCase, type Tally } from '../domain/pii-corpus';
import { findPii } from '../domain/pii';

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = (name: string) => parseCorpus(readFileSync(path.join(here, 'fixtures', 'pii', `${name}.txt`), 'utf8'));
const find = (c: CorpusCase) => findPii(c.text, { names: [c.contact] });
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : '—');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' / ');

console.log(`load average (1 / 5 / 15 min): ${load()}\n`);
// `--dev`: the dev part only (while tuning the rules, so that not even the held-out totals steer them)
const devOnly = process.argv.includes('--dev');
const splits = { dev: corpus('dev'), holdout: devOnly ? [] : corpus('holdout') };
const scores = { dev: scoreCorpus(splits.dev, find), holdout: scoreCorpus(splits.holdout, find) };

const row = (label: string, t: Record<'dev' | 'holdout', Tally | undefined>) => {
  const cell = (x: Tally | undefined) =>
    x ? `${pct(x.caught, x.planted).padStart(8)} of ${String(x.planted).padStart(3)}   ${pct(x.overRedacted, x.tokens).padStart(7)} of ${String(x.tokens).padStart(4)}` : ' '.repeat(36);
  return `  ${label.padEnd(10)}${cell(t.dev)}   │ ${cell(t.holdout)}`;
};
console.log(`PII corpus: ${splits.dev.length} dev + ${splits.holdout.length} held-out comments`);
console.log(`  ${''.padEnd(10)}${'dev: items redacted   tokens redacted'.padEnd(39)}│ held-out: items redacted   tokens redacted`);
console.log(row('ALL', { dev: scores.dev.total, holdout: scores.holdout.total }));
console.log('  by kind');
for (const kind of CORPUS_KINDS) console.log(row(kind, { dev: scores.dev.byKind.get(kind), holdout: scores.holdout.byKind.get(kind) }));
console.log('  by language');
const langs = [...new Set([...scores.dev.byLang.keys(), ...scores.holdout.byLang.keys()])].sort();
for (const lang of langs) console.log(row(lang, { dev: scores.dev.byLang.get(lang), holdout: scores.holdout.byLang.get(lang) }));
const goal = (t: Tally) => t.caught / t.planted >= 0.99 && t.overRedacted / t.tokens <= 0.02;
console.log(`  goal (≥ 99 % of items, ≤ 2 % of tokens): dev ${goal(scores.dev.total) ? 'met' : 'NOT met'}, held-out ${goal(scores.holdout.total) ? 'met' : 'NOT met'}`);

if (process.argv.includes('--misses')) {
  console.log('\nDev misses (line: kind "value") and over-redacted tokens:');
  for (const { case: c, score } of scores.dev.cases) {
    for (const m of score.missed) console.log(`  ${c.line} ${c.lang}: missed ${m.kind} "${m.value}"`);
    if (score.overRedacted.length) console.log(`  ${c.line} ${c.lang}: over-redacted ${score.overRedacted.map((t) => `"${t}"`).join(' ')}`);
  }
}

// ---- time on 100 KB inputs ----
const KB100 = 100 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(KB100 / unit.length)).slice(0, KB100);
const realistic = fill(splits.dev.map((c) => c.text).join('\n\n') + '\n\n');
const inputs: Array<[string, string]> = [
  ['realistic (dev comments repeated)', realistic],
  ['one 100 KB word', fill('abcdefghij')],
  ['letters and @ without spaces', fill('ab.cd%ef+')],
  ['digits with separators', fill('12-34 56.7/')],
  ['capitalised words', fill('Anna Maria Lopez Garcia ')],
  ['sign-off phrases', fill('Regards, Thanks, Cheers, Grüße ')],
  ['cue words', fill('my wife the waiter order ref booking plate born on ')],
  ['alphanumeric codes', fill('AB12 CD34 EF56 ')],
];
console.log(`\nTime to redact 100 KB (median of 5 runs; load ${load()}):`);
for (const [label, text] of inputs) {
  const times: number[] = [];
  let found = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    found = findPii(text, { names: ['Sarah Collins'] }).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${label.padEnd(36)} ${times[2].toFixed(0).padStart(6)} ms  (${found} spans)`);
}
