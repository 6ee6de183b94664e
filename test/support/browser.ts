// The real stack served over HTTP to Debian's Chromium (playwright-core): one stack and one browser
// per test file. Needs the built web UI (npm run build:web), as in production.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { User, UserInput } from '../../api/routes/users';
import { freePort } from '../../platform/temporal';
import { startStack, type Session, type Stack } from './stack';

export const SHOTS = 'data/screenshots';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: string | null = null;

/** WCAG 2 A/AA problems axe-core finds on the page (or one frame of it) as it is now (labels, names, contrast, ARIA). */
export async function accessibilityViolations(page: Page | Frame): Promise<string[]> {
  // Evaluated, not added as a <script>: pages under a strict Content-Security-Policy (the public pages)
  // refuse inline scripts, but not the browser's own evaluation.
  await page.evaluate((axeSource ??= readFileSync(AXE, 'utf8')));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

export interface BrowserStack {
  s: Stack;
  admin: Session;
  base: string;
  browser: Browser;
  /** A new page signed in as this user, on the given path. */
  signIn(email: string, password: string, opts?: { viewport?: { width: number; height: number }; path?: string }): Promise<Page>;
  /** Creates a user through the admin API. */
  createUser(input: Omit<UserInput, 'password'> & { password?: string }): Promise<User & { password: string }>;
  /** Saves a screenshot of the screen and fails on any WCAG A/AA violation axe-core finds on it. */
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** `port`: serve there (a test that must know the URL beforehand, e.g. for an OIDC redirect URL). */
export async function startBrowserStack(opts: Parameters<typeof startStack>[0] & { port?: number } = {}): Promise<BrowserStack> {
  if (!existsSync('web/dist/index.html')) throw new Error('build the web UI first: npm run build:web');
  mkdirSync(SHOTS, { recursive: true });
  const s = await startStack(opts);
  const admin = await s.login();
  const port = opts.port ?? (await freePort());
  const server: ServerType = serve({ fetch: s.app.fetch, port, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking'] });
  return {
    s,
    admin,
    base,
    browser,
    async signIn(email, password, opts = {}) {
      const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 900 } });
      await page.goto(base + (opts.path ?? '/'));
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      return page;
    },
    async createUser(input) {
      const password = input.password ?? 'password-123';
      const res = await s.call('POST', '/api/v1/users', { ...input, password }, admin);
      if (res.status !== 201) throw new Error(`create user: ${res.status} ${await res.text()}`);
      return { ...((await res.json()) as User), password };
    },
    async shot(page, name, fullPage = true) {
      await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
      const problems = await accessibilityViolations(page);
      if (problems.length) throw new Error(`accessibility problems on ${name}:\n${problems.join('\n')}`);
    },
    async close() {
      await browser?.close();
      await new Promise<void>((r) => server.close(() => r()));
      await s.teardown();
    },
  };
}
