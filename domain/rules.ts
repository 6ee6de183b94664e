// Ticket generation rules: ordered, the first active match wins. Pure matching over a rule list.
import { z } from 'zod';
import { escalationLevelSchema } from './ticket';
import { BUCKETS, bucketOf, type Bucket } from './score-tiers';
import { prioritySchema, ticketKindSchema } from './types';
import type { NormalizedFeedback } from './feedback';

export const ruleDefinitionSchema = z.object({
  trigger: z
    .object({
      buckets: z.array(z.enum(BUCKETS as [Bucket, ...Bucket[]])).default([]),
      keywords: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
    })
    .refine((t) => t.buckets.length > 0 || t.keywords.length > 0, 'a rule needs at least one score bucket or keyword'),
  /** Extra condition on the comment: any answer, only with a comment, only without. */
  condition: z.enum(['always', 'with_comment', 'without_comment']).default('always'),
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
    sla: z.object({ firstResponseHours: z.number().positive().optional(), resolutionHours: z.number().positive().optional(), nextReplyHours: z.number().positive().nullable().optional() }).optional(),
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
  keywords: string[];
}

export function ruleMatches(rule: Rule, fb: NormalizedFeedback): RuleMatch | null {
  if (!rule.active) return null;
  const { scope, trigger, condition } = rule;
  if (scope.branches.length && !(fb.branch && scope.branches.includes(fb.branch))) return null;
  if (scope.services.length && !(fb.service && scope.services.includes(fb.service))) return null;
  if (condition === 'with_comment' && !fb.comment) return null;
  if (condition === 'without_comment' && fb.comment) return null;
  const bucket = bucketOf(fb.type, fb.score);
  const keywords = matchedKeywords(trigger.keywords, fb.comment);
  if (!trigger.buckets.includes(bucket) && keywords.length === 0) return null;
  return { rule, bucket, keywords };
}

/** Rules are tried in position order; the first active match decides. */
export function firstMatch(rules: Rule[], fb: NormalizedFeedback): RuleMatch | null {
  for (const rule of [...rules].sort((a, b) => a.position - b.position)) {
    const m = ruleMatches(rule, fb);
    if (m) return m;
  }
  return null;
}
