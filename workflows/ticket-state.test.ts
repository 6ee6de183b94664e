// Every rule of TicketState, driven directly: commands, validators, customer messages and the passage
// of time. Pure and fast; the workflow tests on the time-skipping server (test/workflows) check the
// same rules through timers, activities and the read model.
import { describe, expect, it } from 'vitest';
import { allowedTransitions, canTransition } from '../domain/lifecycle';
import type { CustomerMessage, EscalationLevel } from '../domain/ticket';
import { TICKET_STATUSES, type TicketStatus } from '../domain/types';
import { DEFAULT_TICKET_SETTINGS } from '../domain/ticket';
import { NEW_TICKET_PATCHES } from '../test/support/ticket-fixtures';
import { agent, DAY, H, lastOf, newTicket, refusal, rootCause, T0, ticketIn, timeline, typesOf } from '../test/support/ticket-state';
import { TicketState, type TicketData } from './ticket-state';

const message = (over: Partial<CustomerMessage> = {}): CustomerMessage => ({
  messageId: '<m-1@mail.test>',
  from: 'ann@example.com',
  subject: 'Re: your ticket',
  body: 'Still waiting for my refund',
  verifiedSender: true,
  autoReply: false,
  attachments: [],
  receivedAt: T0,
  ...over,
});
const chain = (...hours: number[]): EscalationLevel[] => hours.map((afterHours, i) => ({ level: i + 1, afterHours, users: [{ userId: `boss-${i + 1}`, channel: 'email' as const }] }));
const settings = (over: Partial<typeof DEFAULT_TICKET_SETTINGS>) => ({ ...DEFAULT_TICKET_SETTINGS, ...over });
/** What an agent may choose from a status (the table without "closed", which only time does). */
const manual = (from: TicketStatus) => allowedTransitions(from).filter((s) => s !== 'closed');

describe('a new ticket', () => {
  it('starts new with running clocks, a created event naming its rule, and an analysis queued', () => {
    const t = newTicket();
    const v = t.view();
    expect(v).toMatchObject({ status: 'new', priority: 'medium', assigneeId: null, escalationLevel: 0, breached: false, version: 1, createdAt: T0, updatedAt: T0, lastActor: null });
    expect(v.title).toBe('STAR 1 from Ann Lee: The food was cold and nobody came');
    expect(v.workflowId).toBe(`ticket-${v.number}`);
    expect(v.sla.firstResponse).toMatchObject({ startedAt: T0, targetMs: 2 * H, dueAt: T0 + 2 * H, warnAt: T0 + 1.6 * H, state: 'running' });
    expect(v.sla.resolution).toMatchObject({ targetMs: 8 * H, dueAt: T0 + 8 * H, state: 'running' });
    expect(v.sla.nextReply).toBeNull();
    expect(timeline(t)).toEqual([{ seq: 1, type: 'created', actor: { id: 'system', name: 'Closeloop' }, at: T0, from: null, to: 'new', reason: 'rule "test rule"', data: { priority: 'medium', assigneeId: null } }]);
    expect(t.takeEffects()).toEqual([{ type: 'analyse', reason: 'new ticket' }]);
    expect(t.hasEffects()).toBe(false);
  });

  it('records the assignment strategy, or asks level 1 for help when nobody could be assigned', () => {
    const assigned = newTicket({ assigneeId: 'u-1', escalationChain: chain(4) });
    expect(lastOf(assigned, 'assigned')).toMatchObject({ to: 'u-1', reason: 'assignment strategy' });
    expect(assigned.takeEffects().map((e) => e.type)).toEqual(['analyse']);
    const orphan = newTicket({ escalationChain: chain(4) });
    expect(orphan.takeEffects()).toEqual([{ type: 'notify_unassigned' }, { type: 'analyse', reason: 'new ticket' }]);
    expect(newTicket().takeEffects().map((e) => e.type)).toEqual(['analyse']); // no chain: nobody to tell
  });

  it('asks a promoter for a review only when it can reach them by e-mail', () => {
    expect(newTicket({ kind: 'advocacy' }).takeEffects().map((e) => e.type)).toEqual(['analyse', 'send_advocacy_ask']);
    expect(newTicket({ kind: 'advocacy', contact: { name: 'Ann' } }).takeEffects().map((e) => e.type)).toEqual(['analyse']);
  });

  it('escalates a repeat detractor at once when there is a chain', () => {
    const t = newTicket({ repeatDetractor: true, escalationChain: chain(4, 8) });
    expect(t.takeEffects().find((e) => e.type === 'pick_escalation_owner')).toEqual({ type: 'pick_escalation_owner', level: 1, candidates: ['boss-1'] });
    t.applyEscalationOwner(1, { userId: 'boss-1', skipped: [] }, T0);
    expect(t.view()).toMatchObject({ status: 'escalated', escalationLevel: 1, assigneeId: 'boss-1' });
    expect(lastOf(t, 'escalated')).toMatchObject({ from: 'L0', to: 'L1', reason: 'repeat detractor: two or more low scores within 90 days' });
    expect(newTicket({ repeatDetractor: true }).view().escalationLevel).toBe(0);
  });
});

