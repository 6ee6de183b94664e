// Ticket generation rules: ordered, the first active match wins. Pure matching over a rule list.
import { z } from 'zod';
import { notBlankText } from './text';
import { escalationLevelSchema, slaHours } from './ticket-schemas';
import { BUCKETS, bucketOf, type Bucket } from './score-tiers';
import { SCORE_RANGES, type NormalizedFeedback } from './feedback';
import { CAPTURE_TYPES, captureTypeSchema, prioritySchema, ticketKindSchema, type CaptureType } from './types';

/** An explicit score band of one capture type, both ends included (e.g. NPS 0–4). */
export const scoreRangeSchema = z
  .object({ type: captureTypeSchema, min: z.number().int(), max: z.number().int() })
  .superRefine((r, ctx) => {
    const bounds = SCORE_RANGES[r.type];
    if (r.min < bounds.min || r.max > bounds.max) ctx.addIssue({ code: 'custom', message: `a ${r.type} range must lie within ${bounds.min}–${bounds.max}` });
    if (r.min > r.max) ctx.addIssue({ code: 'custom', path: ['min'], message: 'min must not exceed max' });
  })
  // The refine in the document: JSON Schema cannot compare two fields, but the scales are short, so one
  // alternative per type and min (NPS 0–10: eleven) says "on the type's scale, max from min up".
  .meta({
    anyOf: CAPTURE_TYPES.flatMap((type) => {
      const { min, max } = SCORE_RANGES[type];
      return Array.from({ length: max - min + 1 }, (_, i) => ({ properties: { type: { const: type }, min: { const: min + i }, max: { minimum: min + i, maximum: max } } }));
    }),
  });
export type ScoreRange = z.infer<typeof scoreRangeSchema>;

/**
 * When a matching answer fires: on every match, or only when it carries a comment and/or a contact
 * detail (an e-mail address or a phone number; a bare name is no way to reach anyone).
 * `without_comment` predates the others and stays valid for rules stored with it.
 */
export const RULE_CONDITIONS = ['always', 'with_comment', 'with_contact', 'with_comment_and_contact', 'with_comment_or_contact', 'without_comment'] as const;
export const ruleConditionSchema = z.enum(RULE_CONDITIONS);
export type RuleCondition = z.infer<typeof ruleConditionSchema>;
export const RULE_CONDITION_LABELS: Readonly<Record<RuleCondition, string>> = {
  always: 'on every match',
  with_comment: 'only with a comment',
  with_contact: 'only with a contact detail (e-mail or phone)',
  with_comment_and_contact: 'only with a comment and a contact detail',
  with_comment_or_contact: 'only with a comment or a contact detail',
  without_comment: 'only without a comment',
};

export const ruleDefinitionSchema = z.object({
  trigger: z
    .object({
      buckets: z.array(z.enum(BUCKETS as [Bucket, ...Bucket[]])).default([]),
      scoreRanges: z.array(scoreRangeSchema).max(20).default([]),
      keywords: z.array(notBlankText(100)).max(200).default([]),
    })
    .refine((t) => t.buckets.length > 0 || t.scoreRanges.length > 0 || t.keywords.length > 0, 'a rule needs at least one score bucket, score range or keyword')
    .meta({ anyOf: (['buckets', 'scoreRanges', 'keywords'] as const).map((k) => ({ required: [k], properties: { [k]: { minItems: 1 } } })) }),
  condition: ruleConditionSchema.default('always'),
  scope: z.object({ branches: z.array(z.string()).default([]), services: z.array(z.string()).default([]) }).default({ branches: [], services: [] }),
  outcome: z.object({
    kind: ticketKindSchema.default('recovery'),
    priority: prioritySchema,
    pool: z.array(z.string()).default([]),
    strategy: z.enum(['round_robin', 'first_available', 'random']).default('round_robin'),
    escalationChain: z
      .array(escalationLevelSchema)
      .default([])
      .refine((c) => c.every((l, i) => l.level === i + 1), 'escalation levels must be numbered 1, 2, 3 … in order'),
    sla: z.object({ firstResponseHours: slaHours().optional(), resolutionHours: slaHours().optional(), nextReplyHours: slaHours().nullable().optional() }).optional(),
    csatSurvey: z.boolean().default(true),
  }),
});
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;

export const ruleSchema = ruleDefinitionSchema.safeExtend({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  position: z.number().int(),
});
export type Rule = z.infer<typeof ruleSchema>;

/** Case- and accent-insensitive text for keyword matching. */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The configured keywords found in a comment, as whole words or phrases. */
export function matchedKeywords(keywords: string[], comment: string | undefined): string[] {
  if (!comment || keywords.length === 0) return [];
  const text = ` ${foldText(comment).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return keywords.filter((k) => {
    const needle = foldText(k).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    return needle.length > 0 && text.includes(` ${needle} `);
  });
}

export interface RuleMatch {
  rule: Rule;
  bucket: Bucket;
  /** True when a bucket or a score range fired (false: keywords alone). */
  scoreMatched: boolean;
  keywords: string[];
}

export function conditionHolds(condition: RuleCondition, fb: Pick<NormalizedFeedback, 'comment' | 'contact'>): boolean {
  const comment = !!fb.comment;
  const contact = !!(fb.contact?.email || fb.contact?.phone);
  switch (condition) {
    case 'always':
      return true;
    case 'with_comment':
      return comment;
    case 'without_comment':
      return !comment;
    case 'with_contact':
      return contact;
    case 'with_comment_and_contact':
      return comment && contact;
    case 'with_comment_or_contact':
      return comment || contact;
  }
}

export function scoreInRanges(ranges: ScoreRange[], type: CaptureType, score: number): boolean {
  return ranges.some((r) => r.type === type && score >= r.min && score <= r.max);
}

export function ruleMatches(rule: Rule, fb: NormalizedFeedback): RuleMatch | null {
  if (!rule.active) return null;
  const { scope, trigger, condition } = rule;
  if (scope.branches.length && !(fb.branch && scope.branches.includes(fb.branch))) return null;
  if (scope.services.length && !(fb.service && scope.services.includes(fb.service))) return null;
  if (!conditionHolds(condition, fb)) return null;
  const bucket = bucketOf(fb.type, fb.score);
  const scoreMatched = trigger.buckets.includes(bucket) || scoreInRanges(trigger.scoreRanges, fb.type, fb.score);
  const keywords = matchedKeywords(trigger.keywords, fb.comment);
  if (!scoreMatched && keywords.length === 0) return null;
  return { rule, bucket, scoreMatched, keywords };
}

/** Rules are tried in position order; the first active match decides. */
export function firstMatch(rules: Rule[], fb: NormalizedFeedback): RuleMatch | null {
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    const m = ruleMatches(rule, fb);
    if (m) return m;
  }
  return null;
}
