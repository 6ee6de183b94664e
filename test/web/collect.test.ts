// The collection side in a real browser (Chromium) on the real stack: the admin screen, a paired
// kiosk (768×1024) from tap to ticket, a kiosk that loses the network and a response, the QR page at
// 390 px (also in Arabic, right-to-left), the widget inside a page of another origin, and a campaign
// link whose preselected score is recorded only when sent. Every screen is photographed and checked
// by axe-core.
import { createServer, type Server } from 'node:http';
import { and, eq } from 'drizzle-orm';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionPointView } from '../../api/routes/collection-points';
import { feedback } from '../../db/schema';
import { accessibilityViolations, startBrowserStack, type BrowserStack } from '../support/browser';
import { ADMIN } from '../support/stack';
import { PNG } from 'pngjs';

let b: BrowserStack;
let admin: Page;
/** A 120×40 PNG in one colour, as an organisation's logo. */
function logoPng(): Buffer {
  const png = new PNG({ width: 120, height: 40 });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([232, 163, 61, 255], i);
  return PNG.sync.write(png);
}

beforeAll(async () => {
  b = await startBrowserStack();
  admin = await b.signIn(ADMIN.email, ADMIN.password);
  // Branding: the pages carry the organisation's name, logo and accent colour.
  const branding = { displayName: 'Hotel Aurora', accentColor: '#7a1f5c', footer: 'Hotel Aurora · 1 Harbour Street', senderName: '' };
  expect((await b.s.call('PUT', '/api/v1/settings/branding', branding, b.admin)).status).toBe(200);
  const logo = await b.s.app.request('/api/v1/branding/logo', { method: 'PUT', headers: { 'content-type': 'image/png', cookie: b.admin.cookie, 'x-csrf-token': b.admin.csrf }, body: new Uint8Array(logoPng()) });
  expect(logo.status).toBe(200);
});
afterAll(async () => b?.close());

const rowsOf = (pointId: string) => b.s.database.db.select().from(feedback).where(eq(feedback.collectionPointId, pointId));
async function createPoint(body: Record<string, unknown>): Promise<CollectionPointView> {
  const res = await b.s.call('POST', '/api/v1/collection-points', { branch: 'main', service: 'general', ...body }, b.admin);
  expect(res.status).toBe(201);
  return (await res.json()) as CollectionPointView;
}
async function pairingCode(pointId: string): Promise<string> {
  const res = await b.s.call('POST', `/api/v1/collection-points/${pointId}/pairings`, { name: 'Tablet' }, b.admin);
  return ((await res.json()) as { code: string }).code;
}
/** The same page at our test server's address (the point's URLs use PUBLIC_URL). */
const local = (url: string) => url.replace('http://closeloop.test', b.base);
const kioskViewport = { width: 768, height: 1024 };

/** Collects what the browser reports as blocked by the Content-Security-Policy: the pages must need nothing it forbids. */
function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

