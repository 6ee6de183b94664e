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
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 'tok' })).toThrow(/GOOGLE_BUSINESS_LOCATIONS: the Google reviews bridge needs both/);
    expect(() => loadConfig({ GOOGLE_BUSINESS_LOCATIONS: '1/2=main' })).toThrow(/GOOGLE_BUSINESS_TOKEN: /);
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: 'main' })).toThrow(ConfigError);
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: 'main' })).toThrow(/GOOGLE_BUSINESS_LOCATIONS: "main" is not/);
    expect(() => loadConfig({ GOOGLE_BUSINESS_TOKEN: 't', GOOGLE_BUSINESS_LOCATIONS: '1/2', GOOGLE_BUSINESS_POLL_SECONDS: '1' })).toThrow(/GOOGLE_BUSINESS_POLL_SECONDS/);
  });
});

describe('mail domain', () => {
  it('is MAIL_FROM’s domain, derived once', () => {
    expect(loadConfig({}).mailDomain).toBe('closeloop.local');
    expect(loadConfig({ MAIL_FROM: 'help@shop.example' }).mailDomain).toBe('shop.example');
  });
});
