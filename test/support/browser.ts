// The real stack served over HTTP on a free port, and Debian's Chromium (playwright-core) to drive it.
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { freePort } from '../../platform/temporal';
import { startStack, type Session, type Stack } from './stack';

export const SHOTS = 'data/screenshots';

export interface BrowserStack {
  s: Stack;
  base: string;
  browser: Browser;
  admin: Session;
  close(): Promise<void>;
}

export async function startBrowserStack(opts: Parameters<typeof startStack>[0] = {}): Promise<BrowserStack> {
  mkdirSync(SHOTS, { recursive: true });
  const s = await startStack(opts);
  const admin = await s.login();
  const port = await freePort();
  const server = serve({ fetch: s.app.fetch, port, hostname: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'] });
  return {
    s,
    base: `http://127.0.0.1:${port}`,
    browser,
    admin,
    close: async () => {
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      await s.teardown();
    },
  };
}
