// Who sees, works and (re)assigns which ticket: one rule for the ticket routes, the board, bulk
// actions, views and the customer context (the SQL form is db/ticket-visibility.ts). Pure.
import type { Role } from './types';

export interface Viewer {
  id: string;
  role: Role;
  branches: string[];
}

/** What the rules need to know of a ticket. */
export interface TicketScope {
  branch: string | null;
  assigneeId: string | null;
}

/**
 * Admins see every ticket; managers and agents the tickets of their branches. A ticket without a
 * branch (feedback sent without one) belongs to the whole organisation: every manager sees and
 * assigns it, and an agent sees it while it is assigned to them.
 */
export function canSeeTicket(user: Viewer, t: TicketScope): boolean {
  if (user.role === 'admin') return true;
  if (t.branch === null) return user.role === 'manager' || (t.assigneeId !== null && t.assigneeId === user.id);
  return user.branches.includes(t.branch);
}

/** Who can be given a ticket of this branch: anyone active who works it (anyone active when it has none). */
export function canBeAssigned(target: { role: Role; branches: string[] }, branch: string | null): boolean {
  return branch === null || target.role === 'admin' || target.branches.includes(branch);
}

/**
 * Assignment by role, one rule: an agent takes an unassigned ticket (or keeps their own); everything
 * else — giving a ticket to someone, taking a colleague's, unassigning — is a manager's or an admin's.
 * Answers why not, or null when the user may.
 */
export function assignRefusal(user: Viewer, currentAssigneeId: string | null, userId: string | null): string | null {
  if (user.role !== 'agent') return null;
  if (userId !== user.id) return 'Agents may only take a ticket themselves; a manager reassigns';
  if (currentAssigneeId !== null && currentAssigneeId !== user.id) return 'This ticket is assigned to a colleague; only a manager or an admin reassigns it';
  return null;
}
