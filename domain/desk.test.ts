// Views, macros, bulk requests and the customer context: the pure parts.
import { describe, expect, it } from 'vitest';
import { bulkRequestSchema } from './bulk';
import { customerContext, type ContextFeedbackRow, type ContextTicketRow } from './customer-context';
import { macroInputSchema, macroMatches, renderMacro } from './macros';
import { panelQuery, panelsFor } from './role-dashboards';
import { boardQueryFor, canonicalViewQuery } from './saved-views';
import { safeText } from './text';

describe('saved views', () => {
  it('keeps the filters in a fixed order, drops board-only keys, empties and the default sort', () => {
    const c = canonicalViewQuery('?view=kanban&offset=50&sort=newest&priority=high&status=new,in_progress&q=&assignee=me');
    expect(c).toEqual({ query: 'status=new,in_progress&priority=high&assignee=me', filter: expect.objectContaining({ priority: 'high', assignee: 'me', sort: 'newest' }) });
    expect(canonicalViewQuery('sort=sla_due&breached=true')).toMatchObject({ query: 'breached=true&sort=sla_due' });
  });

  it('names the wrong filter', () => {
    expect(canonicalViewQuery('priority=urgent')).toEqual({ errors: [expect.objectContaining({ path: 'query.priority' })] });
    expect(canonicalViewQuery('sort=random')).toEqual({ errors: [expect.objectContaining({ path: 'query.sort' })] });
  });

  it('opens "assignee=me" on the board as the viewer\'s own id', () => {
    expect(boardQueryFor('assignee=me&status=new', 'u-1')).toBe('assignee=u-1&status=new');
  });
});

describe('macros', () => {
  const ctx = { ticket: { number: 1042, title: 'STAR 1', contact: { name: 'Ann Lee' }, priority: 'high' }, branchName: 'Main street', serviceName: null, agentName: 'Sam Agent' };
  it('fills the placeholders for the ticket and the agent', () => {
    expect(renderMacro('Hello {{customerFirstName}}, about #{{ ticketNumber }} at {{branch}}{{service}}. — {{agentFirstName}}', ctx)).toBe('Hello Ann, about #1042 at Main street. — Sam');
    expect(renderMacro('Hi {{customerName}}', { ...ctx, ticket: { ...ctx.ticket, contact: {} } })).toBe('Hi there');
  });

  it('refuses unknown placeholders, NUL and a bad language tag, naming the field', () => {
    const bad = macroInputSchema.safeParse({ name: 'x', body: 'Dear {{firstName}}' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['body'], message: expect.stringContaining('unknown placeholder {{firstName}}') });
    expect(macroInputSchema.safeParse({ name: 'x\u0000', body: 'ok' }).error!.issues[0].path).toEqual(['name']);
    expect(macroInputSchema.safeParse({ name: 'x', body: 'ok', locale: 'German' }).error!.issues[0].path).toEqual(['locale']);
    expect(macroInputSchema.parse({ name: ' Refund ', body: 'ok', actions: { status: 'pending_customer' } })).toMatchObject({ name: 'Refund', shared: false, locale: null });
    expect(macroInputSchema.safeParse({ name: 'x', body: 'ok', actions: { status: 'resolved' } }).success).toBe(false);
  });

  it('finds a macro by every word of the search, ignoring case and accents', () => {
    expect(macroMatches({ name: 'Remboursement accordé', body: 'Votre carte sera créditée' }, 'accorde CARTE')).toBe(true);
    expect(macroMatches({ name: 'Refund', body: 'Your card' }, 'refund voucher')).toBe(false);
  });
});

describe('text from outside', () => {
  it('refuses NUL and lone surrogates, keeps emoji', () => {
    expect(safeText().safeParse('ok 😀').success).toBe(true);
    expect(safeText().safeParse('a\u0000b').success).toBe(false);
    expect(safeText().safeParse('a\uD800b').success).toBe(false);
    expect(safeText().safeParse('a\uDC00').success).toBe(false);
  });
});

