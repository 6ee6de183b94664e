// `npm run bench -- webhooks [feedback=200]`: outbound webhook delivery on the real stack in one process
// (Temporal dev server, Postgres when DATABASE_URL is set, worker, outbox, dispatcher workflow) to a
// loopback receiver. Posts N detractor feedbacks (each: feedback.received, ticket.created,
// ticket.assigned) and prints how long until every event arrived, events per second, the latency from
// the event to its arrival (p50/p99), duplicates and order violations per ticket. Bounded: stops after
// 180 s whatever happened.
import os from 'node:os';
import { parseAllowList } from '../domain/webhook-target';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhooks';
import { startStack } from '../test/support/stack';
import { startWebhookReceiver } from '../test/support/webhook-receiver';

const [n = 200] = process.argv.slice(2).map(Number).filter((x) => x > 0);
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const rx = await startWebhookReceiver();
const s = await startStack({ webhooks: { allowList: parseAllowList('127.0.0.1') } });
try {
  const admin = await s.login();
  const sub = await s.call('POST', '/api/v1/webhooks', { url: rx.url, events: WEBHOOK_EVENT_TYPES }, admin);
  if (sub.status !== 201) throw new Error(`subscribe: ${sub.status}`);
  const expected = n * 3;
  const started = Date.now();
  for (let i = 0; i < n; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, n - i) }, (_, j) => s.postFeedback({ channel: 'kiosk', type: 'star', score: 1, comment: 'Bench', branch: 'main', externalId: `bench-${i + j}` })),
    );
  }
  const posted = Date.now();
  const deadline = started + 180_000;
  while (Date.now() < deadline) {
    if (new Set(rx.received.map((h) => h.json.id)).size >= expected) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const done = Math.max(...rx.received.map((h) => h.at));
  const ids = rx.received.map((h) => h.json.id);
  const unique = new Set(ids).size;
  // Latency: the event's own time (when it was recorded) to its first arrival here.
  const latencies = rx.received.map((h) => h.at - Date.parse(String(h.json.timestamp))).sort((a, b) => a - b);
  const perTicket = new Map<string, number[]>();
  for (const h of rx.received) {
    const m = /^evt_t(\d+)_(\d+)$/.exec(h.json.id);
    if (m) perTicket.set(m[1], [...(perTicket.get(m[1]) ?? []), Number(m[2])]);
  }
  const outOfOrder = [...perTicket.values()].filter((seqs) => seqs.some((x, i) => i > 0 && x < seqs[i - 1])).length;
  console.log(`webhooks: ${n} feedback posted in ${posted - started} ms; ${unique}/${expected} events delivered in ${done - started} ms (${((unique / (done - started)) * 1000).toFixed(1)} events/s)`);
  console.log(`  latency event → receiver: p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms, max ${latencies.at(-1)} ms`);
  console.log(`  duplicates ${ids.length - unique}, tickets out of order ${outOfOrder}/${perTicket.size}`);
  console.log(`  load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} (${os.cpus().length} cores), database ${process.env.DATABASE_URL ? 'Postgres' : 'PGlite'}`);
} finally {
  await s.teardown();
  await rx.close();
}
