// What an escalation level's "after hours" means in practice: the delay is scaled by the ticket's
// priority like every SLA target (high ×0.5, medium ×1, low ×2), so the rule editor shows each. Pure.
import { PRIORITY_MULTIPLIER, targetMs } from './sla';
import { PRIORITIES, type Priority } from './types';

/** "18 s", "1 min 12 s", "4 h", "2 h 30 min", "1 d 4 h": the largest unit and the next, if not zero. */
export function formatDelay(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const sizes: Array<[string, number]> = [['d', 86_400_000], ['h', 3_600_000], ['min', 60_000], ['s', 1000]];
  const total = Math.round(ms / 1000) * 1000;
  const first = sizes.findIndex(([, size]) => total >= size);
  const [unit, size] = sizes[first];
  const next = sizes[first + 1];
  const n = Math.floor(total / size);
  const m = next ? Math.floor((total - n * size) / next[1]) : 0;
  return m ? `${n} ${unit} ${m} ${next![0]}` : `${n} ${unit}`;
}

/** The effective delay of a level at each priority, highest priority first. */
export function escalationDelays(afterHours: number): Array<{ priority: Priority; ms: number; text: string; multiplier: number }> {
  return [...PRIORITIES].reverse().map((priority) => {
    const ms = targetMs(afterHours, priority);
    return { priority, ms, text: formatDelay(ms), multiplier: PRIORITY_MULTIPLIER[priority] };
  });
}