describe('status moves and refusals', () => {
  for (const from of TICKET_STATUSES) {
    it(`from ${from}: allows exactly the table's manual moves and refuses the rest with the allowed ones`, () => {
      for (const to of TICKET_STATUSES) {
        const t = ticketIn(from);
        if (to === 'resolved') {
          expect(refusal(() => t.validateStatus({ to }, T0))).toMatchObject({ code: 'INVALID_INPUT', message: 'Use resolve, which needs a root cause and an action taken' });
        } else if (to === 'reopened' && t.view().allowedTransitions.includes('reopened')) {
          // Offered in allowedTransitions, so the status change does it, as the reopen update would.
          expect(() => t.validateStatus({ to }, T0 + 3 * H)).not.toThrow();
          t.changeStatus({ to, reason: 'customer called', actor: agent }, T0 + 3 * H);
          expect(t.view()).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null });
          expect(lastOf(t, 'reopened')).toMatchObject({ reason: 'customer called', actor: agent });
        } else if (to === 'reopened') {
          expect(refusal(() => t.validateStatus({ to }, T0 + 3 * H))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from, to, allowed: t.view().allowedTransitions } });
        } else if (to === 'closed') {
          expect(refusal(() => t.validateStatus({ to }, T0))).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'Tickets close when the follow-up window ends', details: { from, to, allowed: t.view().allowedTransitions } });
        } else if (canTransition(from, to)) {
          expect(() => t.validateStatus({ to }, T0)).not.toThrow();
          t.changeStatus({ to, reason: 'why not', actor: agent }, T0 + 3 * H);
          expect(t.status).toBe(to);
          expect(lastOf(t, 'status_changed')).toMatchObject({ from, to, reason: 'why not', actor: agent, at: T0 + 3 * H });
        } else {
          const e = refusal(() => t.validateStatus({ to }, T0));
          expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: `A ${from} ticket cannot move to ${to}`, details: { from, to, allowed: t.view().allowedTransitions } });
          expect(e.details?.allowed).not.toContain('closed');
        }
      }
    });
  }

  it('refuses a status change to reopened with 400 on tickets started before status-reopened-reopens', () => {
    const t = ticketIn('resolved', {}, { ...NEW_TICKET_PATCHES, statusReopens: false });
    expect(refusal(() => t.validateStatus({ to: 'reopened' }, T0))).toMatchObject({ code: 'INVALID_INPUT', message: 'Use reopen to reopen a ticket' });
  });

  it('lets an assignment hold only while the ticket is assigned as expected (an agent taking it)', () => {
    const t = ticketIn('in_progress');
    expect(() => t.validateAssign({ userId: 'u-1', expectedAssigneeId: null })).not.toThrow();
    t.assign({ userId: 'u-2', actor: agent }, T0 + H);
    expect(refusal(() => t.validateAssign({ userId: 'u-1', expectedAssigneeId: null }))).toMatchObject({ code: 'CONFLICT', details: { assigneeId: 'u-2' } });
    expect(() => t.validateAssign({ userId: 'u-1', expectedAssigneeId: 'u-2' })).not.toThrow();
    expect(() => t.validateAssign({ userId: 'u-1' })).not.toThrow(); // managers reassign without it
    expect(refusal(() => ticketIn('closed').validateAssign({ userId: 'u-1' }))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('lists the manual moves on the view; a closed ticket outside its reopen window has none', () => {
    for (const s of TICKET_STATUSES) expect(ticketIn(s).view().allowedTransitions).toEqual(s === 'closed' ? [] : manual(s));
    expect(ticketIn('closed', { settings: settings({ reopenWindowDays: 3 }) }).view().allowedTransitions).toEqual(['reopened']);
  });

  it('refuses commenting on, assigning, re-prioritising and analysing a closed ticket', () => {
    const t = ticketIn('closed');
    for (const what of ['comment on', 'assign', 're-prioritise', 'analyse']) {
      expect(refusal(() => t.validateOpen(what))).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: `Cannot ${what} a closed ticket`, details: { from: 'closed', allowed: [] } });
    }
    expect(() => ticketIn('resolved').validateOpen('comment on')).not.toThrow();
  });

  it('a status change to the current status changes nothing', () => {
    const t = ticketIn('in_progress');
    const before = t.view().version;
    t.changeStatus({ to: 'in_progress', actor: agent }, T0 + 2 * H);
    expect(t.view().version).toBe(before);
  });

  it('counts versions, keeps the last human actor and the update time', () => {
    const t = newTicket();
    t.changeStatus({ to: 'in_progress', actor: agent }, T0 + H);
    t.tick(T0 + 1.7 * H); // a system event (the SLA warning)
    expect(t.view()).toMatchObject({ version: 3, lastActor: agent, updatedAt: T0 + 1.7 * H });
  });
});

