// Score buckets, rule matching and assignment: the pure half of intake.
import { describe, expect, it } from 'vitest';
import { pickAssignee, type PoolMember } from './assignment';
import { contactKey, feedbackInputSchema, normalizeFeedback } from './feedback';
import { firstMatch, matchedKeywords, ruleSchema, type Rule } from './rules';
import { bucketOf, isRepeatDetractor, tierOf } from './score-tiers';

describe('score buckets', () => {
  it.each([
    ['nps', 6, 'nps_detractor'],
    ['nps', 7, 'nps_passive'],
    ['nps', 8, 'nps_passive'],
    ['nps', 9, 'nps_promoter'],
    ['nps', 0, 'nps_detractor'],
    ['star', 2, 'star_1_2'],
    ['star', 3, 'star_3'],
    ['star', 4, 'star_4_5'],
    ['smile', 0, 'smile_negative'],
    ['smile', 1, 'smile_neutral'],
    ['smile', 2, 'smile_positive'],
  ] as const)('%s %i is %s', (type, score, bucket) => {
    expect(bucketOf(type, score)).toBe(bucket);
  });

  it('maps buckets to tiers', () => {
    expect([tierOf('nps', 6), tierOf('star', 3), tierOf('smile', 2)]).toEqual(['detractor', 'passive', 'promoter']);
  });

  it('finds a repeat detractor within 90 days only', () => {
    const day = 86_400_000;
    const now = 200 * day;
    expect(isRepeatDetractor([{ type: 'star', score: 1, submittedAt: now - 30 * day }], { type: 'nps', score: 3, submittedAt: now }, 90)).toBe(true);
    expect(isRepeatDetractor([{ type: 'star', score: 1, submittedAt: now - 91 * day }], { type: 'nps', score: 3, submittedAt: now }, 90)).toBe(false);
    expect(isRepeatDetractor([{ type: 'star', score: 5, submittedAt: now - day }], { type: 'nps', score: 3, submittedAt: now }, 90)).toBe(false);
    expect(isRepeatDetractor([{ type: 'star', score: 1, submittedAt: now - day }], { type: 'nps', score: 9, submittedAt: now }, 90)).toBe(false);
  });
});

describe('feedback validation', () => {
  const ok = { channel: 'kiosk', type: 'star', score: 2 };
  it.each([
    [{ ...ok, type: 'nps', score: 11 }, 'score'],
    [{ ...ok, score: 0 }, 'score'],
    [{ ...ok, score: 'two' }, 'score'],
    [{ ...ok, score: 2.5 }, 'score'],
    [{ ...ok, channel: 'fax' }, 'channel'],
    [{ ...ok, contact: { email: 'not-an-email' } }, 'contact'],
    [{ ...ok, comment: 'x'.repeat(10_001) }, 'comment'],
    [{ ...ok, extra: true }, ''],
  ])('rejects %j at %s', (input, path) => {
    const r = feedbackInputSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path.join('.')).toContain(path);
  });

  it('normalises text and contact', () => {
    const fb = normalizeFeedback(feedbackInputSchema.parse({ ...ok, comment: '  slow  ', contact: { email: ' Ann@Example.COM ', phone: '+44 (20) 7946-0958' } }));
    expect(fb.comment).toBe('slow');
    expect(fb.contact).toEqual({ email: 'ann@example.com', phone: '+442079460958' });
    expect(contactKey(fb.contact!)).toBe('email:ann@example.com');
    expect(contactKey({ phone: '+44 20 7946 0958' })).toBe('phone:442079460958');
    expect(contactKey({})).toBeNull();
  });
});

