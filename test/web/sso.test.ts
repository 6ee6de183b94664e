// Single sign-on in Chromium against a real OpenID Connect provider (oidc-provider, on loopback): the
// authorization code flow with PKCE through its login and consent screens, claims mapped to role and
// branches, just-in-time provisioning off (refused) and on (created), and passwords switched off only
// once an admin can sign in by SSO.
import { serve, type ServerType } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import type { User } from '../../api/routes/users';
import { parseRoleMap } from '../../domain/sso';
import type { OidcConfig } from '../../platform/config';
import { freePort } from '../../platform/temporal';
import { startBrowserStack, type BrowserStack } from '../support/browser';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider';
import { ADMIN } from '../support/stack';

let b: BrowserStack;
let idp: TestOidcProvider;
let jitServer: ServerType;
let jitBase: string;

const callback = (port: number) => `http://127.0.0.1:${port}/api/v1/auth/oidc/callback`;
const oidcConfig = (port: number, jit: boolean): OidcConfig => ({
  issuer: idp.issuer,
  clientId: idp.clientId,
  clientSecret: idp.clientSecret,
  redirectUrl: callback(port),
  scopes: 'openid email profile closeloop',
  roleClaim: 'groups',
  roleMap: parseRoleMap('admin=cl-admins, manager=cl-managers, agent=cl-staff'),
  branchesClaim: 'branches',
  jit,
  defaultRole: 'agent',
  buttonLabel: 'Sign in with Company SSO',
});

beforeAll(async () => {
  const port = await freePort();
  const jitPort = await freePort();
  idp = await startOidcProvider([callback(port), callback(jitPort)], {
    ann: { email: 'ann@sso.test', name: 'Ann Newcomer', groups: ['cl-staff'], branches: ['main'] },
    bob: { email: 'Bob@SSO.test', name: 'Bob Okafor', groups: ['cl-staff', 'cl-managers'], branches: ['north', 'mars'] },
    eve: { email: 'eve@sso.test', groups: ['marketing'] },
    root: { email: ADMIN.email, name: 'Admin', groups: ['cl-admins'], branches: ['main'] },
  });
  b = await startBrowserStack({ port, oidc: oidcConfig(port, false) });
  expect((await b.s.call('POST', '/api/v1/branches', { id: 'north', name: 'North' }, b.admin)).status).toBe(201);
  // The same stack behind a second app with just-in-time provisioning on.
  const jitApp = createApp({ db: b.s.database.db, temporal: b.s.temporal.env.client, config: { ...b.s.config, oidc: oidcConfig(jitPort, true) } });
  jitServer = serve({ fetch: jitApp.fetch, port: jitPort, hostname: '127.0.0.1' });
  jitBase = `http://127.0.0.1:${jitPort}`;
});
afterAll(async () => {
  await new Promise<void>((r) => (jitServer ? jitServer.close(() => r()) : r()));
  await b?.close();
  await idp?.close();
});

/** Through the provider's own login and consent screens, as a person would. */
async function ssoSignIn(login: string, base = b.base): Promise<Page> {
  const page = await b.browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Sign in with Company SSO' }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((u) => u.origin === base);
  return page;
}
const users = async () => (await (await b.s.call('GET', '/api/v1/users', undefined, b.admin)).json()) as { items: User[] };

describe('OIDC sign-in', () => {
  it('refuses an unknown person while just-in-time provisioning is off', async () => {
    const page = await ssoSignIn('ann');
    await page.getByRole('alert').filter({ hasText: 'There is no Closeloop account for ann@sso.test' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await b.shot(page, 'sso-no-account');
    await page.close();
    expect((await users()).items.map((u) => u.email)).not.toContain('ann@sso.test');
  });

  it('signs an existing user in and maps the claims to role and branches', async () => {
    await b.createUser({ email: 'bob@sso.test', name: 'Bob', role: 'agent', branches: ['main'] });
    const page = await ssoSignIn('bob');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('(manager)').waitFor();
    await b.shot(page, 'sso-signed-in');
    const bob = (await users()).items.find((u) => u.email === 'bob@sso.test')!;
    expect(bob).toMatchObject({ role: 'manager', branches: ['north'] }); // "mars" is no branch here
    await page.close();
  });

  it('refuses a person the role mapping gives no role', async () => {
    const page = await ssoSignIn('eve', jitBase);
    await page.getByRole('alert').filter({ hasText: 'grants you no Closeloop role' }).waitFor();
    await page.close();
  });

  it('creates the account on first sign-in when just-in-time provisioning is on', async () => {
    const page = await ssoSignIn('ann', jitBase);
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('Ann Newcomer').first().waitFor();
    const ann = (await users()).items.find((u) => u.email === 'ann@sso.test')!;
    expect(ann).toMatchObject({ role: 'agent', branches: ['main'], active: true });
    // An SSO-made account has no password that could ever match.
    expect((await b.s.call('POST', '/api/v1/auth/login', { email: 'ann@sso.test', password: '!' })).status).toBe(401);
    await page.close();
  });

  it('switches passwords off only once an admin can sign in by SSO', async () => {
    const off = () => b.s.call('PUT', '/api/v1/settings/auth', { localPasswords: false }, b.admin);
    const refused = await off();
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toMatch(/lock every admin out/);
    const admin = await ssoSignIn('root');
    await admin.getByRole('button', { name: 'Sign out' }).waitFor();
    await admin.close();
    expect((await off()).status).toBe(200);
    expect((await b.s.call('POST', '/api/v1/auth/login', { email: ADMIN.email, password: ADMIN.password })).status).toBe(403);
    const page = await b.browser.newPage();
    await page.goto(`${b.base}/`);
    await page.getByRole('link', { name: 'Sign in with Company SSO' }).waitFor();
    expect(await page.getByLabel('Password').count()).toBe(0);
    await b.shot(page, 'sso-only-sign-in');
    await page.close();
    // Signing in by SSO still works, and an admin can switch passwords back on.
    const again = await ssoSignIn('root');
    await again.getByRole('button', { name: 'Sign out' }).waitFor();
    await again.goto(`${b.base}/admin/settings`);
    await again.getByLabel('Allow sign-in with e-mail and password').check();
    await again.getByRole('form', { name: 'Sign-in' }).getByRole('button', { name: 'Save' }).click();
    await b.s.eventually(async () => (await b.s.call('GET', '/api/v1/auth/methods')).ok && ((await (await b.s.call('GET', '/api/v1/auth/methods')).json()) as { passwords: boolean }).passwords);
    await again.close();
  });
});
