// Outbound webhooks on the real stack: the outbox written with the timeline, the dispatcher workflow
// delivering to a loopback receiver, signatures checked with the documented algorithm (and the Standard
// Webhooks reference library), order per ticket, retries, pause with the admins' notice, resume,
// redelivery, secret rotation and the SSRF guard.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WEBHOOK_CONFIG } from '../../activities/webhooks';
import { postWebhook } from '../../activities/webhook-http';
import { createApp } from '../../api/app';
import type { WebhookEventLog, WebhookSubscription } from '../../api/routes/webhooks';
import { taxonomyEntries, webhookSubscriptions } from '../../db/schema';
import { EMPTY_ALLOW_LIST, parseAllowList } from '../../domain/webhook-target';
import { WEBHOOK_EVENT_TYPES, webhookEnvelopeSchema, type WebhookEventType } from '../../domain/webhooks';
import { startStack, type Session, type Stack } from '../support/stack';
import { startWebhookReceiver, type ReceivedHook, type WebhookReceiver } from '../support/webhook-receiver';

let s: Stack;
let admin: Session;
let rx: WebhookReceiver;
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

/** The verification a receiver does, exactly as the README shows it. */
function verify(secret: string, headers: Record<string, string>, body: string, now = Date.now() / 1000): boolean {
  const id = headers['webhook-id'];
  const timestamp = Number(headers['webhook-timestamp']);
  if (!id || !Number.isFinite(timestamp) || Math.abs(now - timestamp) > 5 * 60) return false; // replay window
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return (headers['webhook-signature'] ?? '').split(' ').some((sig) => {
    const [version, value] = sig.split(',');
    const got = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && got.length === expected.length && timingSafeEqual(got, expected);
  });
}

beforeAll(async () => {
  rx = await startWebhookReceiver();
  s = await startStack({ webhooks: { allowList: parseAllowList('127.0.0.1'), retry: { maximumAttempts: 3, initialIntervalMs: 100, maximumIntervalMs: 200 } } });
  admin = await s.login();
});
afterAll(async () => {
  await s?.teardown();
  await rx?.close();
});

async function subscribe(events: readonly WebhookEventType[] = WEBHOOK_EVENT_TYPES, url = rx.url) {
  const res = await s.call('POST', '/api/v1/webhooks', { url, events, description: 'CRM' }, admin);
  expect(res.status).toBe(201);
  return json<WebhookSubscription & { secret: string }>(res);
}

async function openTicket(externalId: string): Promise<number> {
  const sent = { channel: 'kiosk', type: 'star', score: 1, comment: 'Cold food', contact: { name: 'Ann Lee', email: 'ann@example.com' }, branch: 'main', externalId };
  const res = await s.postFeedback(sent, '?wait=true');
  const n = await s.ticketNumberOf(res, sent);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  return n;
}

const ofTicket = (n: number) => rx.received.filter((h) => (h.json.data as { ticket?: { number: number } }).ticket?.number === n);
const seqOf = (h: ReceivedHook) => Number(/_(\d+)$/.exec(h.json.id)![1]);
const waitFor = (what: () => boolean, timeoutMs = 20_000) => s.eventually(async () => what(), timeoutMs);
const log = async (subId: string) => (await json<{ items: WebhookEventLog[] }>(await s.call('GET', `/api/v1/webhooks/${subId}/events?limit=200`, undefined, admin))).items;

