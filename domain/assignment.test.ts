// The escalation owner: the level's first person who can take the ticket, and why the others could not.
import { describe, expect, it } from 'vitest';
import { pickEscalationOwner, type PoolMember } from './assignment';

const m = (userId: string, over: Partial<PoolMember> = {}): PoolMember => ({ userId, available: true, capacity: 2, openTickets: 0, ...over });

describe('pickEscalationOwner', () => {
  it('takes the first of the level who is available and has room, saying why the others were passed over', () => {
    const members = [m('a', { openTickets: 2 }), m('b', { available: false }), m('c')];
    expect(pickEscalationOwner(['a', 'b', 'c'], members, null)).toEqual({ userId: 'c', skipped: [{ userId: 'a', why: 'at_capacity' }, { userId: 'b', why: 'unavailable' }] });
  });

  it('names nobody when the whole level is full, away or gone', () => {
    expect(pickEscalationOwner(['a', 'gone'], [m('a', { capacity: 1, openTickets: 1 })], 'x')).toEqual({ userId: null, skipped: [{ userId: 'a', why: 'at_capacity' }, { userId: 'gone', why: 'inactive' }] });
  });

  it('keeps the current owner when on the level, full or not; unlimited capacity always has room', () => {
    expect(pickEscalationOwner(['a', 'b'], [m('a', { openTickets: 5 }), m('b')], 'a').userId).toBe('a');
    expect(pickEscalationOwner(['a'], [m('a', { capacity: null, openTickets: 500 })], null).userId).toBe('a');
  });
});
