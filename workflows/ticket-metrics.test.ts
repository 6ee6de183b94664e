// The report facts the ticket state derives (TicketView.metrics): business-time durations, sticky
// per-clock SLA outcomes across reopenings, the highest escalation level. Pure: no server needed.
import { describe, expect, it } from 'vitest';
import type { Calendar } from '../domain/business-time';
import { NEW_TICKET_PATCHES, ticketInput } from '../test/support/ticket-fixtures';
import { TicketState, type TicketData } from './ticket-state';

const H = 3_600_000;
const agent = { id: 'agent-1', name: 'Agent One' };
const nineToFive: Calendar = { timeZone: 'UTC', weekly: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ start: '09:00', end: '17:00' }]])), holidays: [] };
const monday8 = Date.parse('2025-03-03T08:00:00Z');

describe('ticket metrics', () => {
  it('measures first response and resolution in business hours and keeps a breach through a reopen', () => {
    const t = TicketState.create(ticketInput(monday8, { calendar: nineToFive, contact: { email: 'c@example.com' }, csatSurvey: true, repeatDetractor: true }), NEW_TICKET_PATCHES);
    t.addComment({ body: 'On it', visibility: 'public', actor: agent }, monday8 + 2 * H); // Mon 10:00
    expect(t.view().metrics).toMatchObject({ firstResponseBusinessMs: 1 * H, firstResponseSla: 'met', resolutionSla: null, repeatDetractor: true });
    t.tick(monday8 + 25.5 * H); // Tue 09:30: the 8 business hours ran out Mon 17:00
    t.resolve({ rootCauseId: 'rc', actionId: 'act', actor: agent }, monday8 + 26 * H); // Tue 10:00
    expect(t.view().metrics).toMatchObject({ resolutionBusinessMs: 9 * H, resolutionSla: 'breached' }); // Mon 09–17 + Tue 09–10
    t.markCsatSent('tok', monday8 + 26 * H);
    t.csatAnswer({ token: 'tok', score: 2, answeredAt: monday8 + 27 * H }, monday8 + 27 * H); // unhappy: reopens
    const v = t.view();
    expect(v.status).toBe('reopened');
    expect(v.metrics).toMatchObject({ firstResponseSla: 'met', resolutionSla: 'breached', resolutionBusinessMs: null, firstResponseBusinessMs: 1 * H });
  });

  it('remembers the highest escalation level and drops a met resolution when reopened', () => {
    const t0 = Date.parse('2025-03-03T12:00:00Z');
    const chain = [1, 2].map((level) => ({ level, afterHours: 1, users: [{ userId: `boss-${level}`, channel: 'email' as const }] }));
    const t = TicketState.create(ticketInput(t0, { escalationChain: chain }), NEW_TICKET_PATCHES);
    t.tick(t0 + 1.5 * H); // L1 due at +1 h
    t.tick(t0 + 2.5 * H); // L2 due 1 h after L1; first response (2 h) breached
    expect(t.view().escalationLevel).toBe(2);
    t.resolve({ rootCauseId: 'rc', actionId: 'act', actor: agent }, t0 + 3 * H);
    expect(t.view().metrics).toMatchObject({ firstResponseSla: 'breached', resolutionSla: 'met', maxEscalationLevel: 2, resolutionBusinessMs: 3 * H, firstResponseBusinessMs: null });
    t.reopen({ actor: agent }, t0 + 3.5 * H);
    expect(t.view().escalationLevel).toBe(0);
    expect(t.view().metrics).toMatchObject({ firstResponseSla: 'breached', resolutionSla: null, maxEscalationLevel: 2 });
    t.resolve({ rootCauseId: 'rc', actionId: 'act', actor: agent }, t0 + 4 * H);
    expect(t.view().metrics).toMatchObject({ resolutionSla: 'met', resolutionBusinessMs: 4 * H });
  });

  it('fills the bookkeeping in for state carried over from before it existed', () => {
    const t0 = Date.parse('2025-03-03T12:00:00Z');
    const chain = [{ level: 1, afterHours: 1, users: [{ userId: 'boss', channel: 'email' as const }] }];
    const t = TicketState.create(ticketInput(t0, { escalationChain: chain }), NEW_TICKET_PATCHES);
    t.tick(t0 + 2.5 * H);
    const { slaOutcome: _o, maxEscalationLevel: _m, ...old } = structuredClone(t.carryOver());
    const restored = TicketState.restore(old as TicketData, NEW_TICKET_PATCHES);
    expect(restored.view().metrics).toMatchObject({ firstResponseSla: 'breached', resolutionSla: null, maxEscalationLevel: 1 });
  });
});
