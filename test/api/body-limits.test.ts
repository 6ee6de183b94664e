// The global request-body limit (api/body-limits.ts): an oversized body to the unauthenticated routes
// is refused with 413 before any route reads or parses it — over a real socket the answer comes while
// most of the announced body has not even been sent.
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { BODY_LIMITS, bodyLimitFor } from '../../api/body-limits';
import { CSAT_POSTS_PER_IP, CSAT_POSTS_PER_TOKEN } from '../../api/routes/csat';
import type { ErrorBody } from '../../api/errors';
import { loginAttempts } from '../../db/schema';
import { ADMIN, startStack, type Stack } from '../support/stack';

let s: Stack;
let server: ServerType;
let port: number;
beforeAll(async () => {
  s = await startStack();
  server = serve({ fetch: s.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.close();
  await s?.teardown();
});

const signIns = async () => (await s.database.db.select({ n: count() }).from(loginAttempts))[0].n;

/** Announces `declared` bytes, sends only the first KB, and waits for the answer. */
function announceHuge(path: string, contentType: string, declared: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': contentType, 'content-length': String(declared) } }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.write('x'.repeat(1024));
  });
}

describe('request-body limits', () => {
  it('413 for 100 MB announced to sign-in, CSAT and SMS, answered before the body arrives', async () => {
    for (const [path, type] of [
      ['/api/v1/auth/login', 'application/json'],
      [`/csat/1.${'a'.repeat(32)}`, 'application/x-www-form-urlencoded'],
      ['/api/v1/sms/twilio', 'application/x-www-form-urlencoded'],
      ['/c/00000000-0000-0000-0000-000000000000', 'application/x-www-form-urlencoded'],
    ]) {
      const res = await announceHuge(path, type, 100 * 1024 * 1024);
      expect(res.status, path).toBe(413);
      expect((JSON.parse(res.body) as ErrorBody).error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('16 KB') });
    }
  });

  it('a too-large sign-in with the right password is refused unread, chunked or not', async () => {
    const before = await signIns();
    const body = JSON.stringify({ email: ADMIN.email, password: ADMIN.password, pad: 'p'.repeat(20_000) });
    const plain = await s.call('POST', '/api/v1/auth/login', body, null, { 'content-length': String(body.length) });
    expect(plain.status).toBe(413);
    expect(plain.headers.get('set-cookie')).toBeNull();
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(body));
        c.close();
      },
    });
    const chunked = await s.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(((await chunked.json()) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
    // Not parsed: no sign-in attempt was recorded, and the same body under the limit signs in.
    expect(await signIns()).toBe(before);
    expect((await s.call('POST', '/api/v1/auth/login', { email: ADMIN.email, password: ADMIN.password, pad: 'p'.repeat(1000) })).status).toBe(200);
  });

  it('CSAT and SMS bodies just over 16 KB are refused; invalid JSON over the limit is a 413, not a 400', async () => {
    const form = `score=5&comment=${'c'.repeat(17 * 1024)}`;
    const csat = await s.app.request(`/csat/1.${'a'.repeat(32)}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://closeloop.test' }, body: form });
    expect(csat.status).toBe(413);
    const sms = await s.app.request('/api/v1/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `MessageSid=SM1&From=%2B1555&Body=${'9'.repeat(17 * 1024)}` });
    expect(sms.status).toBe(413);
    const garbage = await s.call('POST', '/api/v1/auth/login', `{${'"'.repeat(20_000)}`);
    expect(garbage.status).toBe(413);
  });

  it('a signed-in route takes up to 1 MB; the intake batch 8 MB', async () => {
    const admin = await s.login();
    const big = await s.call('POST', '/api/v1/rules', { name: 'x'.repeat(1024 * 1024) }, admin);
    expect(big.status).toBe(413);
    const fine = await s.call('POST', '/api/v1/rules', { name: 'x'.repeat(200 * 1024) }, admin);
    expect(fine.status).toBe(400); // read and validated
    expect(bodyLimitFor('/api/v1/feedback/batch').maxBytes).toBe(8 * 1024 * 1024);
    expect(bodyLimitFor('/api/v1/tickets/1/comments').maxBytes).toBe(1024 * 1024);
    expect(BODY_LIMITS.at(-1)!.prefix).toBe('/');
  });

  it('every operation with a body documents its 413', async () => {
    const doc = (await (await s.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { description: string }> }>> };
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) if (op.requestBody && !op.responses['413']) missing.push(`${method} ${path}`);
    }
    expect(missing).toEqual([]);
    expect(doc.paths['/auth/login'].post.responses['413'].description).toContain('16 KB');
  });
});

describe('the public site in the OpenAPI document, and its rate limits', () => {
  it('documents the survey, collection pages and assets with their own server and every status', async () => {
    type Op = { servers?: Array<{ url: string }>; security?: unknown[]; responses: Record<string, unknown> };
    const doc = (await (await s.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, Op>> };
    const post = doc.paths['/csat/{token}'].post;
    expect(post.servers).toEqual([{ url: '/', description: expect.any(String) }]);
    expect(post.security).toEqual([]);
    expect(Object.keys(post.responses).sort()).toEqual(['200', '400', '403', '404', '409', '410', '413', '429', '503']);
    for (const path of ['/csat/{token}', '/c/{id}', '/c/{id}/link', '/c/{id}/embed', '/c/{id}/kiosk', '/c/{id}/kiosk.webmanifest', '/c/assets/{name}', '/public/page.css', '/public/brand.css', '/public/logo/{sha}']) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });

  it('limits CSAT posts per link and per address: 429 with Retry-After, before the survey is even read', async () => {
    const proxied = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: { ...s.config, TRUST_PROXY_HOPS: 1 } });
    const post = (token: string, ip: string) =>
      proxied.request(`/csat/${token}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip }, body: 'score=5' });
    const link = `999001.${'b'.repeat(32)}`;
    const perLink: number[] = [];
    // One link from many addresses: the link's budget runs out.
    for (let i = 0; i < CSAT_POSTS_PER_TOKEN + 2; i++) perLink.push((await post(link, `198.51.100.${i + 1}`)).status);
    expect(perLink.slice(0, CSAT_POSTS_PER_TOKEN)).toEqual(Array(CSAT_POSTS_PER_TOKEN).fill(404));
    const limited = await post(link, '198.51.100.200');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many attempts');
    // One address over many links: the address's budget runs out.
    const perIp: number[] = [];
    for (let i = 0; i < CSAT_POSTS_PER_IP + 1; i++) perIp.push((await post(`${999100 + i}.${'c'.repeat(32)}`, '203.0.113.50')).status);
    expect(perIp.slice(0, CSAT_POSTS_PER_IP).every((x) => x === 404)).toBe(true);
    expect(perIp.at(-1)).toBe(429);
    // A GET (what a person and a scanner do) is never limited by this.
    expect((await proxied.request(`/csat/${link}`, { headers: { 'x-forwarded-for': '198.51.100.200' } })).status).toBe(404);
  });
});
