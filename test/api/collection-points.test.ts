// Collection points on the real stack: admin CRUD, printable QR codes that decode back to the point's
// URL, kiosk pairing and device tokens, the honeypot, rate limits shared by every API process, and the
// public form pages (QR, campaign link, widget) — bad input gets a message and stores nothing.
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { and, eq, sql } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import type { CollectionPointView, KioskDevice } from '../../api/routes/collection-points';
import { feedback } from '../../db/schema';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;

beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const base = { name: 'Front desk', branch: 'main', service: 'general', captureType: 'star' };
async function createPoint(body: Record<string, unknown> = {}): Promise<CollectionPointView> {
  const res = await s.call('POST', '/api/v1/collection-points', { ...base, ...body }, admin);
  expect(res.status, await res.clone().text()).toBe(201);
  return json<CollectionPointView>(res);
}

async function pairKiosk(pointId: string, app = s.app): Promise<string> {
  const pairing = await json<{ code: string }>(await s.call('POST', `/api/v1/collection-points/${pointId}/pairings`, { name: 'Tablet 1' }, admin));
  const res = await app.request('/api/v1/collect/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: pairing.code.toLowerCase() }) });
  expect(res.status).toBe(200);
  return (await json<{ deviceToken: string }>(res)).deviceToken;
}

let seq = 0;
const answerId = () => `answer-${++seq}-${Math.random().toString(36).slice(2, 10)}`;
const kioskAnswer = (pointId: string, token: string | null, body: Record<string, unknown>, headers: Record<string, string> = {}, app = s.app) =>
  app.request(`/api/v1/collect/${pointId}/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-device-token': token } : {}), ...headers },
    body: JSON.stringify(body),
  });

const postForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}, app = s.app) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() });
const formId = (html: string) => /name="externalId" value="([^"]+)"/.exec(html)![1];

const rowsOf = (pointId: string) => s.database.db.select().from(feedback).where(eq(feedback.collectionPointId, pointId));
const rowFor = async (channel: 'kiosk' | 'qr' | 'web', externalId: string) =>
  (await s.database.db.select().from(feedback).where(and(eq(feedback.channel, channel), eq(feedback.externalId, externalId))))[0];
async function expectNoIntake(channel: string, externalId: string) {
  const err = await s.temporal.env.client.workflow
    .getHandle(`feedback-${channel}-${externalId}`)
    .describe()
    .then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowNotFoundError);
}

describe('admin', () => {
  it('creates, lists, changes and deletes points; each has public URLs and an embed snippet', async () => {
    const p = await createPoint({ texts: { de: { question: 'Wie war es?' } }, commentStep: true, contactStep: 'email', embedOrigins: ['https://www.example.com'] });
    expect(p.id).toMatch(/^[a-z2-9]{12}$/);
    expect(p.urls).toEqual({ qr: `http://closeloop.test/c/${p.id}`, link: `http://closeloop.test/c/${p.id}/link`, embed: `http://closeloop.test/c/${p.id}/embed`, kiosk: `http://closeloop.test/c/${p.id}/kiosk` });
    expect(p.embedSnippet).toContain(`<iframe src="http://closeloop.test/c/${p.id}/embed" title="Front desk"`);
    expect(p.responsesLast7Days).toBe(0);
    const list = await json<{ items: CollectionPointView[] }>(await s.call('GET', '/api/v1/collection-points', undefined, admin));
    expect(list.items.map((i) => i.id)).toContain(p.id);
    const changed = await s.call('PUT', `/api/v1/collection-points/${p.id}`, { ...base, name: 'Reception', captureType: 'nps' }, admin);
    expect(changed.status).toBe(200);
    expect(await json(changed)).toMatchObject({ id: p.id, name: 'Reception', captureType: 'nps', commentStep: false, texts: {} });
    expect((await s.call('DELETE', `/api/v1/collection-points/${p.id}`, undefined, admin)).status).toBe(204);
    expect((await s.call('GET', `/api/v1/collection-points/${p.id}`, undefined, admin)).status).toBe(404);
    expect((await s.app.request(`/c/${p.id}`)).status).toBe(404);
  });

  it.each([
    ['an unknown branch', { branch: 'nowhere' }, /^branch: unknown branch "nowhere"$/],
    ['an unknown service', { service: 'nothing' }, /^service: unknown service "nothing"$/],
    ['a NUL in the name', { name: 'Front\u0000desk' }, /^name: must not contain NUL/],
    ['a lone surrogate in a question', { texts: { en: { question: 'How \uD800?' } } }, /^texts\.en\.question: .*surrogate/],
    ['a bad language code', { texts: { 'x y': { question: 'Hi' } } }, /^texts/],
    ['an origin that would break the CSP header', { embedOrigins: ["https://a.example; script-src 'unsafe-inline'"] }, /^embedOrigins\.0: /],
    ['an unknown contact step', { contactStep: 'fax' }, /^contactStep: /],
  ])('400 naming the field for %s', async (_what, body, message) => {
    const res = await s.call('POST', '/api/v1/collection-points', { ...base, ...body }, admin);
    expect(res.status).toBe(400);
    expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(message);
  });

  it('prints a QR code (PNG and SVG, the name under it) that decodes back to the point\'s URL', async () => {
    const p = await createPoint({ name: 'Terrasse & Café — مقهى' });
    const png = await s.call('GET', `/api/v1/collection-points/${p.id}/qr?format=png`, undefined, admin);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toBe(`attachment; filename="qr-${p.id}.png"`);
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    expect(image.height).toBeGreaterThan(image.width); // room for the caption
    expect(jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data).toBe(p.urls.qr);
    // The caption is drawn: the strip under the code is not blank.
    const darkBelow = Array.from({ length: image.width * (image.height - image.width) }, (_, i) => image.data[(image.width * image.width + i) * 4]).filter((v) => v < 128).length;
    expect(darkBelow).toBeGreaterThan(500);
    const svg = await s.call('GET', `/api/v1/collection-points/${p.id}/qr?format=svg`, undefined, admin);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    const text = await svg.text();
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).toContain('>Terrasse &#38; Café — مقهى</text>');
    expect((await s.call('GET', `/api/v1/collection-points/${p.id}/qr?format=gif`, undefined, admin)).status).toBe(400);
    expect((await s.call('GET', '/api/v1/collection-points/nosuchpoint/qr', undefined, admin)).status).toBe(404);
  });

  // schemathesis 4: a name with a control character (ESC) made resvg refuse the SVG, a 500.
  it('draws the QR code of a point whose name holds characters XML forbids, without them', async () => {
    const p = await createPoint({ name: 'Bar\u001b\u0007 Nord\uFFFF' });
    const png = await s.call('GET', `/api/v1/collection-points/${p.id}/qr?format=png`, undefined, admin);
    expect(png.status).toBe(200);
    const svg = await (await s.call('GET', `/api/v1/collection-points/${p.id}/qr?format=svg`, undefined, admin)).text();
    expect(svg).toContain('>Bar Nord</text>');
  });
});

