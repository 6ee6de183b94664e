// The integration screens in Chromium: API tokens on the account page (secret once, last use, revoke)
// and the Webhooks admin screen (subscribe, delivery log, redeliver, the paused notice and resume),
// delivering to a loopback receiver. Screens are photographed and checked by axe.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../domain/webhook-target';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN } from '../support/stack';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

let b: BrowserStack;
let rx: WebhookReceiver;
let page: Page;

beforeAll(async () => {
  rx = await startWebhookReceiver();
  b = await startBrowserStack({ webhooks: { allowList: parseAllowList('127.0.0.1'), retry: { maximumAttempts: 2, initialIntervalMs: 100, maximumIntervalMs: 200 } } });
  page = await b.signIn(ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await b?.close();
  await rx?.close();
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
