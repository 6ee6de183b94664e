// The OpenID Connect relying party (openid-client): the provider's metadata is discovered once per
// process and kept; a failed discovery is retried on the next sign-in.
import * as oidc from 'openid-client';
import type { OidcConfig } from '../platform/config';

let cached: { key: string; config: Promise<oidc.Configuration> } | null = null;

const loopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

export function oidcClient(c: OidcConfig): Promise<oidc.Configuration> {
  const key = `${c.issuer}|${c.clientId}`;
  if (cached?.key === key) return cached.config;
  const issuer = new URL(c.issuer);
  // Plain http only for a provider on this machine (development and the tests' provider).
  const execute = issuer.protocol === 'http:' && loopback(issuer) ? [oidc.allowInsecureRequests] : [];
  const auth = c.clientSecret ? oidc.ClientSecretBasic(c.clientSecret) : oidc.None();
  const config = oidc.discovery(issuer, c.clientId, undefined, auth, { execute, timeout: 10 });
  cached = { key, config };
  config.catch(() => {
    if (cached?.config === config) cached = null;
  });
  return config;
}

export { oidc };
