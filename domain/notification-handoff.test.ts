import { describe, expect, it } from 'vitest';
import { routeNotifications, standIns, type StaffMember } from './notification-handoff';
import type { NotificationIntent, NotificationKind } from './notifications';

const person = (id: string, role: StaffMember['role'], over: Partial<StaffMember> = {}): StaffMember => ({ id, name: id.toUpperCase(), role, branches: ['main'], active: true, available: true, ...over });
const ava = person('ava', 'agent');
const ben = person('ben', 'agent', { available: false });
const gus = person('gus', 'agent', { active: false });
const mona = person('mona', 'manager');
const max = person('max', 'manager');
const nils = person('nils', 'manager', { branches: ['north'] });
const awayManager = person('paula', 'manager', { available: false });
const root = person('root', 'admin', { branches: [] });
const staff = [mona, max, nils, awayManager, root];
const everyone = new Map([ava, ben, gus, ...staff].map((p) => [p.id, p]));

const intent = (userId: string, kind: NotificationKind = 'assigned', actorId = 'system'): NotificationIntent => ({ userId, kind, sourceKey: 'ticket:1001:4', ticketNumber: 1001, title: '#1001 assigned to you: Cold coffee', actorId });
const route = (intents: NotificationIntent[], branch: string | null = 'main', people = everyone, pool = staff) =>
  routeNotifications(intents, branch, people, pool).map((d) => `${d.userId}${d.onBehalfOf ? ` for ${d.onBehalfOf.id} (${d.onBehalfOf.reason})` : ''}`);

describe('routeNotifications', () => {
  it('delivers to a reachable recipient as it is', () => {
    const [d] = routeNotifications([intent('ava')], 'main', everyone, staff);
    expect(d).toMatchObject({ userId: 'ava', title: '#1001 assigned to you: Cold coffee', onBehalfOf: null });
  });

  it("hands an unavailable or deactivated recipient's ticket news to the branch's available managers, saying for whom", () => {
    expect(route([intent('ben')])).toEqual(['mona for ben (unavailable)', 'max for ben (unavailable)']);
    expect(route([intent('gus', 'sla_breached')])).toEqual(['mona for gus (deactivated)', 'max for gus (deactivated)']);
    expect(routeNotifications([intent('ben')], 'main', everyone, staff)[0].title).toBe('For BEN, who is unavailable: #1001 assigned to you: Cold coffee');
  });

  it('falls back to the available admins when the branch has no available manager, or the ticket no branch', () => {
    expect(route([intent('ben')], 'south')).toEqual(['root for ben (unavailable)']);
    expect(route([intent('ben')], null)).toEqual(['root for ben (unavailable)']);
    expect(route([intent('ben')], 'main', everyone, [awayManager, root])).toEqual(['root for ben (unavailable)']);
    expect(route([intent('ben')], 'main', everyone, [awayManager])).toEqual([]);
  });

  it('never tells whoever caused the event, nor falls through to the admins because of them', () => {
    expect(route([intent('ben', 'assigned', 'mona')])).toEqual(['max for ben (unavailable)']);
    expect(route([intent('ben', 'assigned', 'mona')], 'main', everyone, [mona, root])).toEqual([]);
  });

  it('hands on an unavailable manager\'s news to the other managers, not back to them', () => {
    expect(route([intent('paula', 'escalated')])).toEqual(['mona for paula (unavailable)', 'max for paula (unavailable)']);
  });

  it('does not hand on an @mention: the author chose that person', () => {
    expect(route([intent('ben', 'mentioned', 'ava')])).toEqual([]);
  });

  it('tells a colleague once per event, however many reasons, and drops unknown recipients', () => {
    expect(route([intent('mona', 'mentioned', 'ava'), intent('ben', 'escalated')])).toEqual(['mona', 'max for ben (unavailable)']);
    expect(route([intent('nobody')])).toEqual([]);
  });
});

describe('standIns', () => {
  it('are managers of the ticket branch, else admins; reachable, not the recipient', () => {
    expect(standIns('north', 'ben', 'system', staff).map((s) => s.id)).toEqual(['nils']);
    expect(standIns('north', 'nils', 'system', staff).map((s) => s.id)).toEqual(['root']);
  });
});
