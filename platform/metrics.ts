// Prometheus metrics of this process (prom-client), served on their own port (METRICS_PORT, see
// startMetricsServer) so they never sit on the public API. Each process counts what happens in it: the
// API its requests and intake, the worker (where activities run) tickets, SLA events, escalations and
// failed sends. Prometheus sums over the replicas. The Temporal worker's own metrics come from the
// SDK's exporter on TEMPORAL_METRICS_PORT (platform/runtime.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'closeloop_' });

export const httpRequests = new Counter({ name: 'closeloop_http_requests_total', help: 'HTTP requests answered, by method, route template and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
export const httpDuration = new Histogram({
  name: 'closeloop_http_request_duration_seconds',
  help: 'HTTP request latency, by method, route template and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});
export const intake = new Counter({ name: 'closeloop_intake_total', help: 'Feedback offered to the intake: accepted, duplicate (a resend, accepted once) or rejected (4xx)', labelNames: ['outcome'] as const, registers: [registry] });
export const ticketsOpened = new Counter({ name: 'closeloop_tickets_opened_total', help: 'Tickets opened (counted once, when their creation is projected)', registers: [registry] });
export const ticketsResolved = new Counter({ name: 'closeloop_tickets_resolved_total', help: 'Ticket resolutions (a reopened ticket resolved again counts again)', registers: [registry] });
export const slaEvents = new Counter({ name: 'closeloop_sla_events_total', help: 'SLA warnings and breaches', labelNames: ['kind'] as const, registers: [registry] });
export const escalations = new Counter({ name: 'closeloop_escalations_total', help: 'Escalations, by the level reached', labelNames: ['level'] as const, registers: [registry] });
export const outboxFailures = new Counter({ name: 'closeloop_outbox_failures_total', help: 'Failed sends of notifications and customer mail, by channel; permanent ones are not retried', labelNames: ['channel', 'kind'] as const, registers: [registry] });
export const notificationDigests = new Counter({ name: 'closeloop_notification_digests_total', help: 'Daily digests considered: sent, empty (nothing to say, no mail) or failed (retried)', labelNames: ['outcome'] as const, registers: [registry] });
export const webhookFailures = new Counter({ name: 'closeloop_webhook_failures_total', help: 'Failed webhook delivery attempts; refused targets are not retried', labelNames: ['kind'] as const, registers: [registry] });

/** Routes whose 4xx is feedback the intake turned away. */
// (The public forms under /c/ answer a page with the error, not a 4xx: not counted here.)
const INTAKE_ROUTES = new Set(['POST /api/v1/feedback', 'POST /api/v1/feedback/batch', 'POST /api/v1/collect/:pointId/answers', 'POST /api/v1/sms/twilio']);

/** One finished HTTP request (api/observe.ts). */
export function observeHttp(o: { method: string; route: string; status: number; ms: number }): void {
  const labels = { method: o.method, route: o.route, status: String(o.status) };
  httpRequests.inc(labels);
  httpDuration.observe(labels, o.ms / 1000);
  if (o.status >= 400 && o.status < 500 && o.status !== 401 && o.status !== 429 && INTAKE_ROUTES.has(`${o.method} ${o.route}`)) intake.inc({ outcome: 'rejected' });
}

/** Timeline events projected for the first time (activities/projection.ts), counted once each. */
export function observeTicketEvents(events: Array<{ type: string; to: string | null }>): void {
  for (const e of events) {
    if (e.type === 'created') ticketsOpened.inc();
    else if (e.type === 'resolved') ticketsResolved.inc();
    else if (e.type === 'sla_warning') slaEvents.inc({ kind: 'warning' });
    else if (e.type === 'sla_breached') slaEvents.inc({ kind: 'breach' });
    else if (e.type === 'escalated') escalations.inc({ level: e.to ?? 'unknown' });
  }
}

/** GET /metrics on host:port (no other route): the scrape target of this process. */
export async function startMetricsServer(port: number, host: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('metrics are at GET /metrics\n');
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(text);
      },
      () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('metrics failed\n');
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