describe('bulk requests', () => {
  it('takes 1–200 distinct tickets and one action', () => {
    expect(bulkRequestSchema.safeParse({ tickets: [1, 2], action: { kind: 'status', to: 'in_progress' } }).success).toBe(true);
    expect(bulkRequestSchema.safeParse({ tickets: [1, 1], action: { kind: 'status', to: 'in_progress' } }).success).toBe(false);
    expect(bulkRequestSchema.safeParse({ tickets: [], action: { kind: 'priority', priority: 'low' } }).success).toBe(false);
    expect(bulkRequestSchema.safeParse({ tickets: Array.from({ length: 201 }, (_, i) => i + 1), action: { kind: 'assign', userId: null } }).success).toBe(false);
    expect(bulkRequestSchema.safeParse({ tickets: [1], action: { kind: 'delete' } }).success).toBe(false);
  });
});

describe('customer context', () => {
  const t = (number: number, branch: string | null, over: Partial<ContextTicketRow> = {}): ContextTicketRow => ({ number, title: `T${number}`, status: 'new', channel: 'kiosk', branch, assigneeId: null, createdAt: number, csatScore: null, csatAnsweredAt: null, churnRisk: null, sentiment: null, ...over });
  const f = (id: string, branch: string | null, ticket: ContextTicketRow | null, score = 1): ContextFeedbackRow => ({ id, channel: 'kiosk', type: 'star', score, comment: 'x'.repeat(300), branch, submittedAt: 1, ticketNumber: ticket?.number ?? null, ticketAssigneeId: ticket?.assigneeId ?? null, ticketBranch: ticket?.branch ?? null });
  const viewer = { id: 'a', role: 'agent' as const, branches: ['main'] };

  it('shows what the viewer may see and counts the rest as hidden', () => {
    const mine = t(1, 'main', { churnRisk: 40, csatScore: 2, csatAnsweredAt: 5 });
    const north = t(2, 'north', { churnRisk: 90 });
    const now = t(3, 'main', { churnRisk: 60 });
    const c = customerContext({ viewer, current: 3, identifiedBy: 'email', tickets: [now, north, mine], feedback: [f('a', 'main', mine), f('b', 'north', north), f('c', null, null, 5), f('d', 'main', null, 3)], csatComments: new Map([[1, 'still cold']]) });
    expect(c.tickets.map((x) => [x.number, x.current])).toEqual([[3, true], [1, false]]);
    expect(c.feedback.map((x) => [x.id, x.tier])).toEqual([['a', 'detractor'], ['d', 'passive']]);
    expect(c.feedback[0].comment).toHaveLength(280);
    expect(c.hidden).toEqual({ tickets: 1, feedback: 2 });
    expect(c.csat).toEqual([{ ticketNumber: 1, score: 2, comment: 'still cold', answeredAt: 5 }]);
    expect(c.churnTrend).toEqual([{ ticketNumber: 1, at: 1, churnRisk: 40 }, { ticketNumber: 3, at: 3, churnRisk: 60 }]);
    const manager = customerContext({ viewer: { ...viewer, role: 'manager' }, current: 3, identifiedBy: 'email', tickets: [], feedback: [f('c', null, null, 5)], csatComments: new Map() });
    expect(manager.feedback.map((x) => x.id)).toEqual(['c']);
  });
});

describe('dashboards by role', () => {
  it('gives agents their own work, managers their branches, admins both; "me" is the viewer', () => {
    expect(panelsFor('agent').map((p) => p.id)).toEqual(['my-queue', 'my-sla-risk', 'my-csat']);
    expect(panelsFor('manager').map((p) => p.id)).toEqual(['branch-comparison', 'breaches', 'recovery-trend', 'top-root-causes']);
    expect(panelsFor('admin')).toHaveLength(7);
    for (const p of panelsFor('admin')) expect(p.title && p.empty).toBeTruthy();
    expect(panelQuery(panelsFor('agent')[0], 'u-9')!.filters![0]).toEqual({ dimension: 'assignee', values: ['u-9'] });
  });
});
