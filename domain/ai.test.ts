import { describe, expect, it } from 'vitest';
import { slaAtRisk, upgradeAnalysis } from './ai';

const H = 3_600_000;
const clock = (over: Partial<{ state: string; dueAt: number | null; targetMs: number; metAt: number | null }>) => ({ state: 'running', dueAt: 10 * H, targetMs: 8 * H, metAt: null, ...over });

describe('SLA at risk', () => {
  it('is at risk when breached, warning, or close to due; not when met, paused or far', () => {
    expect(slaAtRisk([clock({ state: 'breached' })], 0)).toBe(true);
    expect(slaAtRisk([clock({ state: 'warning' })], 0)).toBe(true);
    expect(slaAtRisk([clock({ dueAt: 1.5 * H })], 0)).toBe(true);
    expect(slaAtRisk([clock({ dueAt: 3 * H })], 0)).toBe(false);
    expect(slaAtRisk([clock({ dueAt: 0.2 * H, targetMs: H })], 0)).toBe(true); // a quarter of a 1 h target
    expect(slaAtRisk([clock({ dueAt: 0.3 * H, targetMs: H })], 0)).toBe(false);
    expect(slaAtRisk([clock({ state: 'met', metAt: 1, dueAt: 0 })], 0)).toBe(false);
    expect(slaAtRisk([clock({ dueAt: null }), null], 0)).toBe(false);
  });
});

describe('stored analyses from before percentages', () => {
  it('scales a 0–1 churn risk once and adds empty tags', () => {
    expect(upgradeAnalysis({ churnRisk: 0.8 })).toEqual({ churnRisk: 80, tags: [] });
    const today = { churnRisk: 1, tags: ['x'] };
    expect(upgradeAnalysis(today)).toBe(today);
  });
});