describe('rules', () => {
  const rule = (id: string, position: number, over: Record<string, unknown> = {}, outcome: Record<string, unknown> = {}): Rule =>
    ruleSchema.parse({ id, name: id, active: true, position, trigger: { buckets: ['star_1_2'], keywords: [] }, outcome: { priority: 'medium', ...outcome }, ...over });
  const fb = (over: Record<string, unknown> = {}) => normalizeFeedback(feedbackInputSchema.parse({ channel: 'web', type: 'star', score: 1, ...over }));

  it('matches keywords case- and accent-insensitively, as whole words', () => {
    expect(matchedKeywords(['rude', 'café froid', 'refund'], 'The staff was RUDE and my cafe FROID!')).toEqual(['rude', 'café froid']);
    expect(matchedKeywords(['rude'], 'It was crude')).toEqual([]);
    expect(matchedKeywords(['refund'], undefined)).toEqual([]);
  });

  it('fires the first active match in position order', () => {
    const rules = [rule('b', 2), rule('a', 1, { active: false }), rule('c', 3)];
    expect(firstMatch(rules, fb())?.rule.id).toBe('b');
    expect(firstMatch(rules, fb({ score: 5 }))).toBeNull();
  });

  it('fires on a keyword even with a good score', () => {
    const r = rule('kw', 1, { trigger: { buckets: [], keywords: ['manager'] } });
    expect(firstMatch([r], fb({ score: 5, comment: 'I want to speak to the manager' }))?.keywords).toEqual(['manager']);
    expect(firstMatch([r], fb({ score: 5, comment: 'great' }))).toBeNull();
  });

  it('applies conditions and scopes (empty = all)', () => {
    const withComment = rule('wc', 1, { condition: 'with_comment' });
    expect(firstMatch([withComment], fb())).toBeNull();
    expect(firstMatch([withComment], fb({ comment: 'bad' }))).not.toBeNull();
    const scoped = rule('sc', 1, { scope: { branches: ['north'], services: [] } });
    expect(firstMatch([scoped], fb({ branch: 'south' }))).toBeNull();
    expect(firstMatch([scoped], fb({ branch: 'north' }))).not.toBeNull();
    expect(firstMatch([scoped], fb())).toBeNull();
  });

  it('fires on an explicit score range of the same capture type, both ends included', () => {
    const r = rule('range', 1, { trigger: { scoreRanges: [{ type: 'nps', min: 0, max: 4 }] } });
    const nps = (score: number) => fb({ type: 'nps', score });
    expect([0, 4, 5, 6].map((n) => !!firstMatch([r], nps(n)))).toEqual([true, true, false, false]);
    // A range is per capture type: star 2 is not NPS 2.
    expect(firstMatch([r], fb({ type: 'star', score: 2 }))).toBeNull();
    expect(firstMatch([r], nps(3))?.scoreMatched).toBe(true);
    // Bucket or range: either fires.
    const both = rule('both', 1, { trigger: { buckets: ['star_1_2'], scoreRanges: [{ type: 'smile', min: 1, max: 1 }] } });
    expect([fb({ score: 2 }), fb({ type: 'smile', score: 1 }), fb({ type: 'smile', score: 0 })].map((f) => !!firstMatch([both], f))).toEqual([true, true, false]);
  });

  it('rejects a score range outside its capture type or upside down', () => {
    const parse = (scoreRanges: unknown) => ruleSchema.safeParse({ id: 'x', name: 'x', active: true, position: 1, trigger: { scoreRanges }, outcome: { priority: 'low' } });
    expect(parse([{ type: 'nps', min: 0, max: 10 }]).success).toBe(true);
    expect(parse([{ type: 'nps', min: 0, max: 11 }]).success).toBe(false);
    expect(parse([{ type: 'star', min: 0, max: 2 }]).success).toBe(false);
    expect(parse([{ type: 'star', min: 4, max: 2 }]).success).toBe(false);
    expect(parse([{ type: 'smile', min: 0.5, max: 1 }]).success).toBe(false);
  });

  it.each([
    // condition, [no comment/no contact, comment only, e-mail only, phone only, name only, comment + e-mail]
    ['always', [true, true, true, true, true, true]],
    ['with_comment', [false, true, false, false, false, true]],
    ['without_comment', [true, false, true, true, true, false]],
    ['with_contact', [false, false, true, true, false, true]],
    ['with_comment_and_contact', [false, false, false, false, false, true]],
    ['with_comment_or_contact', [false, true, true, true, false, true]],
  ] as const)('condition %s fires only when its comment/contact requirement holds', (condition, expected) => {
    const r = rule('c', 1, { condition });
    const answers = [
      fb(),
      fb({ comment: 'slow' }),
      fb({ contact: { email: 'a@example.com' } }),
      fb({ contact: { phone: '+44 20 7946 0958' } }),
      fb({ contact: { name: 'Ann' } }),
      fb({ comment: 'slow', contact: { email: 'a@example.com' } }),
    ];
    expect(answers.map((a) => !!firstMatch([r], a))).toEqual(expected);
  });

  it('still reads a rule stored before score ranges and contact conditions existed', () => {
    const stored = { trigger: { buckets: ['star_1_2'], keywords: [] }, condition: 'without_comment', scope: { branches: [], services: [] }, outcome: { kind: 'recovery', priority: 'high', pool: [], strategy: 'round_robin', escalationChain: [], csatSurvey: true } };
    const r = ruleSchema.parse({ ...stored, id: 'old', name: 'old', active: true, position: 1 });
    expect(r.trigger.scoreRanges).toEqual([]);
    expect(r.condition).toBe('without_comment');
    expect(ruleSchema.parse({ id: 'old2', name: 'o', active: true, position: 1, trigger: { buckets: ['nps_detractor'] }, outcome: { priority: 'low' } }).condition).toBe('always');
  });

  it('rejects a rule without a trigger or with a mis-numbered chain', () => {
    expect(ruleSchema.safeParse({ id: 'x', name: 'x', active: true, position: 1, trigger: { buckets: [], keywords: [] }, outcome: { priority: 'low' } }).success).toBe(false);
    const chain = [{ level: 2, afterHours: 1, users: [{ userId: 'u', channel: 'email' }] }];
    expect(ruleSchema.safeParse({ id: 'x', name: 'x', active: true, position: 1, trigger: { buckets: ['star_1_2'] }, outcome: { priority: 'low', escalationChain: chain } }).success).toBe(false);
  });
});