describe('comments and replies', () => {
  it('an internal note is only a note: no mail, no clock met, no status move', () => {
    const t = newTicket();
    t.takeEffects();
    t.addComment({ body: 'Called the branch', visibility: 'internal', actor: agent }, T0 + H);
    expect(lastOf(t, 'comment')).toMatchObject({ actor: agent, data: { visibility: 'internal', body: 'Called the branch' } });
    expect(t.takeEffects()).toEqual([]);
    expect(t.view()).toMatchObject({ status: 'new', firstRespondedAt: null });
    expect(t.view().sla.firstResponse.state).toBe('running');
  });

  it('a public reply goes out by mail, meets the first response once, and moves a new ticket on', () => {
    const t = newTicket();
    t.takeEffects();
    t.addComment({ body: 'Sorry, we are on it', visibility: 'public', actor: agent }, T0 + H);
    const reply = lastOf(t, 'comment')!;
    expect(t.takeEffects()).toEqual([{ type: 'send_reply', seq: reply.seq, body: 'Sorry, we are on it', actor: agent }]);
    expect(t.view()).toMatchObject({ status: 'in_progress', firstRespondedAt: T0 + H });
    expect(t.view().sla.firstResponse).toMatchObject({ state: 'met', metAt: T0 + H });
    expect(lastOf(t, 'sla_met')).toMatchObject({ to: 'firstResponse' });
    expect(lastOf(t, 'status_changed')).toMatchObject({ from: 'new', to: 'in_progress', reason: 'public reply', actor: agent });
    t.addComment({ body: 'Refund sent', visibility: 'public', actor: agent }, T0 + 2 * H);
    expect(t.view().firstRespondedAt).toBe(T0 + H);
    expect(typesOf(t).filter((x) => x === 'sla_met')).toHaveLength(1);
  });

  it('a reply moves a reopened ticket on, but leaves pending and escalated ones where they are', () => {
    const reopened = ticketIn('reopened');
    reopened.addComment({ body: 'Looking again', visibility: 'public', actor: agent }, T0 + 3 * H);
    expect(reopened.status).toBe('in_progress');
    for (const s of ['pending_customer', 'escalated'] as const) {
      const t = ticketIn(s);
      t.addComment({ body: 'Any news?', visibility: 'public', actor: agent }, T0 + 2 * H);
      expect(t.status).toBe(s);
    }
  });

  it('a late first reply still records the breach and meets nothing', () => {
    const t = newTicket();
    t.tick(T0 + 2 * H);
    t.addComment({ body: 'Sorry for the wait', visibility: 'public', actor: agent }, T0 + 3 * H);
    expect(t.view().sla.firstResponse).toMatchObject({ state: 'breached', metAt: T0 + 3 * H });
    expect(typesOf(t)).not.toContain('sla_met');
    expect(t.view().metrics.firstResponseSla).toBe('breached');
  });

  it('runs a next-reply clock from a customer message to the next public reply', () => {
    const t = newTicket({ slaTargets: { firstResponseHours: 2, resolutionHours: 8, nextReplyHours: 1 } });
    t.customerMessage(message({ receivedAt: T0 + H }), T0 + H);
    expect(t.view().sla.nextReply).toMatchObject({ startedAt: T0 + H, dueAt: T0 + 2 * H, state: 'running' });
    t.customerMessage(message({ messageId: '<m-2@mail.test>' }), T0 + 1.5 * H); // one clock waits already: it keeps its start
    expect(t.view().sla.nextReply?.startedAt).toBe(T0 + H);
    t.addComment({ body: 'Done', visibility: 'public', actor: agent }, T0 + 1.8 * H);
    expect(t.view().sla.nextReply).toMatchObject({ state: 'met', metAt: T0 + 1.8 * H });
    expect(timeline(t).filter((e) => e.type === 'sla_met').map((e) => e.to)).toEqual(['firstResponse', 'nextReply']);
    t.customerMessage(message({ messageId: '<m-3@mail.test>' }), T0 + 3 * H); // a met clock: a new one starts
    expect(t.view().sla.nextReply).toMatchObject({ startedAt: T0 + 3 * H, state: 'running' });
  });
});

describe('assignment and priority', () => {
  it('records a change of assignee, and nothing for the same one', () => {
    const t = newTicket({ assigneeId: 'u-1' });
    t.assign({ userId: 'u-1', actor: agent }, T0 + H);
    expect(typesOf(t).filter((x) => x === 'assigned')).toHaveLength(1);
    t.assign({ userId: 'u-2', actor: agent }, T0 + H);
    expect(lastOf(t, 'assigned')).toMatchObject({ from: 'u-1', to: 'u-2', actor: agent });
    t.assign({ userId: null, actor: agent }, T0 + 2 * H);
    expect(t.view().assigneeId).toBeNull();
    expect(lastOf(t, 'assigned')).toMatchObject({ from: 'u-2', to: null });
  });

  it('re-computes every live due time from its clock start with the new multiplier', () => {
    const t = newTicket();
    t.tick(T0 + 1.7 * H); // first response warned (80 % of 2 h)
    t.changePriority({ priority: 'low', reason: 'not urgent', actor: agent }, T0 + 1.7 * H);
    expect(lastOf(t, 'priority_changed')).toMatchObject({ from: 'medium', to: 'low', reason: 'not urgent' });
    expect(t.view().sla.firstResponse).toMatchObject({ targetMs: 4 * H, dueAt: T0 + 4 * H, state: 'running' }); // the warning is taken back
    expect(t.view().sla.resolution).toMatchObject({ targetMs: 16 * H, dueAt: T0 + 16 * H });
    t.changePriority({ priority: 'high', actor: agent }, T0 + 1.8 * H); // 1 h target: already past, breached at once
    expect(t.view().sla.firstResponse).toMatchObject({ targetMs: H, state: 'breached' });
    expect(t.view().breached).toBe(true);
    expect(t.view().sla.resolution.dueAt).toBe(T0 + 4 * H);
    const version = t.view().version;
    t.changePriority({ priority: 'high', actor: agent }, T0 + 2 * H);
    expect(t.view().version).toBe(version);
  });

  it('leaves a met clock alone', () => {
    const t = newTicket();
    t.addComment({ body: 'Hi', visibility: 'public', actor: agent }, T0 + H);
    t.changePriority({ priority: 'low', actor: agent }, T0 + H);
    expect(t.view().sla.firstResponse).toMatchObject({ state: 'met', targetMs: 2 * H });
  });
});

