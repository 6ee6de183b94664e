// A real OpenID Connect provider (oidc-provider, the certified Node implementation) on a loopback port,
// with its development login and consent screens: any login name that is one of `accounts` signs in.
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { freePort } from '../../platform/temporal';

export interface TestAccount {
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  branches?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Record<string, TestAccount>;
  close(): Promise<void>;
}

export async function startOidcProvider(redirectUris: string[], accounts: Record<string, TestAccount>): Promise<TestOidcProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'closeloop';
  const clientSecret = 'closeloop-test-secret';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: redirectUris, response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], closeloop: ['groups', 'branches'] },
    scopes: ['openid', 'email', 'profile', 'closeloop'],
    findAccount: (_ctx, id) => (accounts[id] ? { accountId: id, claims: () => ({ sub: id, email_verified: true, ...accounts[id] }) } : undefined),
    cookies: { keys: ['closeloop-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
  });
  const server: Server = provider.listen(port);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { issuer, clientId, clientSecret, accounts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
