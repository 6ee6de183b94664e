// The integration screens in Chromium: API tokens on the account page (secret once, last use, revoke),
// the Webhooks admin screen (subscribe, delivery log, redeliver, the paused notice and resume),
// delivering to a loopback receiver, and the Google screen (connect through the local stand-in for Google,
// then map a listed location to a branch). Screens are photographed and checked by axe.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { googleLocations } from '../../db/schema';
import { parseAllowList } from '../../domain/webhook-target';
import type { GoogleOAuthConfig } from '../../platform/config';
import { freePort } from '../../platform/temporal';
import { startFakeGoogleBusiness, type FakeGoogleBusiness } from '../support/google-business';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN } from '../support/stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

let b: BrowserStack;
let rx: WebhookReceiver;
let g: FakeGoogleBusiness;
let page: Page;

beforeAll(async () => {
  rx = await startWebhookReceiver();
  g = await startFakeGoogleBusiness();
  const port = await freePort();
  const oauth: GoogleOAuthConfig = {
    clientId: g.oauthClient.clientId,
    clientSecret: g.oauthClient.clientSecret,
    redirectUrl: `http://127.0.0.1:${port}/api/v1/integrations/google/callback`,
    authorizationUrl: g.authorizationUrl,
    tokenUrl: g.tokenUrl,
    tokenKey: randomBytes(32),
  };
  const google = { baseUrl: g.url, token: null, backfillDays: 7 };
  b = await startBrowserStack({
    port,
    webhooks: { allowList: parseAllowList('127.0.0.1'), retry: { maximumAttempts: 2, initialIntervalMs: 100, maximumIntervalMs: 200 } },
    activityDeps: { google: { ...google, oauth } },
    config: { google: { ...google, locations: [], pollSeconds: 30 * 86_400 }, googleOAuth: oauth, googleApis: { accountManagement: g.url, businessInformation: g.url } },
  });
  page = await b.signIn(ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await b?.close();
  await rx?.close();
  await g?.close();
});

const feedback = (externalId: string) => b.s.postFeedback({ channel: 'web', type: 'star', score: 1, comment: 'Slow service', branch: 'main', externalId }, '?wait=true');

describe('API tokens on the account page', () => {
  it('creates a token shown once, shows its last use, and revokes it', async () => {
    await page.goto(`${b.base}/account`);
    const form = page.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Token name').fill('BI export');
    await form.getByRole('checkbox', { name: /reports:read/ }).check();
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = (await page.getByTestId('new-secret').textContent())!;
    expect(secret).toMatch(/^clt_/);
    await b.shot(page, 'api-token-created');
    await page.getByRole('button', { name: 'Done' }).click();
    expect(await page.getByTestId('new-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    const call = () => b.s.call('GET', '/api/v1/reports/dashboard', undefined, null, { authorization: `Bearer ${secret}` });
    expect((await call()).status).toBe(200);
    await page.reload();
    const row = page.locator('[data-token="BI export"]');
    await row.waitFor();
    expect(await row.locator('td').nth(3).textContent()).not.toBe('–'); // last used
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByRole('button', { name: 'Revoke BI export' }).click();
    await row.getByText(/revoked/).waitFor();
    expect((await call()).status).toBe(401);
  });
});

describe('webhooks admin screen', () => {
  it('subscribes, logs deliveries, redelivers, shows a paused subscription and resumes it', async () => {
    await page.goto(`${b.base}/admin/webhooks`);
    const form = page.getByRole('form', { name: 'New webhook subscription' });
    await form.getByLabel('Endpoint URL').fill(rx.url);
    await form.getByLabel('Description').fill('Data warehouse');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    expect(await page.getByTestId('new-secret').textContent()).toMatch(/^whsec_/);
    await b.shot(page, 'webhooks-subscribed');
    await page.getByRole('button', { name: 'Done' }).click();

    await feedback('ui-1');
    await b.s.eventually(async () => rx.received.some((h) => h.json.type === 'ticket.created'));
    const row = page.locator(`[data-webhook="${rx.url}"]`);
    await row.getByRole('button', { name: 'Delivery log' }).click();
    const created = rx.received.find((h) => h.json.type === 'ticket.created')!.json.id;
    const logRow = page.locator(`[data-event="${created}"]`);
    await logRow.getByText('delivered').waitFor();
    expect(await logRow.locator('td').nth(2).textContent()).toBe('200');
    await b.shot(page, 'webhooks-delivery-log');
    await logRow.getByRole('button', { name: `Redeliver ${created}` }).click();
    await b.s.eventually(async () => rx.received.filter((h) => h.json.id === created).length === 2);

    rx.status = 503;
    await feedback('ui-2');
    await page.getByRole('alert').filter({ hasText: 'A webhook subscription is paused' }).waitFor({ timeout: 30_000 });
    await b.shot(page, 'webhooks-paused');
    const notice = await b.s.smtp.waitFor((m) => /Webhook paused/.test(m.parsed.subject ?? ''));
    expect(notice.parsed.text).toContain('/admin/webhooks');

    rx.status = 200;
    await row.getByRole('button', { name: 'Resume' }).click();
    await b.s.eventually(async () => (await page.getByRole('alert').filter({ hasText: 'paused' }).count()) === 0);
    await b.s.eventually(async () => rx.received.filter((h) => h.answered === 200 && h.json.type === 'ticket.created').length === 3);
  });
});

describe('Google admin screen', () => {
  it('asks to connect, connects, shows an empty list, then maps a listed location to a branch', async () => {
    await page.goto(`${b.base}/admin/integrations`);
    const unavailable = page.getByTestId('google-locations-unavailable');
    await unavailable.waitFor();
    expect(await unavailable.textContent()).toContain('Connect a Google account');
    await b.shot(page, 'google-locations-not-connected');

    // Google's consent screen answers at once and sends the browser back to our callback.
    await page.getByRole('button', { name: 'Connect Google account' }).click();
    await page.waitForURL(/\/admin\/integrations\?google=connected/);
    await page.getByText('The Google account is connected.').waitFor();
    await page.getByTestId('google-locations-empty').waitFor();

    g.addAccount('accounts/111', 'Harbour Cafés');
    g.addLocation('accounts/111', { name: 'locations/222', title: 'Harbour Café Quay', storefrontAddress: { regionCode: 'GB', locality: 'Bristol', addressLines: ['1 The Quay'] } });
    g.addLocation('accounts/111', { name: 'locations/333', title: 'Harbour Café Station', storefrontAddress: { regionCode: 'GB', locality: 'Bristol' } });
    g.listPageSize = 1; // two pages of locations
    await page.reload();
    const row = page.locator('[data-location="accounts/111/locations/222"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('1 The Quay, Bristol, GB');
    expect(await row.getByTestId('google-location-effective').textContent()).toBe('Not read');
    expect(await page.locator('[data-location="accounts/111/locations/333"]').count()).toBe(1);

    await page.getByLabel('Branch for Harbour Café Quay').selectOption('main');
    await page.getByRole('status').filter({ hasText: 'Harbour Café Quay: reviews are filed under' }).waitFor();
    await b.s.eventually(async () => (await row.getByTestId('google-location-effective').textContent())?.startsWith('Read, filed under'));
    expect(await row.locator('td').nth(4).textContent()).not.toBe('–'); // who mapped it, and when
    await b.shot(page, 'google-locations-mapped');
    const [stored] = await b.s.database.db.select().from(googleLocations).where(eq(googleLocations.name, 'accounts/111/locations/222'));
    expect(stored).toMatchObject({ branchId: 'main', mappedBy: b.s.adminId });

    // Back to "Not mapped": its reviews are no longer read.
    await page.getByLabel('Branch for Harbour Café Quay').selectOption({ label: 'Not mapped (reviews not read)' });
    await b.s.eventually(async () => (await row.getByTestId('google-location-effective').textContent()) === 'Not read');
    const [unmapped] = await b.s.database.db.select().from(googleLocations).where(eq(googleLocations.name, 'accounts/111/locations/222'));
    expect(unmapped).toMatchObject({ branchId: null, mappedBy: b.s.adminId });
  });
});
