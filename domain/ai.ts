// What AI analysis says about a ticket, shared by the local analyser, the model client, the workflow
// view and the web UI. Pure.

export const SENTIMENTS = ['positive', 'neutral', 'negative', 'angry'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export const URGENCIES = ['low', 'medium', 'high'] as const;
export type Urgency = (typeof URGENCIES)[number];

export type { Analysis, SimilarTicket } from './ticket-view';

interface ClockLike {
  state: string;
  dueAt: number | null;
  targetMs: number;
  metAt: number | null;
}

/**
 * At risk when a running clock has breached or entered its warning band, or when less than a quarter of
 * its target (at most two hours) is left.
 */
export function slaAtRisk(clocks: Array<ClockLike | null>, now: number): boolean {
  return clocks.some((c) => {
    if (!c || c.metAt !== null || c.state === 'met') return false;
    if (c.state === 'breached' || c.state === 'warning') return true;
    return c.dueAt !== null && c.dueAt - now < Math.min(2 * 3_600_000, c.targetMs / 4);
  });
}

/** Rounded, clamped percentage. */
export const percent = (x: number) => Math.max(0, Math.min(100, Math.round(x)));

/**
 * Analyses stored before churn risk became a percentage (0–1 then) and before free tags: read them in
 * today's shape. They are recognised by the missing `tags`.
 */
export function upgradeAnalysis<T extends { churnRisk: number; tags?: string[] }>(ai: T): T & { tags: string[] } {
  if (Array.isArray(ai.tags)) return ai as T & { tags: string[] };
  return { ...ai, churnRisk: percent(ai.churnRisk * 100), tags: [] };
}