describe('assignment', () => {
  const m = (userId: string, over: Partial<PoolMember> = {}): PoolMember => ({ userId, available: true, capacity: null, openTickets: 0, ...over });
  const pool = ['a', 'b', 'c'];

  it('round-robin rotates through available members and wraps', () => {
    const members = [m('a'), m('b', { available: false }), m('c')];
    let cursor = -1;
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = pickAssignee({ strategy: 'round_robin', pool, cursor, members, random01: 0 });
      picks.push(r.userId!);
      cursor = r.nextCursor;
    }
    expect(picks).toEqual(['a', 'c', 'a', 'c']);
  });

  it('first-available takes the first member available and under capacity', () => {
    const members = [m('a', { capacity: 2, openTickets: 2 }), m('b'), m('c')];
    expect(pickAssignee({ strategy: 'first_available', pool, cursor: -1, members, random01: 0 }).userId).toBe('b');
  });

  it('random picks among the available only', () => {
    const members = [m('a', { available: false }), m('b'), m('c')];
    expect(pickAssignee({ strategy: 'random', pool, cursor: -1, members, random01: 0 }).userId).toBe('b');
    expect(pickAssignee({ strategy: 'random', pool, cursor: -1, members, random01: 0.99 }).userId).toBe('c');
  });

  it('answers nobody when nobody is available', () => {
    const r = pickAssignee({ strategy: 'round_robin', pool, cursor: 1, members: [m('a', { available: false })], random01: 0 });
    expect(r).toEqual({ userId: null, nextCursor: 1 });
  });
});
