// The reply-extraction corpus as a regression guard: issue 16's goal (≥ 90 % exact after whitespace
// normalisation, no case that loses customer words) must keep holding on dev and held-out. Failures
// are named for dev only; held-out is scored, never read.
import { describe, expect, it } from 'vitest';
import { extractReply } from '../../domain/reply-extraction';
import { exact, loadCorpus, lostWords, type Split } from '../support/mail-corpus';

const GOAL = 0.9;

describe.each<Split>(['dev', 'held-out'])('the %s corpus', (split) => {
  it(`is ≥ ${GOAL * 100} % exact and loses no customer words`, async () => {
    const cases = await loadCorpus(split);
    expect(cases.length).toBeGreaterThanOrEqual(split === 'dev' ? 140 : 60);
    const results = cases.map((c) => ({ id: c.id, body: extractReply(c).body, c }));
    const wrong = results.filter((r) => !exact(r.body, r.c.expected));
    const lost = results.filter((r) => lostWords(r.body, r.c.expected).length > 0);
    const named = (rs: typeof results) => (split === 'dev' ? rs.map((r) => r.id) : `${rs.length} held-out cases`);
    expect(1 - wrong.length / cases.length, `not exact: ${JSON.stringify(named(wrong))}`).toBeGreaterThanOrEqual(GOAL);
    expect(lost.length === 0 ? [] : named(lost), 'cases that lost customer words').toEqual([]);
  });
});
