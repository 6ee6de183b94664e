// Feedback → TicketInput, for a matching rule and for a follow-up of a ticket closed for good.
import { describe, expect, it } from 'vitest';
import type { Calendar } from './business-time';
import { ruleSchema } from './rules';
import { DEFAULT_TICKET_SETTINGS, PATCH_BASELINE, type TicketInput } from './ticket';
import { ticketInputFrom, type InForce, type OpeningFeedback } from './ticket-input';

const feedback: OpeningFeedback = { id: 'feedback-kiosk-1', receivedAt: 1_000, channel: 'kiosk', type: 'star', score: 1, comment: 'Cold soup', contact: { email: 'ann@example.com' }, branch: 'north' };
const calendar: Calendar = { timeZone: 'Europe/Berlin', weekly: { '1': [{ start: '09:00', end: '17:00' }] }, holidays: [] };
const inForce: InForce = { sla: { firstResponseHours: 4, resolutionHours: 24, nextReplyHours: null }, settings: DEFAULT_TICKET_SETTINGS, calendar };
const rule = ruleSchema.parse({
  id: 'r1',
  name: 'Low stars',
  active: true,
  position: 1,
  trigger: { buckets: ['star_1_2'] },
  outcome: { priority: 'high', kind: 'recovery', sla: { firstResponseHours: 1, nextReplyHours: null }, escalationChain: [{ level: 1, afterHours: 2, users: [{ userId: 'mia', channel: 'email' }] }], csatSurvey: false },
});

describe('ticketInputFrom', () => {
  it('opens from the matching rule: its outcome, the feedback, the targets in force with the rule’s override', () => {
    const t = ticketInputFrom({ number: 1000, feedback, origin: { rule, assigneeId: 'ana', repeatDetractor: true }, inForce, replyToken: 'tok' });
    expect(t).toEqual({
      number: 1000,
      feedbackId: 'feedback-kiosk-1',
      createdAt: 1_000,
      kind: 'recovery',
      priority: 'high',
      channel: 'kiosk',
      captureType: 'star',
      score: 1,
      comment: 'Cold soup',
      contact: { email: 'ann@example.com' },
      branch: 'north',
      service: null,
      ruleId: 'r1',
      ruleName: 'Low stars',
      assigneeId: 'ana',
      // An override left null keeps the target in force.
      slaTargets: { firstResponseHours: 1, resolutionHours: 24, nextReplyHours: null },
      calendar,
      escalationChain: rule.outcome.escalationChain,
      settings: DEFAULT_TICKET_SETTINGS,
      repeatDetractor: true,
      csatSurvey: false,
      replyToken: 'tok',
      patchBaseline: PATCH_BASELINE,
    } satisfies TicketInput);
  });

  const old = { number: 990, kind: 'improvement' as const, priority: 'low' as const, contact: { name: 'Ann', email: 'ann@example.com' }, branch: 'south', service: 'delivery', ruleId: 'r0', assigneeId: 'ben' };
  const mail: OpeningFeedback = { id: 'feedback-email-abc', receivedAt: 5_000, channel: 'email', type: 'smile', score: 1, comment: 'Still broken', contact: { email: 'ann@example.com' } };

  it('continues a closed ticket: its case and owner, the decision that opened it, no rating', () => {
    const before = ticketInputFrom({ number: 990, feedback, origin: { rule, assigneeId: 'ben', repeatDetractor: false }, inForce, replyToken: 'old' });
    const t = ticketInputFrom({ number: 1001, feedback: mail, origin: { continues: old, decision: before }, inForce: { ...inForce, sla: { firstResponseHours: 8, resolutionHours: 48, nextReplyHours: 4 }, calendar: null }, replyToken: 'new' });
    expect(t).toMatchObject({
      number: 1001,
      feedbackId: 'feedback-email-abc',
      createdAt: 5_000,
      kind: 'improvement',
      priority: 'low',
      channel: 'email',
      captureType: null,
      score: null,
      comment: 'Still broken',
      contact: old.contact,
      branch: 'south',
      service: 'delivery',
      ruleId: 'r0',
      ruleName: 'Low stars',
      assigneeId: 'ben',
      slaTargets: before.slaTargets,
      calendar,
      escalationChain: before.escalationChain,
      repeatDetractor: false,
      csatSurvey: false,
      linkedTicketNumber: 990,
      replyToken: 'new',
      patchBaseline: PATCH_BASELINE,
    });
  });

  it('continues a ticket without a stored decision with what is in force now', () => {
    const t = ticketInputFrom({ number: 1002, feedback: mail, origin: { continues: old, decision: null }, inForce, replyToken: 'new' });
    expect(t).toMatchObject({ ruleName: null, slaTargets: inForce.sla, calendar, escalationChain: [], csatSurvey: true, settings: DEFAULT_TICKET_SETTINGS, linkedTicketNumber: 990 });
  });
});
