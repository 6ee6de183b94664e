import { describe, expect, it } from 'vitest';
import { assignRefusal, canBeAssigned, canSeeTicket } from './ticket-access';

const agent = { id: 'a', role: 'agent' as const, branches: ['main'] };
const manager = { id: 'm', role: 'manager' as const, branches: ['main'] };
const admin = { id: 'x', role: 'admin' as const, branches: [] };

describe('who sees a ticket', () => {
  it('shows a branch ticket to the people of that branch and to admins', () => {
    for (const u of [agent, manager, admin]) expect(canSeeTicket(u, { branch: 'main', assigneeId: null })).toBe(true);
    expect(canSeeTicket(agent, { branch: 'north', assigneeId: 'a' })).toBe(false);
    expect(canSeeTicket(manager, { branch: 'north', assigneeId: null })).toBe(false);
  });

  it('shows a branch-less ticket to every manager, and to an agent only while it is theirs', () => {
    expect(canSeeTicket(manager, { branch: null, assigneeId: null })).toBe(true);
    expect(canSeeTicket({ ...manager, branches: [] }, { branch: null, assigneeId: null })).toBe(true);
    expect(canSeeTicket(agent, { branch: null, assigneeId: null })).toBe(false);
    expect(canSeeTicket(agent, { branch: null, assigneeId: 'someone' })).toBe(false);
    expect(canSeeTicket(agent, { branch: null, assigneeId: 'a' })).toBe(true);
  });

  it('lets anyone active be given a branch-less ticket, and only the branch people a branch ticket', () => {
    expect(canBeAssigned({ role: 'agent', branches: ['north'] }, null)).toBe(true);
    expect(canBeAssigned({ role: 'agent', branches: ['north'] }, 'main')).toBe(false);
    expect(canBeAssigned({ role: 'admin', branches: [] }, 'main')).toBe(true);
  });
});

describe('who assigns', () => {
  it('lets an agent take an unassigned ticket or keep their own, and nothing else', () => {
    expect(assignRefusal(agent, null, 'a')).toBeNull();
    expect(assignRefusal(agent, 'a', 'a')).toBeNull();
    expect(assignRefusal(agent, 'colleague', 'a')).toMatch(/assigned to a colleague; only a manager or an admin reassigns/);
    expect(assignRefusal(agent, null, 'colleague')).toMatch(/only take a ticket themselves/);
    expect(assignRefusal(agent, 'a', null)).toMatch(/only take a ticket themselves/);
  });

  it('lets managers and admins (re)assign and unassign', () => {
    for (const u of [manager, admin]) {
      expect(assignRefusal(u, 'colleague', 'a')).toBeNull();
      expect(assignRefusal(u, 'colleague', null)).toBeNull();
    }
  });
});
