// Who gets a notification whose recipient cannot act on it: a deactivated or unavailable user's ticket
// news goes to a colleague instead, saying for whom. Pure.
import type { NotificationIntent, NotificationKind } from './notifications';
import type { Role } from './types';

export interface StaffMember {
  id: string;
  name: string;
  role: Role;
  branches: string[];
  active: boolean;
  available: boolean;
}

/** A notification to make: the intent, now addressed to `userId`, and for whom when handed on. */
export interface Delivery extends NotificationIntent {
  onBehalfOf: { id: string; reason: 'unavailable' | 'deactivated' } | null;
}

/**
 * Kinds that are about the ticket, so somebody must hear of them. An @mention is not handed on: the
 * note's author chose that person, the note stays on the ticket, and the author can mention someone else.
 */
export const HANDED_ON_KINDS: ReadonlySet<NotificationKind> = new Set(['assigned', 'customer_replied', 'unhappy_csat', 'sla_warning', 'sla_breached', 'escalated']);

export const isReachable = (p: Pick<StaffMember, 'active' | 'available'>) => p.active && p.available;

/**
 * Who stands in for an unreachable recipient on a ticket of `branch`: its branch's managers who are
 * active and available; when there are none (or the ticket has no branch), the active, available
 * admins. Never the recipient themselves; never whoever caused the event (they know). When the actor is
 * the only stand-in, nobody: falling through to the admins would only repeat what the actor just did.
 */
export function standIns(branch: string | null, recipientId: string, actorId: string, staff: readonly StaffMember[]): StaffMember[] {
  const eligible = staff.filter((s) => isReachable(s) && s.id !== recipientId);
  const managers = branch === null ? [] : eligible.filter((s) => s.role === 'manager' && s.branches.includes(branch));
  const chosen = managers.length ? managers : eligible.filter((s) => s.role === 'admin');
  return chosen.filter((s) => s.id !== actorId);
}

/**
 * The deliveries for a batch of intents: a reachable recipient gets theirs; an unreachable one's (an
 * unknown id is dropped) goes to the stand-ins when its kind is handed on. One per (source, user): a
 * colleague already told of the same event directly is not told twice.
 */
export function routeNotifications(intents: readonly NotificationIntent[], branch: string | null, people: ReadonlyMap<string, StaffMember>, staff: readonly StaffMember[]): Delivery[] {
  const out: Delivery[] = [];
  const has = (sourceKey: string, userId: string) => out.some((d) => d.sourceKey === sourceKey && d.userId === userId);
  for (const i of intents) {
    const person = people.get(i.userId);
    if (person && isReachable(person) && !has(i.sourceKey, i.userId)) out.push({ ...i, onBehalfOf: null });
  }
  for (const i of intents) {
    const person = people.get(i.userId);
    if (!person || isReachable(person) || !HANDED_ON_KINDS.has(i.kind)) continue;
    const reason = person.active ? 'unavailable' : 'deactivated';
    for (const s of standIns(branch, person.id, i.actorId, staff)) {
      if (has(i.sourceKey, s.id)) continue;
      out.push({ ...i, userId: s.id, title: handedOnTitle(person.name, reason, i.title), onBehalfOf: { id: person.id, reason } });
    }
  }
  return out;
}

export const handedOnTitle = (name: string, reason: 'unavailable' | 'deactivated', title: string) =>
  `For ${name}, who is ${reason === 'unavailable' ? 'unavailable' : 'deactivated'}: ${title}`;
