// Prometheus metrics on their own port, scraped the way Prometheus does, on the real stack: HTTP by
// route template, intake outcomes, tickets opened and resolved; and the Temporal SDK's own exporter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyEntries } from '../../db/schema';
import { startMetricsServer } from '../../platform/metrics';
import { installTemporalLogger } from '../../platform/runtime';
import { freePort } from '../../platform/temporal';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
let metrics: { port: number; close(): Promise<void> };
let temporalMetricsPort: number;
beforeAll(async () => {
  temporalMetricsPort = await freePort();
  installTemporalLogger({ LOG_LEVEL: 'warn', HOST: '127.0.0.1', TEMPORAL_METRICS_PORT: temporalMetricsPort });
  s = await startStack();
  admin = await s.login();
  metrics = await startMetricsServer(0, '127.0.0.1');
});
afterAll(async () => {
  await metrics?.close();
  await s?.teardown();
});

const scrape = async (port = metrics.port) => {
  const r = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
};

/** The value of one sample in the exposition format, by name and (a subset of) its labels; 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let total = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) total += Number(m[3]);
  }
  return total;
}

const fb = (externalId: string, score = 1) => ({ channel: 'kiosk', type: 'star', score, comment: 'Queue too long', branch: 'main', externalId });

describe('/metrics', () => {
  it('counts HTTP requests by route template with a latency histogram, and intake outcomes', async () => {
    const before = await scrape();
    const accepted = await s.postFeedback(fb('m-1'), '?wait=true');
    expect(accepted.status).toBe(202);
    expect((await s.postFeedback(fb('m-1'))).status).toBe(202); // duplicate
    expect((await s.postFeedback({ ...fb('m-2'), score: 9 })).status).toBe(400); // rejected
    await s.call('GET', '/api/v1/tickets/1000', undefined, admin);
    const after = await scrape();
    const d = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(d('closeloop_intake_total', { outcome: 'accepted' })).toBe(1);
    expect(d('closeloop_intake_total', { outcome: 'duplicate' })).toBe(1);
    expect(d('closeloop_intake_total', { outcome: 'rejected' })).toBe(1);
    expect(d('closeloop_http_requests_total', { method: 'POST', route: '/api/v1/feedback', status: '202' })).toBe(2);
    expect(d('closeloop_http_requests_total', { method: 'POST', route: '/api/v1/feedback', status: '400' })).toBe(1);
    expect(d('closeloop_http_requests_total', { method: 'GET', route: '/api/v1/tickets/:id' })).toBe(1);
    expect(d('closeloop_http_request_duration_seconds_count', { route: '/api/v1/feedback' })).toBe(3);
    expect(d('closeloop_http_request_duration_seconds_bucket', { route: '/api/v1/feedback', le: '+Inf' })).toBe(3);
    expect(after).not.toMatch(/route="\/api\/v1\/tickets\/1000"/); // templates, never concrete paths
    expect(sample(after, 'closeloop_process_resident_memory_bytes')).toBeGreaterThan(0);
    // The accepted feedback opened a ticket, counted where the worker projects it: asynchronously, and
    // possibly after the scrapes above. Wait for it here, so that it cannot land inside the next test's
    // before/after window and count there as a second ticket opened.
    await s.ticketNumberOf(accepted, fb('m-1'));
    await s.eventually(async () => sample(await scrape(), 'closeloop_tickets_opened_total') - sample(before, 'closeloop_tickets_opened_total') === 1);
  });

  it('counts tickets opened and resolved where the worker projects them', async () => {
    const before = await scrape();
    const res = await s.postFeedback(fb('m-3'), '?wait=true');
    expect(res.status).toBe(202);
    const n = await s.ticketNumberOf(res, fb('m-3'));
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
    const entries = await s.database.db.select().from(taxonomyEntries);
    const body = { rootCauseId: entries.find((e) => e.kind === 'root_cause')!.id, actionId: entries.find((e) => e.kind === 'action')!.id };
    expect((await s.call('POST', `/api/v1/tickets/${n}/resolve`, body, admin)).status).toBe(200);
    await s.eventually(async () => sample(await scrape(), 'closeloop_tickets_resolved_total') > sample(before, 'closeloop_tickets_resolved_total'));
    const after = await scrape();
    expect(sample(after, 'closeloop_tickets_opened_total') - sample(before, 'closeloop_tickets_opened_total')).toBe(1);
    expect(sample(after, 'closeloop_tickets_resolved_total') - sample(before, 'closeloop_tickets_resolved_total')).toBe(1);
  });

  it('answers 404 off /metrics; the Temporal SDK exports the worker metrics on its own port', async () => {
    expect((await fetch(`http://127.0.0.1:${metrics.port}/`)).status).toBe(404);
    const sdk = await s.eventually(async () => {
      const text = await (await fetch(`http://127.0.0.1:${temporalMetricsPort}/metrics`)).text();
      return /^temporal_\w+/m.test(text) ? text : null;
    });
    expect(sdk).toMatch(/^temporal_(worker|workflow|activity|request|long_request|num_pollers)\w*/m);
  });
});
