import { describe, expect, it } from 'vitest';
import { analyseLocally } from './local-analyser';
import { DEFAULT_THEMES, matchThemes, type ThemeDef } from './themes';

const run = (text: string, tier: 'detractor' | 'passive' | 'promoter' | null = null, themes: ThemeDef[] = DEFAULT_THEMES) => analyseLocally({ text, tier, themes, rating: tier ? 'STAR 1' : null });

describe('local analyser', () => {
  it.each([
    ['The nurse was kind and the room spotless, thank you so much!', 'positive'],
    ['Is the gym open on public holidays?', 'neutral'],
    ['The soup arrived lukewarm and the bread was stale.', 'negative'],
    ['This is OUTRAGEOUS!!! Worst hotel ever, I want my money back or I call my lawyer.', 'angry'],
  ])('reads the sentiment of "%s" as %s', (text, sentiment) => {
    expect(run(text).sentiment).toBe(sentiment);
  });

  it.each([
    ['Lovely staff, great food, thank you!', 'low'],
    ['The receipt printer ate my card, please send me a copy of the invoice.', 'medium'],
    ['My child had an allergic reaction to the dessert', 'high'],
    ['Someone used my card for orders I never made', 'high'],
    ['The lift is not working and I have a flight tonight, can someone help?', 'high'],
  ])('reads the urgency of "%s" as %s', (text, urgency) => {
    expect(run(text).urgency).toBe(urgency);
  });

  it('lets the score decide when the text is silent, and has no text to quote without a comment', () => {
    expect(run('I visited on Tuesday.', 'detractor').sentiment).toBe('negative');
    expect(run('I visited on Tuesday.', 'promoter').sentiment).toBe('positive');
    const empty = run('', 'detractor');
    expect(empty.sentiment).toBe('negative');
    expect(empty.summary).toBe('An unhappy customer (STAR 1) left a score without a comment. There is nothing specific to act on yet.');
  });

  it('gives churn risk as a whole percentage that grows with anger and intent to leave', () => {
    const leaving = run('The waiter was rude and we waited an hour. Ridiculous! I will cancel my membership, never again!', 'detractor');
    const happy = run('Lovely staff, we will be back!', 'promoter');
    expect(leaving.churnRisk).toBeGreaterThanOrEqual(90);
    expect(happy.churnRisk).toBe(0);
    for (const a of [leaving, happy]) expect(Number.isInteger(a.churnRisk) && a.churnRisk >= 0 && a.churnRisk <= 100).toBe(true);
  });

  it('tags themes from the admin list, most hits first, and keeps other notable words as free tags', () => {
    const themes: ThemeDef[] = [
      { name: 'Parking', keywords: ['parking', 'car park', 'barrier'], action: 'Check the barrier log.' },
      { name: 'Noise', keywords: ['=loud', 'noise', 'music'] },
    ];
    const a = run('The car park barrier was stuck and the parking machine swallowed my membership voucher. The music was loud too.', null, themes);
    expect(a.themes).toEqual(['Parking', 'Noise']);
    expect(a.tags).toEqual(expect.arrayContaining(['membership', 'voucher']));
    expect(a.suggestedAction).toBe('Check the barrier log.');
    expect(run('The waiter was rude', null, themes).themes).toEqual([]);
  });

  it('summarises in two sentences quoting the sentence that says most, and drafts a reply to re-personalise', () => {
    const a = run('We came for my birthday. The waiter was rude and we waited an hour for cold food.', 'detractor');
    expect(a.summary).toBe('An unhappy customer (STAR 1) writes about waiting time, staff attitude, product quality; urgency low. In their words: "The waiter was rude and we waited an hour for cold food".');
    expect(a.suggestedReply).toMatch(/^Hello \[NAME\],\n\nthank you for telling us about your experience with waiting time\./);
  });
});

describe('theme matching', () => {
  it('matches keywords by stem and phrase, and exact words when marked', () => {
    const themes: ThemeDef[] = [
      { name: 'Billing', keywords: ['charge twice'] },
      { name: 'Missing', keywords: ['=missing'] },
    ];
    expect(matchThemes('They charged me... no: they CHARGED twice!', themes).map((t) => t.name)).toEqual(['Billing']);
    expect(matchThemes('I missed the bus', themes)).toEqual([]);
    expect(matchThemes('Two items missing', themes).map((t) => t.name)).toEqual(['Missing']);
  });
});

describe('confidence', () => {
  it('is low for a polite request or a score without words, high for a clear rant or clear praise', () => {
    const polite = run('Could you please refund my order? The item arrived damaged. Thank you.', 'detractor');
    expect(polite.confidence.sentiment).toBeLessThan(0.5);
    expect(run('', 'detractor').confidence).toEqual({ sentiment: 0.4, themes: 0.2 });
    expect(run('ABSOLUTELY DISGUSTING!!! Rude staff, filthy toilets, never again, worst place ever', 'detractor').confidence.sentiment).toBeGreaterThanOrEqual(0.75);
    expect(run('Lovely staff, great coffee, quick service', 'promoter').confidence.sentiment).toBeGreaterThanOrEqual(0.75);
    // Praise and criticism together: the guess is weak.
    expect(run('The food was good but the wait was a bit long', 'passive').confidence.sentiment).toBeLessThan(0.5);
  });
});
