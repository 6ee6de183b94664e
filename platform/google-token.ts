// The access token the reviews bridge sends to Google: from the connected account (refresh token sealed
// in Postgres, access token kept in memory and refreshed five minutes before it expires, or at once
// after a 401), else the static GOOGLE_BUSINESS_TOKEN. A refresh token Google refuses (invalid_grant)
// marks the connection "reconnect" for the admins instead of failing quietly on every poll.
import type { Db } from '../db/client';
import { markGoogleReconnectRequired, readGoogleConnection, replaceSealedRefreshToken } from '../db/google';
import type { GoogleOAuthConfig } from './config';
import { googleOAuthClient, isInvalidGrant, oauth } from './google-oauth';
import { open, seal } from './secret-box';

const EARLY_REFRESH_MS = 5 * 60_000;

export class GoogleReconnectRequired extends Error {}
export class GoogleNotConnected extends Error {}

export interface GoogleAccessToken {
  token: string;
  /** From the connected account: a 401 is worth one forced refresh. */
  refreshable: boolean;
}

export function createGoogleTokenSource(deps: { db: Db; oauth: GoogleOAuthConfig | null; staticToken: string | null; now?: () => number }) {
  const now = deps.now ?? Date.now;
  let cached: { sealed: string; token: string; expiresAt: number } | null = null;
  const client = deps.oauth ? googleOAuthClient(deps.oauth) : null;

  return {
    async accessToken(opts: { force?: boolean } = {}): Promise<GoogleAccessToken> {
      const row = await readGoogleConnection(deps.db);
      if (!row || !deps.oauth || !client) {
        if (deps.staticToken) return { token: deps.staticToken, refreshable: false };
        throw new GoogleNotConnected('No Google account is connected (Settings → Integrations) and GOOGLE_BUSINESS_TOKEN is not set');
      }
      if (row.status === 'reconnect_required') throw new GoogleReconnectRequired(`Google refused the stored authorisation (${row.error ?? 'invalid_grant'}): an admin must reconnect the Google account`);
      if (!opts.force && cached?.sealed === row.refreshTokenEnc && cached.expiresAt - EARLY_REFRESH_MS > now()) return { token: cached.token, refreshable: true };
      let res: oauth.TokenEndpointResponse;
      try {
        res = await oauth.refreshTokenGrant(client, open(deps.oauth.tokenKey, row.refreshTokenEnc));
      } catch (e) {
        if (!isInvalidGrant(e)) throw e;
        const why = e instanceof oauth.ResponseBodyError ? `${e.error}: ${e.error_description ?? ''}`.trim() : 'invalid_grant';
        await markGoogleReconnectRequired(deps.db, row.refreshTokenEnc, why);
        cached = null;
        throw new GoogleReconnectRequired(`Google refused the stored authorisation (${why}): an admin must reconnect the Google account`);
      }
      let sealed = row.refreshTokenEnc;
      if (res.refresh_token) {
        sealed = seal(deps.oauth.tokenKey, res.refresh_token);
        await replaceSealedRefreshToken(deps.db, row.refreshTokenEnc, sealed);
      }
      cached = { sealed, token: res.access_token, expiresAt: now() + (res.expires_in ?? 3600) * 1000 };
      return { token: res.access_token, refreshable: true };
    },
  };
}

export type GoogleTokenSource = ReturnType<typeof createGoogleTokenSource>;

/** A call with the current access token; a 401 on a refreshable token refreshes it once and retries. */
export async function authorisedFetch(tokens: GoogleTokenSource, url: URL, init: { method?: string; body?: string } = {}): Promise<Response> {
  const send = (token: string) =>
    fetch(url, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(init.body === undefined ? {} : { body: init.body }),
      signal: AbortSignal.timeout(30_000),
    });
  const first = await tokens.accessToken();
  const res = await send(first.token);
  if (res.status !== 401 || !first.refreshable) return res;
  await res.body?.cancel();
  return send((await tokens.accessToken({ force: true })).token);
}