describe('kiosk', () => {
  it('needs a device key: no token, a wrong one, another point\'s, a revoked one are refused (401); a pairing code works once', async () => {
    const p = await createPoint();
    const other = await createPoint({ name: 'Other' });
    const pairing = await json<{ code: string; url: string; device: KioskDevice }>(await s.call('POST', `/api/v1/collection-points/${p.id}/pairings`, { name: 'Counter tablet' }, admin));
    expect(pairing.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(pairing.url).toBe(`${p.urls.kiosk}#pair=${pairing.code.replace('-', '')}`);
    expect(pairing.device.state).toBe('pending');
    const pair = (code: string) => s.app.request('/api/v1/collect/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
    const first = await pair(` ${pairing.code.toLowerCase()} `);
    expect(first.status).toBe(200);
    const { pointId, deviceToken } = await json<{ pointId: string; deviceToken: string }>(first);
    expect(pointId).toBe(p.id);
    const again = await pair(pairing.code);
    expect(again.status).toBe(400);
    expect((await json<{ error: { message: string } }>(again)).error.message).toMatch(/^code: not valid, already used or expired/);

    const answer = { score: 4, externalId: answerId() };
    for (const [token, why] of [[null, 'none'], ['made-up-token', 'wrong'], [await pairKiosk(other.id), 'other point']] as const) {
      const res = await kioskAnswer(p.id, token, answer);
      expect(res.status, why).toBe(401);
      expect((await json<{ error: { message: string } }>(res)).error.message).toBe('This kiosk is not paired with this collection point: pair it from the admin screen');
    }
    await expectNoIntake('kiosk', `${p.id}-${answer.externalId}`);
    expect((await kioskAnswer(p.id, deviceToken, answer)).status).toBe(202);

    const devices = await json<{ items: KioskDevice[] }>(await s.call('GET', `/api/v1/collection-points/${p.id}/devices`, undefined, admin));
    expect(devices.items).toEqual([expect.objectContaining({ id: pairing.device.id, name: 'Counter tablet', state: 'paired', lastSeenAt: expect.any(String) })]);
    expect((await s.call('DELETE', `/api/v1/collection-points/${p.id}/devices/${pairing.device.id}`, undefined, admin)).status).toBe(204);
    expect((await kioskAnswer(p.id, deviceToken, { score: 4, externalId: answerId() })).status).toBe(401);
    expect((await s.call('DELETE', `/api/v1/collection-points/${other.id}/devices/${pairing.device.id}`, undefined, admin)).status).toBe(404);
  });

  it('goes through the intake: a low score opens a ticket on the kiosk channel; a resend is accepted once; an old answer keeps its time', async () => {
    const p = await createPoint({ commentStep: true, contactStep: 'email_or_phone' });
    const token = await pairKiosk(p.id);
    const externalId = answerId();
    const body = { score: 1, comment: 'Waited 40 minutes', email: 'Ann@Example.com', phone: '+44 20 7946 0000', consent: true, externalId, ageMs: 3_600_000 };
    const res = await kioskAnswer(p.id, token, body);
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ accepted: true, duplicate: false });
    const resend = await kioskAnswer(p.id, token, body);
    expect(await json(resend)).toEqual({ accepted: true, duplicate: true });
    const row = await s.eventually(async () => {
      const r = await rowFor('kiosk', `${p.id}-${externalId}`);
      return r?.ticketNumber ? r : null;
    });
    expect(row).toMatchObject({ channel: 'kiosk', type: 'star', score: 1, comment: 'Waited 40 minutes', branch: 'main', service: 'general', collectionPointId: p.id, outcome: 'ticket' });
    expect(row.contact).toEqual({ email: 'ann@example.com', phone: '+442079460000' });
    expect(Math.abs(row.submittedAt.getTime() - (Date.now() - 3_600_000))).toBeLessThan(60_000);
    const ticket = await s.eventually(async () => {
      const r = await s.call('GET', `/api/v1/tickets/${row.ticketNumber}`, undefined, admin);
      return r.status === 200 ? json<{ channel: string; priority: string }>(r) : null;
    });
    expect(ticket).toMatchObject({ channel: 'kiosk', priority: 'high' });
    expect(await rowsOf(p.id)).toHaveLength(1);
    const listed = await json<{ items: CollectionPointView[] }>(await s.call('GET', '/api/v1/collection-points', undefined, admin));
    expect(listed.items.find((i) => i.id === p.id)!.responsesLast7Days).toBe(1);
  });

  it('refuses bad answers with the field named, storing nothing', async () => {
    const p = await createPoint({ contactStep: 'email' });
    const token = await pairKiosk(p.id);
    for (const [body, message] of [
      [{ score: 6 }, /^score: pick a score from 1 to 5$/],
      [{ score: 2, email: 'ann@example.com' }, /^consent: /],
      [{ score: 2, email: 'not-an-address', consent: true }, /^email: /],
      [{ score: 2, comment: 'a\u0000b' }, /^comment: must not contain NUL/],
      [{ score: 2, ageMs: 40 * 86_400_000 }, /^ageMs: answers older than 30 days/],
      [{ score: 2, extra: 1 }, /extra/],
    ] as const) {
      const externalId = answerId();
      const res = await kioskAnswer(p.id, token, { ...body, externalId });
      expect(res.status).toBe(400);
      expect((await json<{ error: { message: string } }>(res)).error.message).toMatch(message);
      await expectNoIntake('kiosk', `${p.id}-${externalId}`);
    }
    const big = await kioskAnswer(p.id, token, { score: 2, externalId: answerId(), comment: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(await rowsOf(p.id)).toHaveLength(0);
  });

  it('drops an answer whose honeypot is filled, answering as if it were kept', async () => {
    const p = await createPoint();
    const token = await pairKiosk(p.id);
    const externalId = answerId();
    const res = await kioskAnswer(p.id, token, { score: 1, externalId, website: 'http://spam.example' });
    expect(res.status).toBe(202);
    expect(await json(res)).toEqual({ accepted: true, duplicate: false });
    await expectNoIntake('kiosk', `${p.id}-${externalId}`);
    expect(await rowsOf(p.id)).toHaveLength(0);
  });

  it('answers 404 for a closed point', async () => {
    const p = await createPoint();
    const token = await pairKiosk(p.id);
    await s.call('PUT', `/api/v1/collection-points/${p.id}`, { ...base, active: false }, admin);
    expect((await kioskAnswer(p.id, token, { score: 3, externalId: answerId() })).status).toBe(404);
    const page = await s.app.request(`/c/${p.id}/kiosk`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('This feedback page does not exist or is closed.');
  });
});

/** Counts are per fixed minute: start a counting test well inside one, so no reset falls in the middle. */
async function awayFromWindowEdge() {
  const into = Date.now() % 60_000;
  if (into > 50_000) await new Promise((r) => setTimeout(r, 60_500 - into));
}

describe('rate limits', () => {
  // Two API processes on one database: the counts live in Postgres, so both see the same totals.
  const appWith = (limits: { perIp: number; perPoint: number }) =>
    createApp({ db: s.database.db, temporal: s.temporal.env.client, config: { ...s.config, COLLECT_RATE_PER_IP: limits.perIp, COLLECT_RATE_PER_POINT: limits.perPoint, TRUST_PROXY_HOPS: 1 } });

  it('answer 429 with Retry-After per address, counted across API processes', async () => {
    const [a, b] = [appWith({ perIp: 3, perPoint: 100 }), appWith({ perIp: 3, perPoint: 100 })];
    const p = await createPoint();
    const token = await pairKiosk(p.id);
    const from = { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' }; // the proxy's entry is the client
    await awayFromWindowEdge();
    const statuses = [];
    for (const app of [a, b, a, b]) statuses.push((await kioskAnswer(p.id, token, { score: 5, externalId: answerId() }, from, app)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await kioskAnswer(p.id, token, { score: 5, externalId: answerId() }, from, a);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await json(refused)).toMatchObject({ error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: retryAfter } } });
    // Another address is not held up; a spoofed left-most X-Forwarded-For entry changes nothing.
    expect((await kioskAnswer(p.id, token, { score: 5, externalId: answerId() }, { 'x-forwarded-for': '198.51.100.8' }, b)).status).toBe(202);
    expect((await kioskAnswer(p.id, token, { score: 5, externalId: answerId() }, { 'x-forwarded-for': '10.9.9.9, 203.0.113.9' }, b)).status).toBe(429);
  });

  it('answer 429 with Retry-After per point, on the form pages too', async () => {
    const app = appWith({ perIp: 100, perPoint: 2 });
    const p = await createPoint();
    const page = async (ip: string) => {
      const get = await app.request(`/c/${p.id}`);
      return postForm(`/c/${p.id}`, { score: '5', externalId: formId(await get.text()) }, { 'x-forwarded-for': ip }, app);
    };
    await awayFromWindowEdge();
    expect((await page('192.0.2.1')).status).toBe(200);
    expect((await page('192.0.2.2')).status).toBe(200);
    const refused = await page('192.0.2.3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.text()).toContain('Too many answers from here right now. Please try again in a minute.');
    await s.eventually(async () => (await rowsOf(p.id)).length === 2);
  });
});

describe('form pages (QR, campaign link, widget)', () => {
  it('serve under a strict CSP, with no inline script or style; the widget declares who may frame it', async () => {
    const p = await createPoint({ embedOrigins: ['https://www.example.com', 'https://*.shop.example'] });
    for (const [path, ancestors] of [[`/c/${p.id}`, "'none'"], [`/c/${p.id}/link`, "'none'"], [`/c/${p.id}/kiosk`, "'none'"], [`/c/${p.id}/embed`, 'https://www.example.com https://*.shop.example']] as const) {
      const res = await s.app.request(path);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("style-src 'self'");
      // Only the kiosk runs a script (its own file); the form pages need none.
      expect(csp.includes("script-src 'self'")).toBe(path.endsWith('/kiosk'));
      expect(csp).not.toMatch(/unsafe-|\*\s*;|data:/);
      expect(csp).toContain(`frame-ancestors ${ancestors}`);
      const html = await res.text();
      expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/);
      expect(html).not.toMatch(/<style|\sstyle=/);
      expect(html).not.toMatch(/\son[a-z]+=/);
    }
    const open = await createPoint();
    expect((await s.app.request(`/c/${open.id}/embed`)).headers.get('content-security-policy')).toContain('frame-ancestors *');
    const css = await s.app.request(/href="(\/c\/assets\/collect\.css\?v=[0-9a-f]+)"/.exec(await (await s.app.request(`/c/${p.id}`)).text())![1]);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toContain('immutable');
  });

  it('the campaign link preselects a score and records nothing until the person sends it', async () => {
    const p = await createPoint({ captureType: 'nps' });
    const link = await s.app.request(`/c/${p.id}/link?score=3`);
    const html = await link.text();
    expect(html).toMatch(/<input class="c-score__input" type="radio" id="score-3" name="score" value="3" checked>/);
    for (const q of ['?score=11', '?score=-1', '?score=abc']) expect(await (await s.app.request(`/c/${p.id}/link${q}`)).text()).not.toContain(' checked');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rowsOf(p.id)).toHaveLength(0);
    const externalId = formId(html);
    await expectNoIntake('web', `${p.id}-${externalId}`);
    const sent = await postForm(`/c/${p.id}/link`, { score: '3', externalId });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Thank you for telling us. We are sorry it was not better');
    const row = await s.eventually(() => rowFor('web', `${p.id}-${externalId}`));
    expect(row).toMatchObject({ channel: 'web', type: 'nps', score: 3, collectionPointId: p.id, locale: null });
  });

  it('shows what is wrong, keeps what was typed, and stores nothing half-way', async () => {
    const p = await createPoint({ commentStep: true, contactStep: 'email' });
    const externalId = formId(await (await s.app.request(`/c/${p.id}`)).text());
    const cases: Array<[Record<string, string>, string]> = [
      [{ comment: 'Cold food' }, 'Please pick a score.'],
      [{ score: '9', comment: 'Cold food' }, 'Please pick a score.'],
      [{ score: '2', email: 'ann@example.com' }, 'Please tick the box to agree to be contacted'],
      [{ score: '2', email: 'not an address', consent: 'yes' }, 'Please enter a valid e-mail address'],
      [{ score: '2', comment: 'bad \u0000 byte' }, 'Please shorten your comment'],
    ];
    for (const [fields, message] of cases) {
      const res = await postForm(`/c/${p.id}`, { ...fields, externalId });
      expect(res.status, message).toBe(400);
      const html = await res.text();
      expect(html).toContain('role="alert"');
      expect(html).toContain(message);
      if (fields.comment === 'Cold food') expect(html).toContain('>Cold food</textarea>');
      expect(html).toContain(`name="externalId" value="${externalId}"`);
    }
    await expectNoIntake('qr', `${p.id}-${externalId}`);
    const ok = await postForm(`/c/${p.id}`, { score: '5', comment: 'Lovely', email: 'bo@example.com', consent: 'yes', externalId });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('Thank you! We are glad you had a good experience.');
    // Sending the same form again (a double tap, a reload) records it once.
    expect((await postForm(`/c/${p.id}`, { score: '5', comment: 'Lovely', email: 'bo@example.com', consent: 'yes', externalId })).status).toBe(200);
    const row = await s.eventually(() => rowFor('qr', `${p.id}-${externalId}`));
    expect(row).toMatchObject({ channel: 'qr', score: 5, comment: 'Lovely', contact: { email: 'bo@example.com' } });
    await new Promise((r) => setTimeout(r, 500));
    expect(await rowsOf(p.id)).toHaveLength(1);
    const tooBig = await postForm(`/c/${p.id}`, { score: '5', comment: 'x'.repeat(20_000), externalId: 'abcdefgh123' });
    expect(tooBig.status).toBe(413);
  });

  it('refuses a post from another site (Origin / Sec-Fetch-Site), storing nothing; its own page may post', async () => {
    const p = await createPoint();
    const externalId = formId(await (await s.app.request(`/c/${p.id}`)).text());
    const attempts: Array<Record<string, string>> = [{ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { origin: 'https://evil.example' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of attempts) {
      const res = await postForm(`/c/${p.id}`, { score: '1', externalId }, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This form can only be sent from its own page. Nothing has been recorded');
    }
    await expectNoIntake('qr', `${p.id}-${externalId}`);
    expect((await postForm(`/c/${p.id}`, { score: '1', externalId }, { origin: 'http://closeloop.test', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('drops a form whose honeypot is filled, thanking the sender all the same', async () => {
    const p = await createPoint();
    const externalId = formId(await (await s.app.request(`/c/${p.id}/embed`)).text());
    const res = await postForm(`/c/${p.id}/embed`, { score: '1', externalId, website: 'http://spam.example' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you for telling us.');
    await expectNoIntake('web', `${p.id}-${externalId}`);
  });

  it('speaks the language asked for (?lang=, else Accept-Language), right-to-left for Arabic, with the admin\'s own question', async () => {
    const p = await createPoint({ captureType: 'smile', texts: { de: { question: 'Wie war es heute bei uns?' } } });
    const ar = await (await s.app.request(`/c/${p.id}?lang=ar`)).text();
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('كيف كانت زيارتك اليوم؟');
    const de = await (await s.app.request(`/c/${p.id}`, { headers: { 'accept-language': 'de-AT, en;q=0.5' } })).text();
    expect(de).toMatch(/<html lang="de" dir="ltr">/);
    expect(de).toContain('Wie war es heute bei uns?');
    expect(de).toContain('>Zufrieden<');
    const fr = await (await s.app.request(`/c/${p.id}?lang=fr`, { headers: { 'accept-language': 'de' } })).text();
    expect(fr).toContain('Comment s’est passée votre visite aujourd’hui ?');
    // The branch's default language comes after the customer's own.
    expect((await s.call('PATCH', '/api/v1/branches/main', { locale: 'es' }, admin)).status).toBe(200);
    expect(await (await s.app.request(`/c/${p.id}`)).text()).toMatch(/<html lang="es" dir="ltr">/);
    expect(await (await s.app.request(`/c/${p.id}`, { headers: { 'accept-language': 'fr' } })).text()).toMatch(/<html lang="fr"/);
    await s.call('PATCH', '/api/v1/branches/main', { locale: null }, admin);
    // The language the customer answered in is kept on their feedback (for later mail to them).
    const externalId = formId(fr);
    expect((await postForm(`/c/${p.id}`, { score: '2', externalId, lang: 'fr' })).status).toBe(200);
    expect(await s.eventually(() => rowFor('qr', `${p.id}-${externalId}`))).toMatchObject({ locale: 'fr', score: 2 });
    // The language links keep the other parameters (a preselected score).
    expect(await (await s.app.request(`/c/${p.id}/link?score=2`)).text()).toContain(`href="/c/${p.id}/link?score=2&#38;lang=es"`);
  });

  it('answers 404 for an unknown point without a word about others', async () => {
    for (const path of ['/c/zzzzzzzzzzzz', '/c/NOT-AN-ID', '/c/zzzzzzzzzzzz/embed']) {
      const res = await s.app.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('This feedback page does not exist or is closed.');
    }
    expect((await postForm('/c/zzzzzzzzzzzz', { score: '1', externalId: 'abcdefgh' })).status).toBe(404);
  });
});

describe('an intake outage', () => {
  it('answers 503 with Retry-After (the kiosk keeps the answer, the page says to try again) and stores nothing', async () => {
    // An API process whose Temporal is unreachable (nothing listens on port 1).
    const connection = Connection.lazy({ address: '127.0.0.1:1' });
    const down = createApp({ db: s.database.db, temporal: new Client({ connection }), config: s.config });
    const p = await createPoint();
    const token = await pairKiosk(p.id);
    const kiosk = await kioskAnswer(p.id, token, { score: 1, externalId: answerId() }, {}, down);
    expect(kiosk.status).toBe(503);
    expect(kiosk.headers.get('retry-after')).toBe('30');
    const page = await postForm(`/c/${p.id}`, { score: '1', externalId: 'outage-form-1' }, {}, down);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('30');
    const html = await page.text();
    expect(html).toContain('We could not save your answer just now. Nothing has been recorded');
    expect(html).toContain('name="externalId" value="outage-form-1"'); // sending again is the same answer
    expect(await rowsOf(p.id)).toHaveLength(0);
    await connection.close();
  }, 60_000);
});

describe('stored counts', () => {
  it('counts only the last 7 days', async () => {
    const p = await createPoint();
    const token = await pairKiosk(p.id);
    await kioskAnswer(p.id, token, { score: 5, externalId: answerId() });
    await kioskAnswer(p.id, token, { score: 5, externalId: answerId(), ageMs: 8 * 86_400_000 });
    await s.eventually(async () => (await rowsOf(p.id)).length === 2);
    const one = await json<CollectionPointView>(await s.call('GET', `/api/v1/collection-points/${p.id}`, undefined, admin));
    expect(one.responsesLast7Days).toBe(1);
    const [{ n }] = await s.database.db.select({ n: sql<number>`count(*)::int` }).from(feedback).where(eq(feedback.collectionPointId, p.id));
    expect(n).toBe(2);
  });
});
