// Branding on the real stack: the admin sets it (contrast-checked accent, logo upload limits by bytes
// and size), every process serves the logo from Postgres, and customer mail (real SMTP) carries it:
// sender name, logo, accent, footer in HTML and text, in the customer's language and direction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGO_MAX_BYTES } from '../../domain/branding';
import { createApp } from '../../api/app';
import { startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const json = async <T = Record<string, unknown>>(r: Response) => (await r.json()) as T;
type ErrorBody = { error: { code: string; message: string; details?: { fields: Array<{ path: string; message: string }> } } };
type BrandingView = { displayName: string; accentColor: string; footer: string; senderName: string; logoPath: string | null; cssPath: string; fromName: string };
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const upload = (body: Uint8Array, type = 'image/png') => s.app.request('/api/v1/branding/logo', { method: 'PUT', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': type }, body: new Uint8Array(body) });

describe('branding', () => {
  it('validates the text fields, naming the field, and stores nothing half-way', async () => {
    const pale = await s.call('PUT', '/api/v1/settings/branding', { displayName: 'Hotel Example', accentColor: '#ffd33d', footer: '', senderName: '' }, admin);
    expect(pale.status).toBe(400);
    const body = await json<ErrorBody>(pale);
    expect(body.error.details!.fields).toEqual([{ path: 'accentColor', message: expect.stringContaining('4.5:1') }]);
    expect((await s.call('PUT', '/api/v1/settings/branding', { displayName: '', accentColor: '#0b5cad', footer: '', senderName: '' }, admin)).status).toBe(400);
    expect((await json<BrandingView>(await s.call('GET', '/api/v1/branding', undefined, admin))).displayName).toBe('Closeloop');
    const ok = await s.call('PUT', '/api/v1/settings/branding', { displayName: 'Hotel Example', accentColor: '#7A1F5C', footer: 'Hotel Example · Damrak 1\n1012 AB Amsterdam', senderName: 'Hotel Example Guest Care' }, admin);
    expect(ok.status).toBe(200);
    expect((await json<BrandingView>(await s.call('GET', '/api/v1/branding', undefined, admin))).accentColor).toBe('#7a1f5c');
    expect(await (await s.app.request('/public/brand.css')).text()).toContain('--accent:#7a1f5c');
  });

  it('takes a logo checked by its bytes and size; any API process serves it', async () => {
    const svg = await upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/png');
    expect(svg.status).toBe(400);
    expect((await json<ErrorBody>(svg)).error.details!.fields[0]).toMatchObject({ path: 'logo', message: expect.stringContaining('image/png') });
    const huge = Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]);
    const tooBig = await upload(huge);
    expect(tooBig.status).toBe(413);
    expect((await json<ErrorBody>(tooBig)).error.message).toContain(`${LOGO_MAX_BYTES}`);
    expect((await json<BrandingView>(await s.call('GET', '/api/v1/branding', undefined, admin))).logoPath).toBeNull(); // nothing stored
    const ok = await upload(PNG);
    expect(ok.status).toBe(200);
    const { logoPath } = await json<BrandingView>(ok);
    expect(logoPath).toMatch(/^\/public\/logo\/[0-9a-f]{64}$/);
    // A second API process (same database) serves the same bytes: nothing lives on one process's disk.
    const other = createApp({ db: s.database.db, temporal: s.temporal.env.client, config: s.config });
    const img = await other.request(logoPath!);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await other.request('/public/logo/' + 'f'.repeat(64))).status).toBe(404);
    expect((await s.call('PUT', '/api/v1/branding/logo', undefined, null)).status).toBe(401);
  });

  it('dresses customer mail: sender name, logo, accent and footer, in the customer language and direction', async () => {
    const fb = { channel: 'web', type: 'star', score: 1, comment: 'لا أحد رد على الهاتف', contact: { name: 'Layla', email: 'layla@example.com' }, branch: 'main', externalId: 'brand-ar', locale: 'ar' };
    const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
    expect((await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'نعتذر عن الإزعاج.', visibility: 'public' }, admin)).status).toBe(200);
    const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes('layla@example.com'));
    const p = mail.parsed;
    expect(p.from?.value[0]).toEqual({ name: 'Hotel Example Guest Care', address: 'support@closeloop.test' });
    expect(p.subject).toBe(`ملاحظاتك حول Main branch [#${n}]`);
    const html = String(p.html);
    expect(html).toMatch(/<html lang="ar" dir="rtl">/);
    expect(html).toMatch(/<img src="http:\/\/closeloop\.test\/public\/logo\/[0-9a-f]{64}"/);
    expect(html).toContain('border-top:4px solid #7a1f5c');
    expect(html).toContain('Hotel Example · Damrak 1<br>1012 AB Amsterdam');
    expect(p.text).toContain('نعتذر عن الإزعاج.');
    expect(p.text).toContain('— Admin، Hotel Example');
    expect(p.text?.trimEnd().endsWith('-- \nHotel Example · Damrak 1\n1012 AB Amsterdam')).toBe(true);
    expect(`${p.subject}${p.text}${html}`).not.toContain('لا أحد رد على الهاتف'); // the customer's words (the internal title) never go back
  });
});
