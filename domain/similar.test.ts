import { describe, expect, it } from 'vitest';
import { cosine, ftsQueryOf, rankSimilar, type SimilarCandidate } from './similar';

const c = (ticketNumber: number, text: string, themes: string[] = [], vector: number[] | null = null): SimilarCandidate => ({ ticketNumber, text, themes, vector, resolvedAt: ticketNumber });

describe('similar tickets ranking', () => {
  it('puts a ticket sharing the theme and the words first and drops unrelated ones', () => {
    const ranked = rankSimilar({ text: 'Charged twice for one meal', themes: ['Billing'], vector: null }, [
      c(1, 'The toilets were dirty', ['Cleanliness']),
      c(2, 'I was charged twice for the same meal', ['Billing']),
      c(3, 'A strange fee on my invoice', ['Billing']),
    ]);
    expect(ranked.map((r) => r.candidate.ticketNumber)).toEqual([2, 3]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
  });

  it('lets embedding cosine outweigh word overlap when both tickets have vectors', () => {
    const query = { text: 'the meal was cold', themes: [], vector: [1, 0, 0] };
    const ranked = rankSimilar(query, [c(1, 'the meal was late', [], [0, 1, 0]), c(2, 'my soup was lukewarm', [], [0.9, 0.1, 0])]);
    expect(ranked[0].candidate.ticketNumber).toBe(2);
  });

  it('returns at most five', () => {
    const many = Array.from({ length: 9 }, (_, i) => c(i, 'charged twice again', ['Billing']));
    expect(rankSimilar({ text: 'charged twice', themes: ['Billing'], vector: null }, many)).toHaveLength(5);
  });

  it('computes cosine and a prefix tsquery of stemmed terms', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1], [1, 2])).toBe(0);
    expect(ftsQueryOf('They charged me twice!')).toBe('charg:* | twic:*');
    expect(ftsQueryOf('and the of')).toBeNull();
  });
});
