import { describe, expect, it } from 'vitest';
import { EMPTY_ALLOW_LIST, parseAllowList, refusedAddress, refusedUrl } from './webhook-target';

describe('webhook targets (SSRF guard)', () => {
  it('refuses loopback, private, link-local, unique-local, CGNAT and unspecified addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '100.64.0.1', '0.0.0.0', '::ffff:127.0.0.1', '::ffff:10.0.0.1']) {
      expect(refusedAddress(a, EMPTY_ALLOW_LIST), a).toMatch(/address/);
    }
    for (const a of ['8.8.8.8', '2001:4860::8888', '::ffff:8.8.8.8']) expect(refusedAddress(a, EMPTY_ALLOW_LIST), a).toBeNull();
  });

  it('lets the allow-list name addresses, networks and hosts', () => {
    const allow = parseAllowList(' 127.0.0.1, 10.0.0.0/8 ,::1, Hooks.Internal ');
    expect(refusedAddress('127.0.0.1', allow)).toBeNull();
    expect(refusedAddress('127.0.0.2', allow)).toMatch(/loopback/);
    expect(refusedAddress('10.200.1.1', allow)).toBeNull();
    expect(refusedAddress('::1', allow)).toBeNull();
    expect(refusedAddress('192.168.0.1', allow)).toMatch(/private/);
    expect(refusedUrl('http://hooks.internal/x', allow)).toBeNull();
    expect(() => parseAllowList('10.0.0.0/99')).toThrow(/10.0.0.0\/99/);
    expect(() => parseAllowList('bad host!')).toThrow(/bad host!/);
  });

  it('wants https, except for an allowed target, and refuses literal private addresses at once', () => {
    expect(refusedUrl('https://example.com/hook', EMPTY_ALLOW_LIST)).toBeNull();
    expect(refusedUrl('http://example.com/hook', EMPTY_ALLOW_LIST)).toMatch(/https/);
    expect(refusedUrl('https://127.0.0.1/hook', EMPTY_ALLOW_LIST)).toMatch(/loopback/);
    expect(refusedUrl('https://[::1]:8443/hook', EMPTY_ALLOW_LIST)).toMatch(/loopback/);
    expect(refusedUrl('https://10.0.0.5/hook', EMPTY_ALLOW_LIST)).toMatch(/private/);
    expect(refusedUrl('https://169.254.169.254/latest/meta-data', EMPTY_ALLOW_LIST)).toMatch(/linkLocal/);
    expect(refusedUrl('https://user:pw@example.com/', EMPTY_ALLOW_LIST)).toMatch(/credentials/);
    const loopback = parseAllowList('127.0.0.1');
    expect(refusedUrl('http://127.0.0.1:9999/hook', loopback)).toBeNull();
    expect(refusedUrl('http://8.8.8.8/hook', loopback)).toMatch(/https/);
  });
});
