// Rule preview: run a draft rule set over stored feedback and count what it would have opened. Pure.
import { pickAssignee, type PoolMember } from './assignment';
import type { NormalizedFeedback } from './feedback';
import { firstMatch, type Rule } from './rules';

export interface SimulationResult {
  feedback: number;
  tickets: number;
  perRule: Array<{ ruleId: string; name: string; tickets: number; byBranch: Record<string, number>; byPriority: Record<string, number>; byAssignee: Record<string, number> }>;
}

const bump = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);

/** Round-robin cursors advance as they would have; availability is today's (history is not kept). */
export function simulateRules(rules: Rule[], items: NormalizedFeedback[], members: PoolMember[]): SimulationResult {
  const perRule = new Map(rules.map((r) => [r.id, { ruleId: r.id, name: r.name, tickets: 0, byBranch: {}, byPriority: {}, byAssignee: {} } as SimulationResult['perRule'][number]]));
  const cursors = new Map<string, number>();
  let tickets = 0;
  for (const fb of items) {
    const m = firstMatch(rules, fb);
    if (!m) continue;
    tickets++;
    const row = perRule.get(m.rule.id)!;
    row.tickets++;
    bump(row.byBranch, fb.branch ?? '(none)');
    bump(row.byPriority, m.rule.outcome.priority);
    const pick = pickAssignee({ strategy: m.rule.outcome.strategy, pool: m.rule.outcome.pool, cursor: cursors.get(m.rule.id) ?? -1, members, random01: 0.5 });
    cursors.set(m.rule.id, pick.nextCursor);
    bump(row.byAssignee, pick.userId ?? '(unassigned)');
  }
  return { feedback: items.length, tickets, perRule: [...perRule.values()] };
}
