import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('Google reviews bridge configuration', () => {
  it('is off without GOOGLE_BUSINESS_*', () => {
    expect(loadConfig({}).google).toBeNull();
  });

  it('reads locations, branch mapping, interval and backfill, with Google as the default base URL', () => {
    const c = loadConfig({ GOOGLE_BUSINESS_TOKEN: 'tok', GOOGLE_BUSINESS_LOCATIONS: 'accounts/1/locations/2=main,1/3', GOOGLE_BUSINESS_POLL_SECONDS: '300' });
    expect(c.google).toEqual({
      baseUrl: 'https://mybusiness.googleapis.com',
      token: 'tok',
      locations: [
        { name: 'accounts/1/locations/2', branch: 'main' },
        { name: 'accounts/1/locations/3', branch: null },
      ],
      pollSeconds: 300,
      backfillDays: 7,
    });
    expect(loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: '1/2', GOOGLE_BUSINESS_BASE_URL: 'http://127.0.0.1:9999' }).google?.baseUrl).toBe('http://127.0.0.1:9999');
  });

  it('stops with a message naming the bad variable', () => {
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 'tok' })).toThrow(/GOOGLE_BUSINESS_LOCATIONS: the Google reviews bridge needs GOOGLE_BUSINESS_LOCATIONS and either/);
    expect(() => loadConfig({ GOOGLE_BUSINESS_LOCATIONS: '1/2=main' })).toThrow(/GOOGLE_BUSINESS_TOKEN: /);
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: 'main' })).toThrow(ConfigError);
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: 'main' })).toThrow(/GOOGLE_BUSINESS_LOCATIONS: "main" is not/);
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: '1/2', GOOGLE_BUSINESS_POLL_SECONDS: '1' })).toThrow(/GOOGLE_BUSINESS_POLL_SECONDS/);
  });
});