describe('resolving', () => {
  it('needs a root cause and an action taken, and only from an open status', () => {
    const t = newTicket();
    expect(refusal(() => t.validateResolve({ rootCauseId: '', actionId: 'ac-1' }))).toMatchObject({ code: 'INVALID_INPUT', message: 'Resolving needs a root cause and an action taken' });
    expect(refusal(() => t.validateResolve({ rootCauseId: 'rc-1', actionId: '' }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(() => t.validateResolve(rootCause)).not.toThrow();
    for (const s of ['resolved', 'closed'] as const) {
      expect(refusal(() => ticketIn(s).validateResolve(rootCause))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: s, to: 'resolved', allowed: allowedTransitions(s) } });
    }
  });

  it('records the cause, action and note, stops every clock and meets the resolution', () => {
    const t = newTicket({ slaTargets: { firstResponseHours: 2, resolutionHours: 8, nextReplyHours: 1 } });
    t.customerMessage(message(), T0 + H);
    t.resolve({ ...rootCause, note: 'refunded', actor: agent }, T0 + 1.5 * H);
    const v = t.view();
    expect(v).toMatchObject({ status: 'resolved', rootCauseId: 'rc-1', actionId: 'ac-1', resolutionNote: 'refunded', resolvedAt: T0 + 1.5 * H });
    expect(v.sla.resolution).toMatchObject({ state: 'met', metAt: T0 + 1.5 * H });
    expect(lastOf(t, 'resolved')).toMatchObject({ actor: agent, data: { rootCauseId: 'rc-1', actionId: 'ac-1', note: 'refunded' } });
    expect(lastOf(t, 'status_changed')).toMatchObject({ from: 'new', to: 'resolved', reason: 'refunded' });
    // No SLA deadline any more (first response and next reply stopped unmet): only the follow-up close.
    expect(t.nextWake()).toEqual({ at: T0 + 1.5 * H + 7 * DAY, what: 'close after follow-up window' });
    t.tick(T0 + 5 * DAY);
    expect(t.view().breached).toBe(false);
    expect(v.metrics).toMatchObject({ resolutionSla: 'met', resolutionBusinessMs: 1.5 * H });
  });

  it('queues the CSAT survey only when the rule asks for one and the customer has an e-mail address', () => {
    const effects = (over: Parameters<typeof newTicket>[0]) => {
      const t = newTicket(over);
      t.takeEffects();
      t.resolve({ ...rootCause, actor: agent }, T0 + H);
      return t.takeEffects();
    };
    expect(effects({ csatSurvey: true })).toEqual([{ type: 'send_csat' }]);
    expect(effects({ csatSurvey: false })).toEqual([]);
    expect(effects({ csatSurvey: true, contact: { name: 'Ann', phone: '+4912345' } })).toEqual([]);
  });
});

describe('reopening', () => {
  it('gives the ticket fresh clocks and a fresh escalation chain, and counts the reopen', () => {
    const t = newTicket({ escalationChain: chain(1, 2) });
    t.tick(T0 + H); // L1 at +1 h
    t.tick(T0 + 3 * H); // L2 2 h after L1; the first response breached at +2 h
    expect(t.view()).toMatchObject({ escalationLevel: 2, breached: true });
    t.resolve({ ...rootCause, actor: agent }, T0 + 4 * H);
    expect(refusal(() => newTicket().validateReopen(T0))).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'new', to: 'reopened' } });
    expect(() => t.validateReopen(T0 + 5 * H)).not.toThrow();
    t.reopen({ actor: agent }, T0 + 5 * H);
    const v = t.view();
    expect(v).toMatchObject({ status: 'reopened', reopenCount: 1, resolvedAt: null, breached: false, escalationLevel: 0, escalationExhausted: false, closedAt: null });
    expect(v.sla.firstResponse).toMatchObject({ startedAt: T0 + 5 * H, dueAt: T0 + 7 * H, state: 'running' });
    expect(v.sla.resolution).toMatchObject({ startedAt: T0 + 5 * H, dueAt: T0 + 13 * H, state: 'running' });
    expect(lastOf(t, 'reopened')).toMatchObject({ actor: agent, reason: 'reopened by agent' });
    expect(lastOf(t, 'status_changed')).toMatchObject({ from: 'resolved', to: 'reopened', reason: 'reopened by agent' });
    // The chain starts again from the reopen: L1 one hour later.
    expect(t.nextWake()).toEqual({ at: T0 + 6 * H, what: 'escalate to L1' });
    expect(v.metrics).toMatchObject({ firstResponseSla: 'breached', resolutionSla: null, maxEscalationLevel: 2 });
    t.resolve({ ...rootCause, actor: agent }, T0 + 6 * H);
    t.reopen({ reason: 'customer called', actor: agent }, T0 + 7 * H);
    expect(t.view().reopenCount).toBe(2);
    expect(lastOf(t, 'reopened')).toMatchObject({ reason: 'customer called' });
  });
});

