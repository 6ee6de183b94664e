// The PII redaction (domain/pii*.ts) runs a few very large regular expressions in the worker. By default
// V8 first interprets a regexp, then compiles it to native code once it is hot; for these patterns, on a
// long comment in a process that has already run many, the compiled code was several times slower: the
// bench's 100 KB inputs took up to 4.2 s (chain of address parts 4.2 s, cue words 2.4 s, a realistic
// comment 1.4 s) and at most 0.97 s with tiering off, the same run of `npm run bench -- pii --dev` back to
// back at load 3. Process-wide. The worker no longer sets it: flipped at run time (v8.setFlagsFromString,
// which Node documents as unsafe after start-up) worker processes died of SIGSEGV in 3 of 6 runs of
// test/platform/processes.test.ts, and in 0 of 5 without it. Only `npm run bench -- pii` sets it now.
import v8 from 'node:v8';

export const REGEXP_FLAG = '--no-regexp-tier-up';

export function keepRegexpsUntiered(): void {
  v8.setFlagsFromString(REGEXP_FLAG);
}