describe('Google OAuth configuration', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const oauth = { GOOGLE_OAUTH_CLIENT_ID: 'cid.apps.googleusercontent.com', GOOGLE_OAUTH_CLIENT_SECRET: 'sec', GOOGLE_BUSINESS_LOCATIONS: '1/2=main' };

  it("runs the bridge without a static token, with Google's endpoints by default and the callback under PUBLIC_URL", () => {
    const c = loadConfig({ ...oauth, GOOGLE_TOKEN_KEY: key, PUBLIC_URL: 'https://cl.example.com' });
    expect(c.google?.token).toBeNull();
    expect(c.googleOAuth).toMatchObject({
      clientId: 'cid.apps.googleusercontent.com',
      redirectUrl: 'https://cl.example.com/api/v1/integrations/google/callback',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
    expect(c.googleOAuth?.tokenKey.length).toBe(32);
    expect(loadConfig({ ...oauth, GOOGLE_TOKEN_KEY: key, GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token' }).googleOAuth?.tokenUrl).toBe('http://127.0.0.1:9/token');
  });

  it('runs the bridge with the OAuth client alone (locations mapped in the admin UI), listing from Google by default', () => {
    const c = loadConfig({ GOOGLE_OAUTH_CLIENT_ID: oauth.GOOGLE_OAUTH_CLIENT_ID, GOOGLE_OAUTH_CLIENT_SECRET: 'sec', GOOGLE_TOKEN_KEY: key });
    expect(c.google).toMatchObject({ token: null, locations: [] });
    expect(c.googleApis).toEqual({ accountManagement: 'https://mybusinessaccountmanagement.googleapis.com', businessInformation: 'https://mybusinessbusinessinformation.googleapis.com' });
    expect(loadConfig({ GOOGLE_ACCOUNT_MANAGEMENT_BASE_URL: 'http://127.0.0.1:9', GOOGLE_BUSINESS_INFORMATION_BASE_URL: 'http://127.0.0.1:8' }).googleApis).toEqual({ accountManagement: 'http://127.0.0.1:9', businessInformation: 'http://127.0.0.1:8' });
    expect(() => loadConfig({ GOOGLE_ACCOUNT_MANAGEMENT_BASE_URL: 'not a url' })).toThrow(/GOOGLE_ACCOUNT_MANAGEMENT_BASE_URL/);
  });

  it('refuses to run without a key to seal the refresh token, or with a weak one, or without the secret', () => {
    expect(() => loadConfig(oauth)).toThrow(/GOOGLE_TOKEN_KEY: connecting Google needs a key/);
    expect(() => loadConfig({ ...oauth, GOOGLE_TOKEN_KEY: 'short' })).toThrow(/GOOGLE_TOKEN_KEY: must be 32 random bytes/);
    expect(() => loadConfig({ ...oauth, GOOGLE_OAUTH_CLIENT_SECRET: '', GOOGLE_TOKEN_KEY: key })).toThrow(/GOOGLE_OAUTH_CLIENT_SECRET/);
  });
});

describe('mail domain', () => {
  it('is MAIL_FROM’s domain, derived once', () => {
    expect(loadConfig({}).mailDomain).toBe('closeloop.local');
    expect(loadConfig({ MAIL_FROM: 'help@shop.example' }).mailDomain).toBe('shop.example');
  });
});

describe('webhook configuration', () => {
  it('allows no private target by default and reads the allow-list and retry policy', () => {
    const d = loadConfig({});
    expect(d.webhooks.allowList.networks).toEqual([]);
    expect(d.webhooks.retry).toEqual({ maximumAttempts: 15, initialIntervalMs: 15_000, maximumIntervalMs: 3_600_000 });
    const c = loadConfig({ WEBHOOK_ALLOWED_TARGETS: '127.0.0.1, 10.0.0.0/8, hooks.internal', WEBHOOK_MAX_ATTEMPTS: '3' });
    expect(c.webhooks.allowList.networks).toHaveLength(2);
    expect([...c.webhooks.allowList.hosts]).toEqual(['hooks.internal']);
    expect(c.webhooks.retry.maximumAttempts).toBe(3);
  });

  it('stops on a bad allow-list entry, naming it', () => {
    expect(() => loadConfig({ WEBHOOK_ALLOWED_TARGETS: '10.0.0.0/40' })).toThrow(/WEBHOOK_ALLOWED_TARGETS: "10.0.0.0\/40" is not a network/);
  });
});

describe('OIDC configuration', () => {
  it('is off without OIDC_ISSUER, and complete with defaults when set', () => {
    expect(loadConfig({}).oidc).toBeNull();
    const c = loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'closeloop', OIDC_ROLE_CLAIM: 'groups', OIDC_ROLE_MAP: 'admin=it|ops,agent=staff', PUBLIC_URL: 'https://help.example.com' });
    expect(c.oidc).toMatchObject({
      issuer: 'https://id.example.com',
      clientId: 'closeloop',
      clientSecret: null,
      redirectUrl: 'https://help.example.com/api/v1/auth/oidc/callback',
      scopes: 'openid email profile',
      roleClaim: 'groups',
      roleMap: [
        { role: 'admin', value: 'it' },
        { role: 'admin', value: 'ops' },
        { role: 'agent', value: 'staff' },
      ],
      branchesClaim: null,
      jit: false,
      defaultRole: 'agent',
    });
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_JIT: 'true' }).oidc?.jit).toBe(true);
  });

  it('stops with a message naming what is missing or malformed', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.com' })).toThrow(/OIDC_CLIENT_ID/);
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_ROLE_MAP: 'admin=x' })).toThrow(/OIDC_ROLE_CLAIM/);
    expect(() => loadConfig({ OIDC_ROLE_MAP: 'boss=x' })).toThrow(/OIDC_ROLE_MAP: "boss=x" is not role=value/);
    expect(() => loadConfig({ OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'c' })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig({ OIDC_JIT: 'maybe' })).toThrow(/OIDC_JIT/);
  });
});