describe('customer messages', () => {
  it('are deduplicated by Message-ID', () => {
    const t = newTicket();
    t.takeEffects();
    expect(t.customerMessage(message(), T0 + H)).toBe(true);
    const version = t.view().version;
    expect(t.customerMessage(message({ body: 'the same mail, delivered twice' }), T0 + 2 * H)).toBe(false);
    expect(t.view().version).toBe(version);
    expect(t.takeEffects()).toEqual([{ type: 'analyse', reason: 'new customer message', message: 'Still waiting for my refund' }]);
  });

  it('keep the latest 1000 Message-IDs: state cannot grow without bound', () => {
    const t = newTicket();
    for (let i = 0; i < 1001; i++) t.customerMessage(message({ messageId: `<m${i}@x>`, autoReply: true }), T0 + H);
    expect(t.carryOver().seenMessageIds).toHaveLength(1000);
    expect(t.customerMessage(message({ messageId: '<m0@x>', autoReply: true }), T0 + H)).toBe(true); // forgotten
    expect(t.customerMessage(message({ messageId: '<m1000@x>', autoReply: true }), T0 + H)).toBe(false);
  });

  it('from an unverified sender become an internal note and change nothing else', () => {
    const t = ticketIn('pending_customer');
    const attachments = [{ id: 'a1', filename: 'receipt.pdf', contentType: 'application/pdf', size: 1200 }];
    expect(t.customerMessage(message({ verifiedSender: false, from: 'someone@else.test', attachments }), T0 + 2 * H)).toBe(true);
    expect(lastOf(t, 'comment')).toMatchObject({ actor: { id: 'system' }, reason: 'unverified sender', data: { visibility: 'internal', from: 'someone@else.test', unverifiedSender: true, attachments } });
    expect(typesOf(t)).not.toContain('email_in');
    expect(t.status).toBe('pending_customer');
    expect(t.takeEffects()).toEqual([]);
  });

  it('an auto-reply is kept on the timeline but moves nothing and asks for no analysis', () => {
    const t = ticketIn('pending_customer', { slaTargets: { firstResponseHours: 2, resolutionHours: 8, nextReplyHours: 1 } });
    t.customerMessage(message({ autoReply: true, body: 'I am out of office' }), T0 + 2 * H);
    expect(lastOf(t, 'email_in')).toMatchObject({ actor: { id: 'customer:ann@example.com', name: 'Ann Lee' }, reason: 'auto-reply (ignored for status)', data: { body: 'I am out of office', autoReply: true } });
    expect(t.status).toBe('pending_customer');
    expect(t.view().sla.nextReply).toBeNull();
    expect(t.takeEffects()).toEqual([]);
  });

  it('move a pending ticket back to work and reopen a resolved one', () => {
    const pending = ticketIn('pending_customer');
    pending.customerMessage(message(), T0 + 2 * H);
    expect(lastOf(pending, 'status_changed')).toMatchObject({ from: 'pending_customer', to: 'in_progress', reason: 'customer replied', actor: { id: 'customer', name: 'Ann Lee' } });
    const resolved = ticketIn('resolved');
    resolved.customerMessage(message(), T0 + 2 * H);
    expect(resolved.view()).toMatchObject({ status: 'reopened', reopenCount: 1 });
    expect(lastOf(resolved, 'reopened')).toMatchObject({ reason: 'customer replied after resolution', actor: { id: 'customer' } });
    const working = ticketIn('in_progress');
    working.customerMessage(message(), T0 + 2 * H);
    expect(working.status).toBe('in_progress');
  });

  it('reopen a closed ticket inside its reopen window; after it they are only recorded', () => {
    const over = { settings: settings({ reopenWindowDays: 3 }) };
    const closedAt = T0 + H + 7 * DAY;
    const inside = ticketIn('closed', over);
    expect(inside.view().closedAt).toBe(closedAt);
    inside.customerMessage(message(), closedAt + 2 * DAY);
    expect(inside.view()).toMatchObject({ status: 'reopened', reopenCount: 1, closedAt: null });
    expect(lastOf(inside, 'reopened')).toMatchObject({ reason: 'customer replied within the reopen window' });
    expect(inside.takeEffects().map((e) => e.type)).toEqual(['analyse']);

    const after = ticketIn('closed', over);
    after.tick(closedAt + 3 * DAY);
    after.customerMessage(message(), closedAt + 3 * DAY + 1);
    expect(after.status).toBe('closed');
    expect(lastOf(after, 'email_in')).toBeDefined();
    expect(after.takeEffects()).toEqual([]);

    const noWindow = ticketIn('closed');
    noWindow.customerMessage(message(), closedAt + 1);
    expect(noWindow.status).toBe('closed');
  });
});

