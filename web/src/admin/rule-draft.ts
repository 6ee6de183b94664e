// A rule as the editor holds it, and the body the rules API takes from it.
import type { Rule } from '../api';

export type RuleDraft = Omit<Rule, 'id' | 'position'>;

export const NEW_RULE: RuleDraft = {
  name: '',
  active: true,
  trigger: { buckets: [], scoreRanges: [], keywords: [] },
  condition: 'always',
  scope: { branches: [], services: [] },
  outcome: { kind: 'recovery', priority: 'medium', pool: [], strategy: 'round_robin', escalationChain: [], csatSurvey: true },
};

/** The draft without blank keyword lines (the textarea keeps them while typing). */
export function ruleBody(d: RuleDraft) {
  return { ...d, trigger: { ...d.trigger, keywords: d.trigger.keywords.map((k) => k.trim()).filter(Boolean) } };
}
