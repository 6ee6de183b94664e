// Security headers (api/security-headers.ts): the built agent UI runs under the strict CSP without a
// single violation — every screen, the TOTP enrolment's QR code and the sign-in code step included —;
// it cannot be framed; the embeddable widget keeps its own policy and still loads in another origin's
// frame; HSTS is sent only behind https.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import { APP_CSP } from '../../api/security-headers';
import { ADMIN } from '../support/stack';
import { startBrowserStack, type BrowserStack } from '../support/browser';

let env: BrowserStack;
beforeAll(async () => {
  env = await startBrowserStack();
});
afterAll(async () => env?.close());

/** Records CSP violations two ways: the DOM event (registered before any page script) and the console. */
async function watch(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return violations;
}

const SCREENS = ['/', '/tickets', '/reports', '/macros', '/account', '/admin/users', '/admin/branches', '/admin/calendars', '/admin/rules', '/admin/taxonomies', '/admin/collection-points', '/admin/intake-keys', '/admin/webhooks', '/admin/settings', '/admin/templates', '/admin/branding'];

describe('security headers', () => {
  it('every agent screen runs under the strict CSP with no violation', async () => {
    const fb = { channel: 'kiosk', type: 'star', score: 1, comment: 'Cold soup', branch: 'main', externalId: 'csp-1' };
    const ticketNumber = await env.s.ticketNumberOf(await env.s.postFeedback(fb, '?wait=true'), fb);
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations = await watch(page);
    const res = await page.goto(env.base + '/');
    expect(res!.headers()['content-security-policy']).toBe(APP_CSP);
    expect(res!.headers()['x-frame-options']).toBe('DENY');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    for (const path of [...SCREENS, `/tickets/${ticketNumber}`]) {
      await page.goto(env.base + path);
      await page
        .getByRole('heading')
        .first()
        .waitFor()
        .catch((e: Error) => {
          throw new Error(`${path}: ${e.message}`);
        });
      await page.waitForLoadState('networkidle');
    }
    expect(violations).toEqual([]);
    await page.close();
  });

  it('enrols an authenticator (QR code as a data: image) and signs in with the code step, without violations', async () => {
    const user = await env.createUser({ email: 'totp-ui@test.local', name: 'Tess', role: 'admin', branches: ['main'], password: 'tess-password-1' });
    const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const violations = await watch(page);
    await page.goto(env.base + '/account');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    const qr = page.getByRole('img', { name: /QR code for your authenticator app/ });
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const secret = (await page.locator('code').first().textContent())!.trim();
    await page.getByLabel('Code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('Two-step sign-in is on').waitFor();
    await env.shot(page, 'account-totp-on');
    await page.getByRole('button', { name: 'Sign out' }).click();

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Authenticator code');
    await code.waitFor();
    await env.shot(page, 'sign-in-totp-step');
    await code.fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('the agent UI cannot be framed; the widget can, by the sites it names', async () => {
    const admin = env.admin;
    const created = await env.s.call('POST', '/api/v1/collection-points', { name: 'Web', branch: 'main', service: 'general', captureType: 'star', embedOrigins: ['http://partner.test'] }, admin);
    expect(created.status).toBe(201);
    const point = (await created.json()) as { id: string };
    const headers = async (path: string) => (await env.s.app.request(path)).headers;
    const widget = await headers(`/c/${point.id}/embed`);
    expect(widget.get('content-security-policy')).toContain('frame-ancestors http://partner.test');
    expect(widget.get('x-frame-options')).toBeNull();
    const qr = await headers(`/c/${point.id}`);
    expect(qr.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(qr.get('x-frame-options')).toBe('DENY');
    for (const path of ['/api/v1/auth/methods', '/api/v1/openapi.json', '/tickets', '/public/page.css']) {
      const h = await headers(path);
      expect(h.get('x-content-type-options'), path).toBe('nosniff');
      expect(h.get('referrer-policy'), path).toBeTruthy();
      expect(h.get('strict-transport-security'), path).toBeNull(); // http here
    }
    // A page of another origin framing both: the widget renders, the agent UI does not.
    const open = (await (await env.s.call('POST', '/api/v1/collection-points', { name: 'Open', branch: 'main', service: 'general', captureType: 'star' }, admin)).json()) as { id: string };
    const site: Server = createServer((_, res) => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><iframe id="widget" src="${env.base}/c/${open.id}/embed" title="w"></iframe><iframe id="agent" src="${env.base}/" title="a"></iframe></body></html>`);
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
    const page = await env.browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
      await page.frameLocator('#widget').getByRole('button', { name: 'Send' }).waitFor();
      await page.waitForTimeout(1500);
      expect(await page.frameLocator('#agent').getByLabel('Email').count()).toBe(0);
      expect(await page.frameLocator('#agent').locator('#root').count()).toBe(0);
    } finally {
      await new Promise<void>((r) => site.close(() => r()));
    }
    await page.close();
  });

  it('HSTS behind https, with its configured max-age; the API docs page passes the CSP too', async () => {
    const https = createApp({ db: env.s.database.db, temporal: env.s.temporal.env.client, config: { ...env.s.config, publicUrl: 'https://cl.example', HSTS_MAX_AGE: 600 } });
    expect((await https.request('/api/v1/auth/methods')).headers.get('strict-transport-security')).toBe('max-age=600; includeSubDomains');
    const off = createApp({ db: env.s.database.db, temporal: env.s.temporal.env.client, config: { ...env.s.config, publicUrl: 'https://cl.example', HSTS_MAX_AGE: 0 } });
    expect((await off.request('/api/v1/auth/methods')).headers.get('strict-transport-security')).toBeNull();
    const page = await env.browser.newPage();
    const violations = await watch(page);
    await page.goto(env.base + '/api/v1/docs');
    await page.getByRole('heading', { name: 'Closeloop API' }).waitFor();
    expect(await page.locator('.m').first().evaluate((e) => getComputedStyle(e).fontFamily)).toContain('monospace');
    expect(violations).toEqual([]);
    await page.close();
  });
});