describe('outbound webhooks', () => {
  let sub: WebhookSubscription & { secret: string };
  let ticket: number;

  it('documents every event type in the OpenAPI webhooks and shows the secret only once', async () => {
    const doc = await json<{ webhooks: Record<string, { post: { requestBody: unknown } }>; components: { schemas: Record<string, unknown> } }>(await s.call('GET', '/api/v1/openapi.json'));
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(JSON.stringify(doc.webhooks['comment.added'])).toContain('#/components/schemas/Webhook_comment_added');
    expect(JSON.stringify(doc.components.schemas.Webhook_comment_added)).toContain('visibility');
    sub = await subscribe();
    expect(sub.secret).toMatch(/^whsec_/);
    const again = await json<Record<string, unknown>>(await s.call('GET', `/api/v1/webhooks/${sub.id}`, undefined, admin));
    expect(again).not.toHaveProperty('secret');
    expect(JSON.stringify(await json(await s.call('GET', '/api/v1/webhooks', undefined, admin)))).not.toContain(sub.secret);
  });

  it('delivers every event of a ticket, signed, once each, in order', async () => {
    ticket = await openTicket('wh-1');
    const entries = await s.database.db.select().from(taxonomyEntries);
    const actionId = entries.find((e) => e.kind === 'action')!.id;
    const rootCauseId = entries.find((e) => e.kind === 'root_cause')!.id;
    const post = (path: string, body: unknown) => s.call('POST', `/api/v1/tickets/${ticket}/${path}`, body, admin);
    expect((await post('comments', { body: 'Checking with the kitchen', visibility: 'internal' })).status).toBe(200);
    expect((await post('comments', { body: 'Sorry Ann, a refund is on its way', visibility: 'public' })).status).toBe(200);
    expect((await post('status', { to: 'pending_customer' })).status).toBe(200);
    expect((await post('resolve', { rootCauseId, actionId, note: 'Refunded' })).status).toBe(200);
    await waitFor(() => ofTicket(ticket).some((h) => h.json.type === 'ticket.resolved'));

    const hooks = ofTicket(ticket);
    const types = hooks.map((h) => h.json.type);
    expect(types).toEqual(expect.arrayContaining(['ticket.created', 'ticket.assigned', 'comment.added', 'ticket.status_changed', 'ticket.resolved']));
    const comments = hooks.filter((h) => h.json.type === 'comment.added').map((h) => (h.json.data as { comment: { visibility: string; body: string } }).comment);
    expect(comments).toEqual([expect.objectContaining({ visibility: 'internal', body: 'Checking with the kitchen' }), expect.objectContaining({ visibility: 'public', source: 'agent' })]);
    // In order per ticket, each event once (no failures happened, so no retries).
    const seqs = hooks.map(seqOf);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(hooks.map((h) => h.json.id)).size).toBe(hooks.length);
    for (const h of hooks) {
      expect(verify(sub.secret, h.headers, h.body), h.json.id).toBe(true);
      expect(verify('whsec_' + Buffer.from('another secret').toString('base64'), h.headers, h.body)).toBe(false);
      expect(verify(sub.secret, h.headers, h.body, Date.now() / 1000 + 6 * 60)).toBe(false); // outside the replay window
      expect(() => new Webhook(sub.secret).verify(h.body, h.headers)).not.toThrow();
      expect(h.headers['webhook-id']).toBe(h.json.id);
      expect(h.headers['closeloop-event-type']).toBe(h.json.type);
      expect(webhookEnvelopeSchema(h.json.type as WebhookEventType).safeParse(h.json).error).toBeUndefined();
    }
    const fb = rx.received.find((h) => h.json.type === 'feedback.received' && (h.json.data as { feedback: { externalId: string } }).feedback.externalId === 'wh-1');
    expect(fb?.json.data).toMatchObject({ feedback: { channel: 'kiosk', score: 1, comment: 'Cold food' } });
    const entries2 = await log(sub.id);
    const created = entries2.find((e) => e.type === 'ticket.created')!;
    expect(created).toMatchObject({ status: 'delivered', attempts: 1, deliveries: [{ attempt: 1, ok: true, responseCode: 200 }] });
    expect(created.deliveries[0].latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('retries a failing delivery with backoff and keeps the ticket\'s order', async () => {
    rx.queue.push(503, 503);
    const before = rx.received.length;
    const n = await openTicket('wh-2');
    await waitFor(() => ofTicket(n).some((h) => h.json.type === 'ticket.assigned' && h.answered === 200));
    const failedFirst = rx.received.slice(before).filter((h) => h.answered === 503);
    expect(failedFirst).toHaveLength(2);
    const entry = (await log(sub.id)).find((e) => e.id === failedFirst[0].json.id)!;
    expect(entry.status).toBe('delivered');
    expect(entry.deliveries.map((d) => [d.attempt, d.ok, d.responseCode])).toEqual([
      [3, true, 200],
      [2, false, 503],
      [1, false, 503],
    ]);
    const delivered = ofTicket(n).filter((h) => h.answered === 200).map(seqOf);
    expect(delivered).toEqual([...delivered].sort((a, b) => a - b));
  });

  it('pauses a subscription that keeps failing, tells the admins, drops nothing, and resumes in order', async () => {
    rx.status = 500;
    const n = await openTicket('wh-3');
    const paused = await s.eventually(async () => {
      const sub2 = await json<WebhookSubscription>(await s.call('GET', `/api/v1/webhooks/${sub.id}`, undefined, admin));
      return sub2.status === 'paused' ? sub2 : null;
    }, 30_000);
    expect(paused.pauseReason).toMatch(/HTTP 500/);
    const notice = await s.smtp.waitFor((m) => /Webhook paused/.test(m.parsed.subject ?? ''));
    expect(notice.envelopeTo).toEqual(['admin@test.local']);
    expect(notice.parsed.text).toContain(rx.url);
    // More events while paused are kept, not sent.
    const attemptsWhilePaused = rx.received.length;
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'While paused', visibility: 'internal' }, admin)).status).toBe(200);
    await s.eventually(async () => (await json<WebhookSubscription>(await s.call('GET', `/api/v1/webhooks/${sub.id}`, undefined, admin))).pendingEvents >= 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(rx.received.length).toBe(attemptsWhilePaused);

    rx.status = 200;
    const resumed = await s.call('POST', `/api/v1/webhooks/${sub.id}/resume`, undefined, admin);
    expect(resumed.status).toBe(200);
    await waitFor(() => ofTicket(n).some((h) => h.json.type === 'comment.added' && h.answered === 200));
    const ok = ofTicket(n).filter((h) => h.answered === 200);
    expect(ok.map(seqOf)).toEqual([...new Set(ok.map(seqOf))].sort((a, b) => a - b));
    expect(ok.map((h) => h.json.type)).toEqual(expect.arrayContaining(['ticket.created', 'ticket.assigned', 'comment.added']));
    // The receiver answers before the dispatcher records the delivery: the backlog empties just after.
    await s.eventually(async () => (await json<WebhookSubscription>(await s.call('GET', `/api/v1/webhooks/${sub.id}`, undefined, admin))).pendingEvents === 0);
  });

  it('redelivers an event on request, with the same id', async () => {
    const target = (await log(sub.id)).find((e) => e.type === 'ticket.resolved')!;
    const count = rx.received.filter((h) => h.json.id === target.id).length;
    expect((await s.call('POST', `/api/v1/webhooks/${sub.id}/events/${target.id}/redeliver`, undefined, admin)).status).toBe(202);
    await waitFor(() => rx.received.filter((h) => h.json.id === target.id).length === count + 1);
    const again = (await log(sub.id)).find((e) => e.id === target.id)!;
    expect(again.deliveries[0]).toMatchObject({ attempt: 2, ok: true });
    expect((await s.call('POST', `/api/v1/webhooks/${sub.id}/events/evt_nope/redeliver`, undefined, admin)).status).toBe(404);
  });

  it('signs with the old and the new secret during a rotation window', async () => {
    const rotated = await json<WebhookSubscription & { secret: string }>(await s.call('POST', `/api/v1/webhooks/${sub.id}/rotate-secret`, { keepPreviousHours: 1 }, admin));
    expect(rotated.secret).not.toBe(sub.secret);
    expect(rotated.previousSecretUntil).not.toBeNull();
    const n = await openTicket('wh-4');
    await waitFor(() => ofTicket(n).some((h) => h.json.type === 'ticket.created'));
    const h = ofTicket(n)[0];
    expect(h.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(verify(rotated.secret, h.headers, h.body)).toBe(true);
    expect(verify(sub.secret, h.headers, h.body)).toBe(true);
    const cut = await json<WebhookSubscription & { secret: string }>(await s.call('POST', `/api/v1/webhooks/${sub.id}/rotate-secret`, { keepPreviousHours: 0 }, admin));
    const m = await openTicket('wh-5');
    await waitFor(() => ofTicket(m).some((x) => x.json.type === 'ticket.created'));
    const h2 = ofTicket(m)[0];
    expect(verify(cut.secret, h2.headers, h2.body)).toBe(true);
    expect(verify(rotated.secret, h2.headers, h2.body)).toBe(false);
    sub = { ...sub, secret: cut.secret };
  });
});

