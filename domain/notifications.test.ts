import { describe, expect, it } from 'vitest';
import { emailedByEscalationNotice, mentionedHandles, notificationIntents } from './notifications';

const ticket: { number: number; title: string; assigneeId: string | null } = { number: 1001, title: 'Cold coffee', assigneeId: 'ava' };
const sys = { id: 'system' };
const ev = (seq: number, type: string, over: Record<string, unknown> = {}) => ({ seq, type, actor: sys, to: null, reason: null, data: null, ...over });
const kinds = (events: ReturnType<typeof ev>[], handles = new Map<string, string>(), t = ticket) => notificationIntents(t, events, handles).map((i) => `${i.userId}:${i.kind}`);

describe('notificationIntents', () => {
  it('tells the assignee of each kind of event on their ticket', () => {
    expect(
      kinds([
        ev(1, 'email_in', { actor: { id: 'customer:x@y' } }),
        ev(2, 'csat_answered', { to: '2', actor: { id: 'customer' } }),
        ev(2.5, 'reopened', { reason: 'unhappy CSAT answer' }),
        ev(3, 'sla_warning', { to: 'firstResponse' }),
        ev(4, 'sla_breached', { to: 'resolution' }),
        ev(5, 'escalated', { from: 'L0', to: 'L1' }),
      ]),
    ).toEqual(['ava:customer_replied', 'ava:unhappy_csat', 'ava:sla_warning', 'ava:sla_breached', 'ava:escalated']);
  });

  it('says nothing of a happy CSAT answer, nor of an unhappy one the customer may still change, nor to an unassigned ticket', () => {
    expect(kinds([ev(1, 'csat_answered', { to: '4' })])).toEqual([]);
    expect(kinds([ev(1, 'csat_answered', { to: '1' })])).toEqual([]); // acted on (reopened) when the change window ends
    expect(kinds([ev(1, 'email_in')], new Map(), { ...ticket, assigneeId: null })).toEqual([]);
  });

  it('tells the new owner of an assignment or an escalation, but not who took it themselves', () => {
    expect(kinds([ev(1, 'assigned', { to: 'ben', actor: { id: 'mona' } })])).toEqual(['ben:assigned']);
    expect(kinds([ev(1, 'assigned', { to: 'ben', actor: { id: 'ben' } })])).toEqual([]);
    expect(kinds([ev(1, 'escalated'), ev(2, 'assigned', { to: 'lead', reason: 'escalation L1' })])).toEqual(['ava:escalated', 'lead:escalated']);
    // After the reassignment, the new assignee hears of their ticket.
    expect(kinds([ev(1, 'assigned', { to: 'ben', actor: { id: 'mona' } }), ev(2, 'email_in')])).toEqual(['ben:assigned', 'ben:customer_replied']);
  });

  it('tells who an internal note mentions, not a public reply, not the author', () => {
    const handles = new Map([['mona', 'mona-id'], ['ava', 'ava']]);
    const note = (body: string, visibility = 'internal') => ev(1, 'comment', { actor: { id: 'ava' }, data: { visibility, body } });
    expect(kinds([note('@mona please, and me @ava')], handles)).toEqual(['mona-id:mentioned']);
    expect(kinds([note('@mona', 'public')], handles)).toEqual([]);
    expect(kinds([note('write to mona@example.com')], handles)).toEqual([]);
  });

  it('keys each notification by ticket and event seq', () => {
    expect(notificationIntents(ticket, [ev(7, 'email_in')], new Map())[0].sourceKey).toBe('ticket:1001:7');
  });
});

describe('mentionedHandles', () => {
  it('reads e-mail local parts after @, once each, lower-cased', () => {
    expect(mentionedHandles('@Mona and @ava.smith, @mona again; a@b.c is an address')).toEqual(['mona', 'ava.smith']);
  });
});

describe('emailedByEscalationNotice', () => {
  const notice = (recipients: unknown[], data: Record<string, unknown> = { level: 1 }) => ev(7, 'notification_sent', { data: { ...data, recipients } });
  it('names who an escalation notice e-mailed, not those it reached by Slack or failed to reach', () => {
    const sent = emailedByEscalationNotice([
      ev(5, 'escalated', { to: '1' }),
      notice([
        { userId: 'ava', channel: 'email', target: 'ava@x', delivery: 'sent' },
        { userId: 'ben', channel: 'slack', target: '#desk', delivery: 'sent' },
        { userId: 'cy', channel: 'email', target: 'cy@x', delivery: 'failed', error: '550' },
        { userId: 'dee', channel: 'email', target: 'dee@x', delivery: 'unconfirmed' },
      ]),
    ]);
    expect([...sent].sort()).toEqual(['ava', 'dee']);
  });
  it('ignores notices that are not an escalation level\'s (assignee, admin notices) and malformed data', () => {
    expect(emailedByEscalationNotice([notice([{ userId: 'ava', channel: 'email', delivery: 'sent' }], {})]).size).toBe(0);
    expect(emailedByEscalationNotice([notice(['ava', null, { userId: 3, channel: 'email' }])]).size).toBe(0);
    expect(emailedByEscalationNotice([ev(1, 'notification_sent')]).size).toBe(0);
  });
});