describe('the passage of time', () => {
  it('warns at 80 % and breaches at the due time, each once', () => {
    const t = newTicket();
    expect(t.nextWake()).toEqual({ at: T0 + 1.6 * H, what: 'firstResponse SLA warning (80 %)' });
    t.tick(T0 + 1.6 * H - 1);
    expect(typesOf(t)).not.toContain('sla_warning');
    t.tick(T0 + 1.6 * H);
    expect(lastOf(t, 'sla_warning')).toMatchObject({ to: 'firstResponse', reason: '80 % of the target elapsed', at: T0 + 1.6 * H });
    expect(t.nextWake()).toEqual({ at: T0 + 2 * H, what: 'firstResponse SLA due' });
    t.tick(T0 + 2 * H);
    expect(lastOf(t, 'sla_breached')).toMatchObject({ to: 'firstResponse', at: T0 + 2 * H });
    expect(t.view()).toMatchObject({ breached: true });
    t.tick(T0 + 2.5 * H);
    expect(typesOf(t).filter((x) => x === 'sla_breached')).toHaveLength(1);
    expect(t.nextWake()).toEqual({ at: T0 + 6.4 * H, what: 'resolution SLA warning (80 %)' });
  });

  it('pauses the resolution clock while pending the customer (a setting) and resumes it after', () => {
    const t = ticketIn('pending_customer'); // pending from T0 + 1 h
    expect(t.view().sla.resolution).toMatchObject({ paused: true, dueAt: null });
    t.tick(T0 + 20 * H);
    expect(t.view().sla.resolution.state).toBe('running');
    t.changeStatus({ to: 'in_progress', actor: agent }, T0 + 21 * H);
    expect(t.view().sla.resolution).toMatchObject({ paused: false, pausedMs: 20 * H, dueAt: T0 + 28 * H });
    const notPaused = ticketIn('pending_customer', { settings: settings({ pauseResolutionWhilePending: false }) });
    expect(notPaused.view().sla.resolution).toMatchObject({ paused: false, dueAt: T0 + 8 * H });
  });

  it('escalation-owner-capacity: asks the assignment rules for the owner, and says when nobody could take it', () => {
    const t = newTicket({ priority: 'high', assigneeId: 'u-1', escalationChain: chain(2, 4) });
    t.takeEffects();
    t.tick(T0 + H);
    expect(t.view()).toMatchObject({ status: 'escalated', escalationLevel: 1, assigneeId: 'u-1' });
    // The owner is picked first, so the level's notice names the new owner.
    expect(t.takeEffects()).toEqual([{ type: 'pick_escalation_owner', level: 1, candidates: ['boss-1'] }, { type: 'notify_escalation', level: 1, users: chain(2, 4)[0].users }]);
    t.applyEscalationOwner(1, { userId: null, skipped: [{ userId: 'boss-1', why: 'at_capacity' }] }, T0 + H);
    expect(t.view().assigneeId).toBe('u-1');
    expect(lastOf(t, 'assignment_skipped')).toMatchObject({ from: 'u-1', to: 'L1', reason: 'nobody on escalation L1 can take the ticket (at capacity); it stays with its owner', data: { skipped: [{ userId: 'boss-1', why: 'at_capacity' }] } });
    t.tick(T0 + 3 * H);
    t.takeEffects();
    t.applyEscalationOwner(2, { userId: 'boss-2', skipped: [] }, T0 + 3 * H);
    expect(lastOf(t, 'assigned')).toMatchObject({ from: 'u-1', to: 'boss-2', reason: 'escalation L2', data: null });
    expect(t.view().assigneeId).toBe('boss-2');
  });

  it('walks the escalation chain: each level after its hours (× the priority multiplier) from the last (before escalation-owner-capacity)', () => {
    const t = newTicket({ priority: 'high', assigneeId: 'u-1', escalationChain: chain(2, 4, 6) }, { ...NEW_TICKET_PATCHES, escalationOwnerByCapacity: false });
    t.takeEffects();
    expect(t.nextWake()).toEqual({ at: T0 + 0.8 * H, what: 'firstResponse SLA warning (80 %)' }); // high: 2 h × 0.5
    t.tick(T0 + 0.8 * H);
    expect(t.nextWake()).toEqual({ at: T0 + H, what: 'firstResponse SLA due' }); // a tie with L1 (2 h × 0.5): the clock is first
    t.tick(T0 + H);
    expect(t.view()).toMatchObject({ status: 'escalated', escalationLevel: 1, assigneeId: 'boss-1' });
    expect(lastOf(t, 'escalated')).toMatchObject({ from: 'L0', to: 'L1', reason: 'unresolved past the escalation step' });
    expect(lastOf(t, 'assigned')).toMatchObject({ from: 'u-1', to: 'boss-1', reason: 'escalation L1' });
    expect(lastOf(t, 'status_changed')).toMatchObject({ to: 'escalated', reason: 'unresolved past the escalation step' });
    expect(t.takeEffects()).toEqual([{ type: 'notify_escalation', level: 1, users: chain(2, 4, 6)[0].users }]);
    expect(t.nextWake()).toEqual({ at: T0 + 3 * H, what: 'escalate to L2' }); // 4 h × 0.5 after L1, before the resolution warning at 3.2 h
    t.tick(T0 + 3 * H);
    expect(t.view()).toMatchObject({ escalationLevel: 2, assigneeId: 'boss-2' });
    expect(t.nextWake()).toEqual({ at: T0 + 3.2 * H, what: 'resolution SLA warning (80 %)' });
    t.tick(T0 + 6 * H); // the resolution breached at 4 h; L3 is due 6 h × 0.5 after L2
    expect(t.view()).toMatchObject({ escalationLevel: 3, escalationExhausted: true, assigneeId: 'boss-3' });
    expect(lastOf(t, 'escalation_exhausted')).toMatchObject({ to: 'L3', reason: 'last level of the escalation chain reached' });
    t.tick(T0 + 100 * H);
    expect(typesOf(t).filter((x) => x === 'escalated')).toHaveLength(3);
    expect(t.nextWake()).toBeNull(); // clocks breached, chain exhausted: nothing left to wait for
    expect(t.view().metrics.maxEscalationLevel).toBe(3);
  });

  it('escalates any open ticket (a pending one moves to escalated), never a resolved one', () => {
    const resolved = ticketIn('resolved', { escalationChain: chain(1) });
    resolved.tick(T0 + 10 * H);
    expect(resolved.view().escalationLevel).toBe(0);
    const pending = ticketIn('pending_customer', { escalationChain: chain(1) });
    pending.tick(T0 + 1.5 * H);
    expect(pending.view()).toMatchObject({ escalationLevel: 1, status: 'escalated' }); // pending → escalated is a legal move
  });

  it('closes a resolved ticket when its follow-up window ends, saying whether a survey went unanswered', () => {
    const t = ticketIn('resolved');
    expect(t.nextWake()).toEqual({ at: T0 + H + 7 * DAY, what: 'close after follow-up window' });
    t.tick(T0 + H + 7 * DAY - 1);
    expect(t.status).toBe('resolved');
    t.tick(T0 + H + 7 * DAY);
    expect(t.view()).toMatchObject({ status: 'closed', closedAt: T0 + H + 7 * DAY });
    expect(lastOf(t, 'closed')).toMatchObject({ reason: 'follow-up window ended', actor: { id: 'system' } });
    expect(t.isSettled(T0 + H + 7 * DAY)).toBe(true);
    const surveyed = ticketIn('resolved', { csatSurvey: true, settings: settings({ followUpDays: 2 }) });
    surveyed.markCsatSent('tok', T0 + 2 * H);
    surveyed.tick(T0 + H + 2 * DAY);
    expect(lastOf(surveyed, 'closed')).toMatchObject({ reason: 'no CSAT answer within the follow-up window' });
  });

  it('keeps a closed ticket listening through its reopen window, then lets it settle', () => {
    const closedAt = T0 + H + 7 * DAY;
    const t = ticketIn('closed', { settings: settings({ reopenWindowDays: 3 }) });
    expect(t.reopenable).toBe(true);
    expect(t.isSettled(closedAt)).toBe(false);
    expect(t.nextWake()).toEqual({ at: closedAt + 3 * DAY, what: 'end of the reopen window' });
    expect(() => t.validateReopen(closedAt + DAY)).not.toThrow();
    t.tick(closedAt + 3 * DAY);
    expect(t.reopenable).toBe(false);
    expect(t.view().allowedTransitions).toEqual([]);
    expect(refusal(() => t.validateReopen(closedAt + 3 * DAY))).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'The reopen window of this closed ticket has passed', details: { from: 'closed', to: 'reopened', allowed: [] } });
    expect(t.isSettled(closedAt + 3 * DAY)).toBe(true);
    expect(t.nextWake()).toEqual({ at: closedAt + 3 * DAY, what: 'stop listening to the closed ticket' });
  });

  it('reopens a closed ticket by an agent inside the window, with fresh clocks', () => {
    const closedAt = T0 + H + 7 * DAY;
    const t = ticketIn('closed', { settings: settings({ reopenWindowDays: 3 }) });
    t.reopen({ actor: agent }, closedAt + DAY);
    expect(t.view()).toMatchObject({ status: 'reopened', closedAt: null, reopenCount: 1 });
    expect(t.view().sla.firstResponse.dueAt).toBe(closedAt + DAY + 2 * H);
    expect(t.isSettled(closedAt + 10 * DAY)).toBe(false);
  });
});