describe('SSRF guard', () => {
  it('refuses loopback, private and link-local targets without the allow-list', async () => {
    const strict = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: { ...s.config, webhooks: DEFAULT_WEBHOOK_CONFIG } });
    for (const url of ['https://127.0.0.1/hook', 'http://127.0.0.1:8080/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://[::1]/hook', 'https://[::ffff:10.0.0.1]/hook', 'http://example.com/hook']) {
      const res = await strict.request('/api/v1/webhooks', { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, body: JSON.stringify({ url, events: ['ticket.created'] }) });
      expect(res.status, url).toBe(400);
      const body = await json<{ error: { details: { fields: Array<{ path: string }> } } }>(res);
      expect(body.error.details.fields[0].path).toBe('url');
    }
  });

  it('refuses at delivery a host that resolves to a loopback address, before connecting', async () => {
    const out = await postWebhook(`http://localhost:${rx.port}/hooks`, '{}', {}, { allowList: EMPTY_ALLOW_LIST, timeoutMs: 2000 });
    expect(out).toMatchObject({ ok: false, refused: true });
    expect(out.error).toMatch(/localhost resolves to 127\.0\.0\.1 is a loopback address/);
  });

  it('pauses a subscription whose target is refused, at once and without retrying', async () => {
    // Stored directly (the API would refuse it): a loopback address the allow-list does not name.
    await s.database.db.insert(webhookSubscriptions).values({ id: 'ssrf-sub', url: `http://127.0.0.2:${rx.port}/hooks`, events: ['ticket.created'], secret: 'whsec_' + Buffer.from('x').toString('base64') });
    await openTicket('wh-ssrf');
    const paused = await s.eventually(async () => {
      const r = await json<WebhookSubscription>(await s.call('GET', '/api/v1/webhooks/ssrf-sub', undefined, admin));
      return r.status === 'paused' ? r : null;
    });
    expect(paused.pauseReason).toMatch(/target refused: 127\.0\.0\.2 is a loopback address/);
    const entries = await log('ssrf-sub');
    expect(entries[0].deliveries).toHaveLength(1); // refused: not retried
    expect(entries[0].status).toBe('pending'); // and not dropped
  });
});
