// `npm run bench -- ai`: how good the built-in (local) analysis is.
// 1. Sentiment and urgency accuracy of the local analyser on a labelled set of feedback comments
//    (bench/fixtures/ai-feedback.json), reported for the dev split (looked at while writing the rules)
//    and the held-out split (not), with confusion tables.
// 2. Similar tickets on a seeded history of resolved tickets with known themes
//    (bench/fixtures/ai-history.json): the share of queries whose first similar ticket has the same
//    theme. The history goes through the real path: ticket state → projection → analysis → resolve.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { createAiActivities } from '../activities/ai/analyse';
import { createProjectionActivities } from '../activities/projection';
import { taxonomyEntries } from '../db/schema';
import { SENTIMENTS, URGENCIES } from '../domain/ai';
import { analyseLocally } from '../domain/local-analyser';
import { redactPii } from '../domain/pii';
import { DEFAULT_THEMES } from '../domain/themes';
import { bootstrap } from '../platform/bootstrap';
import { createTestDatabase } from '../test/support/db';
import { NEW_TICKET_PATCHES, ticketInput } from '../test/support/ticket-fixtures';
import { TicketState } from '../workflows/ticket-state';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = <T>(name: string) => JSON.parse(readFileSync(path.join(here, 'fixtures', name), 'utf8')) as T;

interface Labelled {
  split: 'dev' | 'holdout';
  text: string;
  sentiment: (typeof SENTIMENTS)[number];
  urgency: (typeof URGENCIES)[number];
}
interface History {
  history: Array<{ theme: string; text: string }>;
  queries: Array<{ theme: string; text: string; split: 'dev' | 'holdout' }>;
}

const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;

function confusion(labels: readonly string[], pairs: Array<[string, string]>): string {
  const w = Math.max(...labels.map((l) => l.length)) + 2;
  const head = `${'truth \\ said'.padEnd(14)}${labels.map((l) => l.padStart(w)).join('')}   recall`;
  const rows = labels.map((truth) => {
    const row = labels.map((said) => pairs.filter(([t, s]) => t === truth && s === said).length);
    const total = row.reduce((a, b) => a + b, 0);
    return `${truth.padEnd(14)}${row.map((n) => String(n).padStart(w)).join('')}   ${total ? pct(row[labels.indexOf(truth)], total) : '—'}`;
  });
  return [head, ...rows].map((l) => `    ${l}`).join('\n');
}

// ---- 1. local analyser accuracy ----
const labelled = fixture<{ items: Labelled[] }>('ai-feedback.json').items;
console.log(`Local analyser on ${labelled.length} labelled comments (PII-redacted first, as in production; no score tier given)`);
const figures: Record<string, { sentiment: string; urgency: string }> = {};
for (const split of ['dev', 'holdout'] as const) {
  const items = labelled.filter((i) => i.split === split);
  const said = items.map((i) => analyseLocally({ text: redactPii(i.text).text, tier: null, themes: DEFAULT_THEMES }));
  const s = items.filter((i, k) => said[k].sentiment === i.sentiment).length;
  const u = items.filter((i, k) => said[k].urgency === i.urgency).length;
  figures[split] = { sentiment: pct(s, items.length), urgency: pct(u, items.length) };
  console.log(`\n  ${split} (${items.length}): sentiment ${figures[split].sentiment} (${s}/${items.length}), urgency ${figures[split].urgency} (${u}/${items.length})`);
  console.log(`  sentiment:\n${confusion(SENTIMENTS, items.map((i, k) => [i.sentiment, said[k].sentiment]))}`);
  console.log(`  urgency:\n${confusion(URGENCIES, items.map((i, k) => [i.urgency, said[k].urgency]))}`);
}

// ---- 2. similar tickets on a seeded history ----
const { history, queries } = fixture<History>('ai-history.json');
const database = await createTestDatabase();
try {
  const db = database.db;
  await bootstrap(db, { adminEmail: 'bench@closeloop.local', adminPassword: 'bench-password' });
  const projection = createProjectionActivities(db, 'http://localhost');
  const ai = createAiActivities({ db, ai: null });
  const [rootCause] = await db.select().from(taxonomyEntries).where(eq(taxonomyEntries.kind, 'root_cause'));
  const [action] = await db.select().from(taxonomyEntries).where(eq(taxonomyEntries.kind, 'action'));
  const actor = { id: 'bench', name: 'Bench' };
  const start = Date.UTC(2025, 0, 1);

  async function open(text: string, at: number): Promise<TicketState> {
    const input = ticketInput(at, { channel: 'web', score: 2, comment: text, contact: { name: 'Sam Taylor', email: 'sam@example.com' }, ruleName: null });
    const state = TicketState.create(input, NEW_TICKET_PATCHES);
    state.takeEffects();
    const events = state.unprojected();
    await projection.projectTicket(state.view(), events);
    state.markProjected(events[events.length - 1].seq);
    state.recordAi(await ai.analyseTicket(state.view()), at + 1000);
    return state;
  }

  const themeOf = new Map<number, string>();
  for (const [k, h] of history.entries()) {
    const at = start + k * 3_600_000;
    const state = await open(h.text, at);
    state.resolve({ rootCauseId: rootCause.id, actionId: action.id, actor }, at + 60_000);
    state.takeEffects();
    await projection.projectTicket(state.view(), state.unprojected());
    themeOf.set(state.view().number, h.theme);
  }

  console.log(`\nSimilar tickets: ${queries.length} queries against ${history.length} resolved tickets of ${new Set(history.map((h) => h.theme)).size} themes (local analysis, full-text + themes, no embeddings)`);
  for (const split of ['dev', 'holdout', 'all'] as const) {
    const qs = queries.filter((q) => split === 'all' || q.split === split);
    let first = 0;
    let inTop5 = 0;
    let none = 0;
    const misses: string[] = [];
    for (const q of qs) {
      const state = await open(q.text, start + 400 * 3_600_000);
      const similar = state.view().ai!.similar;
      if (!similar.length) none++;
      if (similar[0] && themeOf.get(similar[0].ticketNumber) === q.theme) first++;
      else if (split === 'dev') misses.push(`    ${q.theme}: "${q.text}" → ${similar[0] ? `${themeOf.get(similar[0].ticketNumber)}` : 'nothing'}`);
      if (similar.some((s) => themeOf.get(s.ticketNumber) === q.theme)) inTop5++;
    }
    console.log(`  ${split} (${qs.length}): first similar has the same theme ${pct(first, qs.length)} (${first}/${qs.length}); a same-theme ticket in the top 5 ${pct(inTop5, qs.length)}; no similar ticket ${none}`);
    if (misses.length) console.log(misses.join('\n'));
  }
} finally {
  await database.drop();
}
