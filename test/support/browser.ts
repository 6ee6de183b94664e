// The app on a free local port and Debian's Chromium (playwright-core), for browser tests.
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../platform/temporal';
import type { Stack } from './stack';

export interface BrowserHarness {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function serveInChromium(s: Stack): Promise<BrowserHarness> {
  const port = await freePort();
  const server = serve({ fetch: s.app.fetch, port, hostname: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'] });
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