describe('admin', () => {
  it('creates a point, shows its QR code, links and snippet, and pairs a kiosk', async () => {
    await admin.goto(`${b.base}/admin/collection-points`);
    await admin.getByRole('button', { name: 'New collection point' }).click();
    const form = admin.getByRole('form', { name: 'New collection point' });
    await form.getByLabel('Name').fill('Entrance kiosk');
    await form.getByLabel('Capture type').selectOption('star');
    await form.getByLabel('Ask for a comment').check();
    await form.getByLabel('Contact step').selectOption('email');
    await form.getByLabel('Question (de)').fill('Wie war Ihr Besuch bei uns?');
    await b.shot(admin, 'collection-point-new');
    await form.getByRole('button', { name: 'Create collection point' }).click();
    await admin.getByRole('heading', { name: 'Entrance kiosk', level: 1 }).waitFor();
    const id = /\/admin\/collection-points\/([a-z0-9]+)$/.exec(admin.url())![1];
    expect(await admin.getByLabel('Mobile page (what the QR code opens)').inputValue()).toBe(`http://closeloop.test/c/${id}`);
    expect(await admin.getByLabel('Embed snippet (paste into your website)').inputValue()).toContain(`src="http://closeloop.test/c/${id}/embed"`);
    await admin.getByLabel('Preselected score').selectOption('2');
    expect(await admin.getByLabel('Campaign link (e-mail, SMS)').inputValue()).toBe(`http://closeloop.test/c/${id}/link?score=2`);
    expect(await admin.getByRole('link', { name: 'Download PNG' }).getAttribute('href')).toBe(`/api/v1/collection-points/${id}/qr?format=png`);
    await expect.poll(() => admin.getByRole('img', { name: /^QR code that opens/ }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    await admin.getByLabel('Kiosk name').fill('Tablet at the door');
    await admin.getByRole('button', { name: 'Pair a kiosk' }).click();
    const code = await admin.getByTestId('pairing-code').textContent();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await admin.locator('[data-device="Tablet at the door"]').getByText(/waiting for pairing/).waitFor();
    await b.shot(admin, 'collection-point-detail');
  });
});

describe('kiosk', () => {
  it('pairs with a typed code, then one tap (and the optional steps) opens a ticket; the screen resets', async () => {
    const p = await createPoint({ name: 'Counter', captureType: 'star', commentStep: true, contactStep: 'email' });
    const code = await pairingCode(p.id);
    const page = await b.browser.newPage({ viewport: kioskViewport });
    const blocked = cspViolations(page);
    await page.goto(local(p.urls.kiosk));
    await page.getByRole('heading', { name: 'This kiosk is not paired yet' }).waitFor();
    await b.shot(page, 'kiosk-pair');
    await page.getByLabel('Pairing code').fill('wrong-code');
    await page.getByRole('button', { name: 'Pair this kiosk' }).click();
    await page.getByRole('alert').getByText('This pairing code is not valid or has expired.').waitFor();
    await page.getByLabel('Pairing code').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Pair this kiosk' }).click();
    await page.getByRole('heading', { name: 'How would you rate your visit?' }).waitFor();
    await b.shot(page, 'kiosk-ask', false);

    await page.getByRole('button', { name: '1 of 5 stars' }).click();
    await page.getByLabel('Anything you would like to tell us? (optional)').fill('Nobody at the counter for 20 minutes');
    await b.shot(page, 'kiosk-comment', false);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByLabel('E-mail').fill('kim@example.com');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByRole('alert').getByText('Please tick the box to agree to be contacted').waitFor();
    await page.getByLabel(/may contact me about this feedback/).check();
    await b.shot(page, 'kiosk-contact', false);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for telling us. We are sorry it was not better').waitFor();
    await b.shot(page, 'kiosk-thanks', false);

    const row = await b.s.eventually(async () => (await rowsOf(p.id)).find((r) => r.ticketNumber));
    expect(row).toMatchObject({ channel: 'kiosk', score: 1, comment: 'Nobody at the counter for 20 minutes', contact: { email: 'kim@example.com' }, outcome: 'ticket' });
    const ticket = await b.s.eventually(async () => {
      const res = await b.s.call('GET', `/api/v1/tickets/${row.ticketNumber}`, undefined, b.admin);
      return res.status === 200 ? ((await res.json()) as { channel: string; status: string }) : null;
    });
    expect(ticket).toMatchObject({ channel: 'kiosk', status: 'new' });
    // The thank-you screen gives way to the question again, fields emptied, for the next customer.
    await page.getByRole('heading', { name: 'How would you rate your visit?' }).waitFor({ timeout: 20_000 }); // data-reset-ms 5 s; well under the 45 s idle reset
    await page.getByRole('button', { name: '5 of 5 stars' }).click();
    expect(await page.getByLabel('Anything you would like to tell us? (optional)').inputValue()).toBe('');
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('keeps answers through a network drop and a lost response: exactly one feedback per tap', async () => {
    const p = await createPoint({ name: 'Lobby', captureType: 'smile' });
    const code = (await pairingCode(p.id)).replace('-', '');
    const context = await b.browser.newContext({ viewport: kioskViewport });
    const page = await context.newPage();
    await page.goto(`${local(p.urls.kiosk)}#pair=${code}`); // the pairing link
    await page.getByRole('heading', { name: 'How was your visit today?' }).waitFor();
    expect(page.url()).not.toContain('#pair'); // the code leaves the address bar
    const queued = () => page.evaluate(() => JSON.parse(localStorage.getItem('closeloop.kiosk.queue') ?? '[]').length as number);
    const tap = async (label: string) => {
      await page.getByRole('heading', { name: 'How was your visit today?' }).waitFor({ timeout: 20_000 }); // data-reset-ms 5 s; well under the 45 s idle reset
      await page.getByRole('button', { name: label, exact: true }).click();
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
    };

    await context.setOffline(true);
    await tap('Unhappy');
    await tap('Happy');
    expect(await queued()).toBe(2);
    await page.getByRole('status').getByText('Offline: answers are kept on this device').waitFor();
    await b.shot(page, 'kiosk-offline', false);
    expect(await rowsOf(p.id)).toHaveLength(0);
    await context.setOffline(false);
    await b.s.eventually(async () => (await rowsOf(p.id)).length === 2);
    await expect.poll(queued).toBe(0);

    // The server takes the next answer but its response never arrives: the kiosk sends it again, and
    // the server recognises the id.
    let cut = 0;
    await page.route('**/api/v1/collect/*/answers', async (route) => {
      if (cut++ === 0) {
        await route.fetch(); // reaches the server …
        return route.abort('connectionreset'); // … the answer is lost on the way back
      }
      return route.continue();
    });
    await tap('Okay');
    await b.s.eventually(async () => cut >= 2 && (await queued()) === 0, 20_000);
    // Rows are written by the intake workflows, after the answers: wait for the third, then give a
    // duplicate (had the resend not been recognised) time to land too.
    await b.s.eventually(async () => (await rowsOf(p.id)).length >= 3);
    await new Promise((r) => setTimeout(r, 1000));
    const rows = await rowsOf(p.id);
    expect(rows.map((r) => r.score).sort()).toEqual([0, 1, 2]);
    expect(new Set(rows.map((r) => r.externalId)).size).toBe(3);
    await context.close();
  });
});

describe('QR page, widget and campaign link', () => {
  it('the QR page works at 390 px: errors named, answer sent, thank-you shown', async () => {
    const p = await createPoint({ name: 'Terrace', captureType: 'nps', commentStep: true, contactStep: 'email_or_phone' });
    const page = await b.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const blocked = cspViolations(page);
    await page.goto(local(p.urls.qr));
    await page.getByRole('heading', { name: 'How likely are you to recommend Hotel Aurora to a friend or colleague?' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390); // nothing sideways
    // Branded: the name and logo in the header, the accent colour on the button, the footer.
    await page.getByRole('banner').getByText('Hotel Aurora').waitFor();
    expect(await page.getByRole('banner').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    expect(await page.getByRole('button', { name: 'Send' }).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(122, 31, 92)');
    await page.getByText('Hotel Aurora · 1 Harbour Street').waitFor();
    await b.shot(page, 'qr-page');
    await page.getByLabel('Anything you would like to tell us? (optional)').fill('Great view, slow drinks');
    await page.getByLabel('Phone').fill('+49 30 1234567');
    await page.getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('Please pick a score.').waitFor();
    await alert.getByText('Please tick the box to agree to be contacted').waitFor();
    expect(await page.getByLabel('Anything you would like to tell us? (optional)').inputValue()).toBe('Great view, slow drinks');
    await b.shot(page, 'qr-page-errors');
    expect(await rowsOf(p.id)).toHaveLength(0);
    await page.getByText('8', { exact: true }).click();
    await page.getByLabel(/may contact me about this feedback/).check();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    await b.shot(page, 'qr-page-thanks');
    const [row] = await b.s.eventually(async () => {
      const rows = await rowsOf(p.id);
      return rows.length ? rows : null;
    });
    expect(row).toMatchObject({ channel: 'qr', type: 'nps', score: 8, comment: 'Great view, slow drinks', contact: { phone: '+49301234567' } });
    expect(blocked).toEqual([]);
    await page.close();
  });

  it('renders right-to-left in Arabic', async () => {
    const p = await createPoint({ name: 'Café', captureType: 'smile', commentStep: true });
    const page = await b.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${local(p.urls.qr)}?lang=ar`);
    await page.getByRole('heading', { name: 'كيف كانت زيارتك اليوم؟' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.dir, getComputedStyle(document.body).direction])).toEqual(['rtl', 'rtl']);
    // The scale runs from the right: the first option (unhappy) sits right of the last (happy).
    const [first, last] = await Promise.all(['score-0', 'score-2'].map((id) => page.locator(`label[for="${id}"]`).boundingBox()));
    expect(first!.x).toBeGreaterThan(last!.x);
    await b.shot(page, 'qr-page-ar');
    await page.close();
  });

  it('the widget works inside a page of another origin, and only on the sites the admin allowed', async () => {
    const open = await createPoint({ name: 'Website', captureType: 'star' });
    const restricted = await createPoint({ name: 'Partner site', captureType: 'star', embedOrigins: ['https://partner.example'] });
    const shop: Server = createServer((req, res) => {
      const src = req.url === '/restricted' ? restricted.urls.embed : open.urls.embed;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(`<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Our shop</h1><iframe src="${local(src)}" title="Feedback" width="420" height="560"></iframe></main></body></html>`);
    });
    await new Promise<void>((r) => shop.listen(0, '127.0.0.1', () => r()));
    const shopUrl = `http://127.0.0.1:${(shop.address() as { port: number }).port}`;
    expect(new URL(shopUrl).origin).not.toBe(new URL(b.base).origin);
    try {
      const page = await b.browser.newPage({ viewport: { width: 1024, height: 800 } });
      await page.goto(shopUrl);
      const widget = page.frameLocator('iframe[title="Feedback"]');
      await widget.getByRole('heading', { name: 'How would you rate your visit?' }).waitFor();
      const frame = page.frames().find((f) => f.url().includes('/embed')) as Frame;
      expect(await accessibilityViolations(frame)).toEqual([]);
      await widget.getByText('4', { exact: true }).click();
      await widget.getByRole('button', { name: 'Send' }).click();
      await widget.getByText('Thank you! We are glad you had a good experience.').waitFor();
      await page.screenshot({ path: 'data/screenshots/widget-on-another-site.png' });
      const [row] = await b.s.eventually(async () => {
        const rows = await rowsOf(open.id);
        return rows.length ? rows : null;
      });
      expect(row).toMatchObject({ channel: 'web', score: 4 });

      // frame-ancestors: a site that is not on the point's list gets no widget.
      await page.goto(`${shopUrl}/restricted`);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await page.frameLocator('iframe[title="Feedback"]').locator('form').count()).toBe(0);
      await page.close();
    } finally {
      await new Promise<void>((r) => shop.close(() => r()));
    }
  });

  it('the campaign link opens with the score chosen and records nothing until Send', async () => {
    const p = await createPoint({ name: 'Newsletter', captureType: 'star' });
    const page = await b.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${local(p.urls.link)}?score=2`);
    expect(await page.getByRole('radio', { name: '2 of 5 stars' }).isChecked()).toBe(true);
    await b.shot(page, 'campaign-link');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await rowsOf(p.id)).toHaveLength(0);
    await page.getByText('3', { exact: true }).click(); // a changed mind counts, not the link's score
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Thank you for your feedback.').waitFor();
    const [row] = await b.s.eventually(async () => {
      const rows = await rowsOf(p.id);
      return rows.length ? rows : null;
    });
    expect(row).toMatchObject({ channel: 'web', score: 3 });
    expect(await b.s.database.db.select().from(feedback).where(and(eq(feedback.collectionPointId, p.id), eq(feedback.score, 2)))).toHaveLength(0);

    await admin.goto(`${b.base}/admin/collection-points`);
    await expect.poll(() => admin.locator('[data-point="Newsletter"] td').nth(2).textContent()).toBe('1');
    await b.shot(admin, 'collection-points-list');
    await page.close();
  });
});
