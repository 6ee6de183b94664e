// The Google OAuth 2.0 client (openid-client, already our OIDC relying party): Google's endpoints as
// plain OAuth 2.0 server metadata (no discovery: the token and authorisation URLs come from config so
// tests and proxies can point them elsewhere). Shared by the admin's connect flow (api/) and the token
// refresh of the reviews bridge (activities/).
import * as oauth from 'openid-client';
import type { GoogleOAuthConfig } from './config';

/** Managing the Business Profile (reviews, replies, locations). */
export const GOOGLE_BUSINESS_SCOPE = 'https://www.googleapis.com/auth/business.manage';

const loopback = (u: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);

export function googleOAuthClient(c: GoogleOAuthConfig): oauth.Configuration {
  const config = new oauth.Configuration(
    { issuer: 'https://accounts.google.com', authorization_endpoint: c.authorizationUrl, token_endpoint: c.tokenUrl },
    c.clientId,
    { client_secret: c.clientSecret },
    oauth.ClientSecretPost(c.clientSecret),
  );
  // Plain http only for a token endpoint on this machine (the tests' stand-in for Google).
  const token = new URL(c.tokenUrl);
  if (token.protocol === 'http:' && loopback(token)) oauth.allowInsecureRequests(config);
  return config;
}

/** Google answers `invalid_grant` for a refresh token that was revoked, expired or replaced. */
export const isInvalidGrant = (e: unknown): boolean => e instanceof oauth.ResponseBodyError && e.error === 'invalid_grant';

export { oauth };