describe('patches (saved histories replay with either value)', () => {
  const over = { settings: settings({ reopenWindowDays: 3 }) };
  const closedAt = T0 + H + 7 * DAY;

  it('listen-after-close off: a ticket settles the moment it closes (as tickets did before)', () => {
    const t = ticketIn('closed', over, { ...NEW_TICKET_PATCHES, listenAfterClose: false });
    expect(t.reopenable).toBe(false);
    expect(t.isSettled(closedAt)).toBe(true);
    expect(t.nextWake()).toBeNull();
  });

  it('reopen-window-by-clock: the window ends at its instant even before the tick that closes it', () => {
    const byClock = ticketIn('closed', over);
    expect(byClock.reopenableAt(closedAt + 3 * DAY - 1)).toBe(true);
    expect(byClock.reopenableAt(closedAt + 3 * DAY)).toBe(false);
    byClock.customerMessage(message(), closedAt + 3 * DAY); // arrives with the window's end timer
    expect(byClock.status).toBe('closed');
    const byTick = ticketIn('closed', over, { ...NEW_TICKET_PATCHES, reopenWindowByClock: false });
    expect(byTick.reopenableAt(closedAt + 3 * DAY)).toBe(true); // until the tick
    byTick.customerMessage(message(), closedAt + 3 * DAY);
    expect(byTick.status).toBe('reopened');
  });
});

