// The CSAT survey page in Chromium: opened from the mail's link (answer preselected, nothing recorded),
// answered only by the form post, at phone width, under its strict CSP (no violation), axe-clean, in
// English and in Arabic right-to-left with faces for smile feedback. Screenshots in data/screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taxonomyEntries } from '../../db/schema';
import { startBrowserStack, type BrowserStack } from '../support/browser';

let env: BrowserStack;
beforeAll(async () => {
  env = await startBrowserStack();
});
afterAll(async () => env?.close());

const json = async <T>(r: Response) => (await r.json()) as T;
type Ticket = { status: string; csat: { score: number | null; comment: string | null } | null };
const ticket = async (n: number) => json<Ticket>(await env.s.call('GET', `/api/v1/tickets/${n}`, undefined, env.admin));

async function surveyLink(externalId: string, email: string, over: Record<string, unknown>) {
  const { s, admin } = env;
  const fb = { channel: 'qr', type: 'star', score: 2, comment: 'Room was not cleaned', contact: { name: 'Guest', email }, branch: 'main', externalId, ...over };
  const n = await s.ticketNumberOf(await s.postFeedback(fb, '?wait=true'), fb);
  await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
  const tax = await s.database.db.select().from(taxonomyEntries);
  expect((await s.call('POST', `/api/v1/tickets/${n}/resolve`, { rootCauseId: tax.find((t) => t.kind === 'root_cause')!.id, actionId: tax.find((t) => t.kind === 'action')!.id }, admin)).status).toBe(200);
  const mail = await s.smtp.waitFor((m) => m.envelopeTo.includes(email) && /\/csat\//.test(m.parsed.text ?? ''));
  const paths = [...(mail.parsed.text ?? '').matchAll(/http:\/\/closeloop\.test(\/csat\/\S+)/g)].map((m) => m[1]);
  await s.eventually(async () => (await ticket(n)).csat !== null);
  return { n, paths };
}

/** A phone-sized page that records every Content-Security-Policy violation the browser reports. */
async function phonePage(locale: string): Promise<{ page: Page; violations: string[] }> {
  const page = await env.browser.newPage({ viewport: { width: 390, height: 844 }, locale });
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return { page, violations };
}

/** axe needs to inject its script, which this page's CSP forbids: a second page bypassing CSP runs it. */
async function axeShot(url: string, name: string, locale: string) {
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true, locale });
  const page = await context.newPage();
  await page.goto(url);
  await env.shot(page, name);
  await context.close();
}

describe('CSAT survey page', () => {
  it('in English: preselected from the link, recorded only when sent, an apology for a 1', async () => {
    const { n, paths } = await surveyLink('web-csat-en', 'ellen@example.com', {});
    expect(paths).toHaveLength(5);
    const { page, violations } = await phonePage('en-GB');
    const two = paths.find((p) => p.endsWith('?score=2'))!;
    await page.goto(env.base + two);
    await expect.poll(() => page.getByRole('radio', { name: '2 Unhappy', exact: true }).isChecked()).toBe(true);
    expect(await page.locator('html').getAttribute('dir')).toBe('ltr');
    expect((await ticket(n)).csat?.score).toBeNull(); // opening the link recorded nothing
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // no sideways scrolling on a phone
    await axeShot(env.base + two, 'csat-en', 'en-GB');

    await page.locator('label[for="score-1"]').click(); // the label is the tap target; the radio inside is visually hidden
    expect(await page.getByRole('radio', { name: '1 Very unhappy' }).isChecked()).toBe(true);
    await page.getByLabel('Anything you would like to add? (optional)').fill('Still not cleaned today');
    await page.getByRole('button', { name: 'Send my answer' }).click();
    await page.getByRole('heading', { name: 'We are sorry' }).waitFor();
    expect(await page.textContent('main')).toContain('We have recorded your answer (1 of 5 – Very unhappy)');
    expect(violations).toEqual([]);
    expect((await ticket(n)).csat).toMatchObject({ score: 1, comment: 'Still not cleaned today' });
    await axeShot(page.url(), 'csat-en-on-record', 'en-GB'); // the page now says what is on record
    await page.close();
  });

  it('in Arabic: right-to-left, faces for smile feedback, the answer in Arabic', async () => {
    const { n, paths } = await surveyLink('web-csat-ar', 'layla@example.com', { type: 'smile', score: 0, locale: 'ar' });
    expect(paths).toHaveLength(3);
    const { page, violations } = await phonePage('ar');
    await page.goto(env.base + paths[0]);
    const html = page.locator('html');
    expect(await html.getAttribute('dir')).toBe('rtl');
    expect(await html.getAttribute('lang')).toBe('ar');
    await page.getByRole('heading', { name: 'رأيك' }).waitFor();
    // Right to left: the first face (unhappy) sits to the right of the last (happy).
    const unhappy = (await page.locator('label[for="score-1"]').boundingBox())!;
    const happy = (await page.locator('label[for="score-5"]').boundingBox())!;
    expect(unhappy.x).toBeGreaterThan(happy.x);
    expect(await page.getByRole('radio', { name: 'غير راضٍ' }).isChecked()).toBe(true);
    await axeShot(env.base + paths[0], 'csat-ar-rtl', 'ar');
    await page.locator('label[for="score-5"]').click();
    await page.getByRole('button', { name: 'أرسل إجابتي' }).click();
    await page.getByRole('heading', { name: 'شكرًا لك!' }).waitFor();
    expect(violations).toEqual([]);
    expect((await ticket(n)).csat?.score).toBe(5);
    await page.close();
  });
});
