import { describe, expect, it } from 'vitest';
import { DomainError } from './errors';
import { allowedTransitions, assertTransition, canTransition, isOpen, OPEN_STATUSES, TRANSITIONS } from './lifecycle';
import { TICKET_STATUSES } from './types';

describe('lifecycle transition table', () => {
  const expected: Record<string, string[]> = {
    new: ['in_progress', 'pending_customer', 'escalated', 'resolved'],
    in_progress: ['pending_customer', 'escalated', 'resolved'],
    pending_customer: ['in_progress', 'escalated', 'resolved'],
    escalated: ['in_progress', 'pending_customer', 'resolved'],
    resolved: ['reopened', 'closed'],
    reopened: ['in_progress', 'pending_customer', 'escalated', 'resolved'],
    closed: ['reopened'],
  };

  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const allowed = expected[from].includes(to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(allowed);
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
        else {
          try {
            assertTransition(from, to);
            expect.unreachable();
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe('ILLEGAL_TRANSITION');
            expect((e as DomainError).details?.allowed).toEqual(expected[from]);
          }
        }
      });
    }
  }

  it('covers every status', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
    expect(allowedTransitions('resolved')).toEqual(['reopened', 'closed']);
  });

  it('treats resolved and closed as not open', () => {
    expect(TICKET_STATUSES.filter((s) => !isOpen(s))).toEqual(['resolved', 'closed']);
    expect(OPEN_STATUSES).toEqual(['new', 'in_progress', 'pending_customer', 'escalated', 'reopened']);
  });
});