describe('the workflow hand-over', () => {
  it('takes analysis requests and records effects on the timeline', () => {
    const t = newTicket();
    t.takeEffects();
    t.requestAnalysis('requested by agent');
    expect(t.hasEffects()).toBe(true);
    expect(t.takeEffects()).toEqual([{ type: 'analyse', reason: 'requested by agent' }]);
    t.recordEffect('email_out', T0 + H, { messageId: '<x@y>' });
    expect(lastOf(t, 'email_out')).toMatchObject({ actor: { id: 'system' }, data: { messageId: '<x@y>' }, reason: null });
  });

  it('records an analysis, naming why the model was not used', () => {
    const t = newTicket();
    const analysis = { sentiment: 'negative', urgency: 'high', churnRisk: 80, themes: ['food'], tags: [], summary: 'Cold food.', suggestedAction: 'Call', suggestedReply: 'Sorry' } as const;
    t.recordAi({ ...analysis, themes: ['food'], tags: [], slaAtRisk: false, similar: [], source: 'local', analysedAt: new Date(T0).toISOString(), fallbackReason: 'timeout' }, T0 + 60_000);
    expect(lastOf(t, 'ai_analysed')).toMatchObject({ reason: 'model not used: timeout', data: { source: 'local', sentiment: 'negative', themes: ['food'] } });
    expect(t.view().ai).toMatchObject({ source: 'local', summary: 'Cold food.', churnRisk: 80 });
  });

  it('projects each event once: marked events leave the queue, later ones stay', () => {
    const t = newTicket();
    const first = t.unprojected();
    t.changeStatus({ to: 'in_progress', actor: agent }, T0 + H);
    t.markProjected(first[first.length - 1].seq);
    expect(t.unprojected().map((e) => e.type)).toEqual(['status_changed']);
    t.markProjected(0); // an older acknowledgement changes nothing
    expect(t.unprojected()).toHaveLength(1);
    expect(t.carryOver().projectedSeq).toBe(1);
    t.markProjected(t.unprojected()[0].seq);
    expect(t.unprojected()).toEqual([]);
    expect(t.carryOver()).toMatchObject({ seq: 2, projectedSeq: 2, events: [] });
  });

  it('continues as new with everything: view, timers, dedupe set, unprojected events, pending survey answers', () => {
    const t = newTicket({ escalationChain: chain(4), csatSurvey: true, settings: settings({ csatReminder: true }) });
    t.customerMessage(message(), T0 + H);
    t.resolve({ ...rootCause, actor: agent }, T0 + 2 * H);
    t.csatAnswer({ token: 'tok', score: 5, answeredAt: T0 + 2 * H }, T0 + 2 * H, true); // held: the survey is not recorded yet
    const carried = JSON.parse(JSON.stringify(t.carryOver())) as TicketData; // what continue-as-new serialises
    const r = TicketState.restore(carried, NEW_TICKET_PATCHES);
    expect(r.view()).toEqual(t.view());
    expect(r.nextWake()).toEqual(t.nextWake());
    expect(r.unprojected()).toEqual(t.unprojected());
    expect(r.takeEffects()).toEqual(t.takeEffects());
    expect(r.customerMessage(message(), T0 + 3 * H)).toBe(false);
    r.markCsatSent('tok', T0 + 2 * H, true);
    expect(r.view()).toMatchObject({ status: 'closed', csat: { score: 5 } });
  });

  it('restores state carried over by older code (no reminder, early answers, outcomes or max level yet)', () => {
    const t = ticketIn('resolved', { csatSurvey: true });
    t.markCsatSent('tok', T0 + 2 * H);
    const { csatReminderAt: _r, earlyCsatAnswers: _e, slaOutcome: _o, maxEscalationLevel: _m, afterClose: _a, ...old } = structuredClone(t.carryOver());
    const r = TicketState.restore(old as TicketData, NEW_TICKET_PATCHES);
    expect(r.nextWake()).toEqual({ at: T0 + H + 7 * DAY, what: 'close after follow-up window' });
    expect(r.view().metrics).toMatchObject({ resolutionSla: 'met', maxEscalationLevel: 0 });
    r.csatAnswer({ token: 'tok', score: 4, answeredAt: T0 + 3 * H }, T0 + 3 * H);
    expect(r.status).toBe('closed');
  });
});
