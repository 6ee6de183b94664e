import { describe, expect, it } from 'vitest';
import { escalationDelays, formatDelay } from './escalation-delay';

describe('effective escalation delay', () => {
  it('scales a level by priority as the SLA targets are: 0.01 h fires after 18 s at high', () => {
    expect(escalationDelays(0.01).map((d) => `${d.priority} ${d.text}`)).toEqual(['high 18 s', 'medium 36 s', 'low 1 min 12 s']);
    expect(escalationDelays(4).map((d) => d.text)).toEqual(['2 h', '4 h', '8 h']);
    expect(escalationDelays(13).map((d) => d.text)).toEqual(['6 h 30 min', '13 h', '1 d 2 h']);
  });

  it('writes durations with their two largest units', () => {
    expect(formatDelay(500)).toBe('500 ms');
    expect(formatDelay(61_000)).toBe('1 min 1 s');
    expect(formatDelay(3_600_000 + 59_000)).toBe('1 h');
    expect(formatDelay(2 * 86_400_000)).toBe('2 d');
  });
});
