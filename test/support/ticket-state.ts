// Builders for the direct TicketState tests (workflows/*.test.ts): a ticket in any status reached by the
// rules themselves, its timeline, and the refusal a validator throws. Pure: no server, no database.
import { DomainError } from '../../domain/errors';
import { DEFAULT_TICKET_SETTINGS, type TicketInput, type TimelineEvent, type TimelineEventType } from '../../domain/ticket';
import type { TicketStatus } from '../../domain/types';
import { TicketState, type Patches } from '../../workflows/ticket-state';
import { NEW_TICKET_PATCHES, ticketInput } from './ticket-fixtures';

export const H = 3_600_000;
export const DAY = 24 * H;
/** A Monday 09:00 UTC; tickets here run around the clock unless a test gives them a calendar. */
export const T0 = Date.parse('2026-03-02T09:00:00Z');
export const agent = { id: 'agent-1', name: 'Agent One' };
export const rootCause = { rootCauseId: 'rc-1', actionId: 'ac-1' };

export function newTicket(over: Partial<TicketInput> = {}, patches: Patches = NEW_TICKET_PATCHES): TicketState {
  return TicketState.create(ticketInput(T0, over), patches);
}

/** A ticket the rules moved into `status` (moved or resolved at T0 + 1 h, reopened an hour later, closed
 * exactly when the follow-up window ran out), with its effects taken. */
export function ticketIn(status: TicketStatus, over: Partial<TicketInput> = {}, patches: Patches = NEW_TICKET_PATCHES): TicketState {
  const t = newTicket(over, patches);
  const at = T0 + H;
  if (status === 'in_progress' || status === 'pending_customer' || status === 'escalated') t.changeStatus({ to: status, actor: agent }, at);
  if (status === 'resolved' || status === 'reopened' || status === 'closed') t.resolve({ ...rootCause, actor: agent }, at);
  if (status === 'reopened') t.reopen({ actor: agent }, at + H);
  if (status === 'closed') t.tick(at + (over.settings ?? DEFAULT_TICKET_SETTINGS).followUpDays * DAY);
  if (t.status !== status) throw new Error(`could not reach ${status}: ${t.status}`);
  t.takeEffects();
  return t;
}

/** The timeline events not yet projected (all of them, unless a test marked some projected). */
export const timeline = (t: TicketState): TimelineEvent[] => t.unprojected();
export const typesOf = (t: TicketState): TimelineEventType[] => timeline(t).map((e) => e.type);
export const lastOf = (t: TicketState, type: TimelineEventType): TimelineEvent | undefined => timeline(t).filter((e) => e.type === type).at(-1);

/** The DomainError a validator (or command) throws; fails the test when it throws nothing. */
export function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}
