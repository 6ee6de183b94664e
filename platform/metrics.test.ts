import { describe, expect, it } from 'vitest';
import { escalations, intake, observeHttp, observeTicketEvents, slaEvents, ticketsOpened, ticketsResolved } from './metrics';

const value = async (c: { get(): Promise<{ values: Array<{ value: number; labels: Partial<Record<string, string | number>> }> }> }, labels: Record<string, string> = {}) =>
  (await c.get()).values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((a, v) => a + v.value, 0);

describe('metrics', () => {
  it('counts each projected event kind once, escalations by level', async () => {
    observeTicketEvents([{ type: 'created', to: null }, { type: 'sla_warning', to: null }, { type: 'sla_breached', to: null }, { type: 'escalated', to: '2' }, { type: 'resolved', to: null }, { type: 'comment', to: null }]);
    expect(await value(ticketsOpened)).toBe(1);
    expect(await value(ticketsResolved)).toBe(1);
    expect(await value(slaEvents, { kind: 'warning' })).toBe(1);
    expect(await value(slaEvents, { kind: 'breach' })).toBe(1);
    expect(await value(escalations, { level: '2' })).toBe(1);
  });

  it('counts an intake 4xx as rejected, but not a missing key, a rate limit or another route', async () => {
    for (const [route, status] of [['/api/v1/feedback', 400], ['/api/v1/collect/:pointId/answers', 413], ['/api/v1/feedback', 401], ['/api/v1/feedback', 429], ['/api/v1/tickets/:id', 400]] as const) {
      observeHttp({ method: 'POST', route, status, ms: 3 });
    }
    expect(await value(intake, { outcome: 'rejected' })).toBe(2);
  });
});
