import { describe, expect, it } from 'vitest';
import { calendarSchema } from './calendar-schema';
import { Clocks, PRIORITY_MULTIPLIER, targetMs } from './sla';

const H = 3_600_000;
const targets = { firstResponseHours: 2, resolutionHours: 8, nextReplyHours: 1 };
const t0 = Date.parse('2026-03-02T09:00:00Z');

describe('SLA clocks', () => {
  it('scales targets by priority: 8 h is 4 h for high and 16 h for low', () => {
    expect(targetMs(8, 'high')).toBe(4 * H);
    expect(targetMs(8, 'medium')).toBe(8 * H);
    expect(targetMs(8, 'low')).toBe(16 * H);
    expect(PRIORITY_MULTIPLIER).toEqual({ high: 0.5, medium: 1, low: 2 });
  });

  it('warns at 80 % and breaches at the due time while open', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    expect(c.resolution.warnAt).toBe(t0 + 6.4 * H);
    expect(Clocks.evaluate(c, t0 + 6.4 * H - 1, true)).toEqual([{ kind: 'firstResponse', state: 'breached' }]);
    expect(Clocks.evaluate(c, t0 + 6.4 * H, true)).toEqual([{ kind: 'resolution', state: 'warning' }]);
    expect(Clocks.evaluate(c, t0 + 8 * H, true)).toEqual([{ kind: 'resolution', state: 'breached' }]);
    expect(Clocks.evaluate(c, t0 + 9 * H, true)).toEqual([]); // reported once
  });

  it('never breaches while not open', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    expect(Clocks.evaluate(c, t0 + 100 * H, false)).toEqual([]);
    expect(Clocks.deadlines(c, false)).toEqual([]);
  });

  it('meeting a clock stops it; a breached clock stays breached', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    expect(Clocks.meet(c, 'firstResponse', t0 + H)).toBe(true);
    expect(c.firstResponse.state).toBe('met');
    expect(Clocks.meet(c, 'firstResponse', t0 + H)).toBe(false);
    Clocks.evaluate(c, t0 + 8 * H, true);
    expect(Clocks.meet(c, 'resolution', t0 + 9 * H)).toBe(false);
    expect(c.resolution.state).toBe('breached');
  });

  it('re-computes due times from the start on a priority change', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    Clocks.evaluate(c, t0 + 3 * H, true); // first response breached, resolution running
    Clocks.reprioritise(c, targets, 'high', null);
    expect(c.resolution.dueAt).toBe(t0 + 4 * H);
    expect(c.firstResponse.state).toBe('breached');
    Clocks.reprioritise(c, targets, 'low', null);
    expect(c.resolution.dueAt).toBe(t0 + 16 * H);
  });

  it('pauses and resumes, moving the due time by the paused span', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    Clocks.pause(c, 'resolution', t0 + 2 * H, null);
    expect(c.resolution.dueAt).toBeNull();
    expect(Clocks.evaluate(c, t0 + 20 * H, true).filter((x) => x.kind === 'resolution')).toEqual([]);
    Clocks.resume(c, 'resolution', t0 + 5 * H, null);
    expect(c.resolution.pausedMs).toBe(3 * H);
    expect(c.resolution.dueAt).toBe(t0 + 11 * H);
  });

  it('pauses in business time with a calendar', () => {
    const cal = calendarSchema.parse({ timeZone: 'UTC', weekly: { '1': [{ start: '09:00', end: '17:00' }], '2': [{ start: '09:00', end: '17:00' }] } });
    const c = Clocks.start(targets, 'medium', t0, cal); // Monday 09:00
    Clocks.pause(c, 'resolution', t0 + 2 * H, cal); // 2 business hours used
    Clocks.resume(c, 'resolution', Date.parse('2026-03-03T09:00:00Z'), cal); // Tuesday 09:00
    expect(c.resolution.dueAt).toBe(Date.parse('2026-03-03T15:00:00Z')); // 6 h left
  });

  it('next-reply clock starts on a customer message and stops on the reply', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    Clocks.startNextReply(c, targets, 'medium', t0 + H, null);
    const first = c.nextReply!;
    Clocks.startNextReply(c, targets, 'medium', t0 + 1.5 * H, null); // still waiting: keeps the first
    expect(c.nextReply).toBe(first);
    expect(c.nextReply!.dueAt).toBe(t0 + 2 * H);
    expect(Clocks.meet(c, 'nextReply', t0 + 1.7 * H)).toBe(true);
    Clocks.startNextReply(c, targets, 'medium', t0 + 3 * H, null);
    expect(c.nextReply!.dueAt).toBe(t0 + 4 * H);
    Clocks.startNextReply(c, { ...targets, nextReplyHours: null }, 'medium', t0, null);
  });

  it('stopAll meets the resolution clock and leaves no deadlines', () => {
    const c = Clocks.start(targets, 'medium', t0, null);
    Clocks.stopAll(c, t0 + H);
    expect(c.resolution.state).toBe('met');
    expect(Clocks.deadlines(c, true)).toEqual([]);
  });
});
