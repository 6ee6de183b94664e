// Intake beyond the single POST: batch, the Twilio SMS webhook, oversize bodies.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback } from '../../db/schema';
import { twilioSignature } from '../../domain/sms';
import { startStack, type Stack } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.teardown());

const count = async () => Number((await s.database.db.select({ c: sql<number>`count(*)::int` }).from(feedback))[0].c);
const auth = { authorization: 'Bearer clk_test_intake_key_0001' };

describe('batch intake', () => {
  it('accepts up to 500 items, idempotently per channel + externalId', async () => {
    const items = Array.from({ length: 120 }, (_, i) => ({ channel: 'web', type: 'star', score: (i % 5) + 1, externalId: `b-${i}` }));
    const res = await s.call('POST', '/api/v1/feedback/batch', { items }, null, auth);
    expect(res.status).toBe(202);
    const body = (await res.json()) as { items: Array<{ id: string; duplicate: boolean }> };
    expect(body.items).toHaveLength(120);
    expect(body.items.every((i) => !i.duplicate)).toBe(true);
    const again = (await (await s.call('POST', '/api/v1/feedback/batch', { items: items.slice(0, 3) }, null, auth)).json()) as { items: Array<{ duplicate: boolean }> };
    expect(again.items.map((i) => i.duplicate)).toEqual([true, true, true]);
    await s.eventually(async () => (await count()) === 120, 150_000);
  }, 200_000);

  it('rejects the whole batch when one item is bad, naming it', async () => {
    const before = await count();
    const res = await s.call('POST', '/api/v1/feedback/batch', { items: [{ channel: 'web', type: 'star', score: 3, externalId: 'ok' }, { channel: 'web', type: 'nps', score: 11 }] }, null, auth);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('items.1.score');
    expect((await s.call('POST', '/api/v1/feedback/batch', { items: Array.from({ length: 501 }, () => ({ channel: 'web', type: 'star', score: 3 })) }, null, auth)).status).toBe(400);
    expect(await count()).toBe(before);
  });

  it('answers 413 for a 1 MB comment and stores nothing', async () => {
    const before = await count();
    const res = await s.postFeedback({ channel: 'web', type: 'star', score: 1, comment: 'x'.repeat(1024 * 1024), externalId: 'huge' });
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
  });
});

describe('Twilio SMS webhook', () => {
  const url = 'http://closeloop.test/api/v1/sms/twilio?branch=main';
  const send = (params: Record<string, string>, signature: string) =>
    s.app.request('/api/v1/sms/twilio?branch=main', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() });

  it('turns a signed "<score> <comment>" text into NPS feedback and answers TwiML', async () => {
    const params = { MessageSid: 'SM0001', From: '+447700900123', To: '+447700900000', Body: '3 the queue was far too long' };
    const res = await send(params, twilioSignature('twilio-test-token', url, params));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(await res.text()).toContain('<Response><Message>Thank you');
    const row = await s.eventually(async () => (await s.database.db.select().from(feedback)).find((f) => f.externalId === 'SM0001'));
    expect(row).toMatchObject({ channel: 'sms', type: 'nps', score: 3, comment: 'the queue was far too long', branch: 'main', contactKey: 'phone:447700900123' });
  });

  it('refuses a wrong signature and asks again for a text without a score', async () => {
    const params = { MessageSid: 'SM0002', From: '+447700900123', Body: '9 great' };
    expect((await send(params, 'forged')).status).toBe(403);
    const tampered = { ...params, Body: '0 terrible' };
    expect((await send(tampered, twilioSignature('twilio-test-token', url, params))).status).toBe(403);
    const noScore = { MessageSid: 'SM0003', From: '+447700900123', Body: 'hello?' };
    const res = await send(noScore, twilioSignature('twilio-test-token', url, noScore));
    expect(await res.text()).toContain('number from 0 to 10');
    expect((await s.database.db.select().from(feedback)).some((f) => f.externalId === 'SM0002' || f.externalId === 'SM0003')).toBe(false);
  });
});

describe('intake keys', () => {
  it('creates a channel-bound key shown once, lists it by prefix, and revokes it', async () => {
    const admin = await s.login();
    const created = await s.call('POST', '/api/v1/intake-keys', { name: 'Lobby kiosk', channel: 'kiosk' }, admin);
    expect(created.status).toBe(201);
    const k = (await created.json()) as { id: string; key: string; prefix: string };
    expect(k.key).toMatch(/^clk_[0-9a-f]{8}_/);
    const list = (await (await s.call('GET', '/api/v1/intake-keys', undefined, admin)).json()) as { items: Array<Record<string, unknown>> };
    const listed = list.items.find((i) => i.id === k.id)!;
    expect(listed.prefix).toBe(k.prefix);
    expect(JSON.stringify(list)).not.toContain(k.key);
    const post = (channel: string) => s.call('POST', '/api/v1/feedback', { channel, type: 'star', score: 4 }, null, { authorization: `Bearer ${k.key}` });
    expect((await post('kiosk')).status).toBe(202);
    expect((await post('web')).status).toBe(403);
    expect((await s.call('DELETE', `/api/v1/intake-keys/${k.id}`, undefined, admin)).status).toBe(204);
    expect((await post('kiosk')).status).toBe(401);
  });
});
