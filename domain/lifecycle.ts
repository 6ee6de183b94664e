// The ticket lifecycle as one transition table. The workflow enforces it (update validators) and the
// API reports the allowed moves on a 409; nothing else decides what may follow what.
import { DomainError } from './errors';
import type { TicketStatus } from './types';

export const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketStatus[]>> = {
  new: ['in_progress', 'pending_customer', 'escalated', 'resolved'],
  in_progress: ['pending_customer', 'escalated', 'resolved'],
  pending_customer: ['in_progress', 'escalated', 'resolved'],
  escalated: ['in_progress', 'pending_customer', 'resolved'],
  resolved: ['reopened', 'closed'],
  reopened: ['in_progress', 'pending_customer', 'escalated', 'resolved'],
  closed: ['reopened'], // only within the reopen window (tickets.reopenWindowDays); the workflow enforces it
};

export function allowedTransitions(from: TicketStatus): TicketStatus[] {
  return [...TRANSITIONS[from]];
}

/** The moves an agent makes by hand (closing is the workflow's, after the resolution). */
export function manualTransitions(from: TicketStatus): TicketStatus[] {
  return allowedTransitions(from).filter((s) => s !== 'closed');
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function assertTransition(from: TicketStatus, to: TicketStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError('ILLEGAL_TRANSITION', `A ${from} ticket cannot move to ${to}`, { from, to, allowed: allowedTransitions(from) });
  }
}

/** Open tickets run SLA clocks and escalate; resolved and closed ones do not. */
export function isOpen(status: TicketStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}

/** Every open status, in lifecycle order: the board's "open" filter, capacity counts, reports. */
export const OPEN_STATUSES: readonly TicketStatus[] = (Object.keys(TRANSITIONS) as TicketStatus[]).filter(isOpen);
