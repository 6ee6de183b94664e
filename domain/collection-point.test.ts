import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { answerProblems, collectionPointInputSchema, feedbackFromAnswer, isBot, type CollectionPoint } from './collection-point';

const point: CollectionPoint = { id: 'abc234def567', ...collectionPointInputSchema.parse({ name: 'Desk', branch: 'main', service: 'general', captureType: 'star', commentStep: true, contactStep: 'email' }) };

describe('feedbackFromAnswer', () => {
  it('makes intake feedback on the surface\'s channel, namespaced by point, dated by the answer\'s age', () => {
    const fb = feedbackFromAnswer(point, 'qr', { score: 2, comment: 'Slow', email: 'Ann@Example.com', consent: true, externalId: 'client-id-1', ageMs: 60_000 }, 1_000_000);
    expect(fb).toEqual({
      channel: 'qr',
      type: 'star',
      score: 2,
      comment: 'Slow',
      contact: { email: 'ann@example.com' },
      branch: 'main',
      service: 'general',
      externalId: 'abc234def567-client-id-1',
      submittedAt: 940_000,
      collectionPointId: 'abc234def567',
    });
  });

  it('drops steps the point does not ask (a kiosk may send what it queued before a change)', () => {
    const plain: CollectionPoint = { ...point, commentStep: false, contactStep: 'off' };
    const fb = feedbackFromAnswer(plain, 'kiosk', { score: 5, comment: 'x', email: 'a@b.co', phone: '+1 555 0100', consent: true, externalId: 'client-id-2' }, 5);
    expect(fb).not.toHaveProperty('comment');
    expect(fb).not.toHaveProperty('contact');
  });

  it('names every problem at once', () => {
    expect(answerProblems(point, { score: 9, email: 'nope' }).map((f) => f.path)).toEqual(['score', 'email', 'consent']);
    expect(answerProblems({ ...point, contactStep: 'phone' }, { score: 3, phone: '12' }).map((f) => f.path)).toEqual(['phone', 'consent']);
    expect(answerProblems(point, { score: 3 })).toEqual([]);
    expect(() => feedbackFromAnswer(point, 'web', { score: 0, externalId: 'client-id-3' }, 0)).toThrow(DomainError);
  });

  it('knows a bot by its filled honeypot', () => {
    expect(isBot({ website: ' http://spam ' })).toBe(true);
    expect(isBot({ website: '  ' })).toBe(false);
    expect(isBot({})).toBe(false);
  });
});
