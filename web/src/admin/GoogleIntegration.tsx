// The Google account behind the reviews bridge (admin): connect it (Google's consent screen, then back
// here with ?google=connected or ?googleError=…), see when Google stopped honouring it and reconnect,
// or disconnect (the static GOOGLE_BUSINESS_TOKEN, if set, takes over); below, the account's locations and
// the branch each is mapped to (GoogleLocations.tsx).
import { api, type GoogleStatus } from '../api';
import { useResource } from '../data';
import { useLocation } from '../router';
import { Alert, ConfirmButton, fmtDate, Notice, Screen, useAction } from '../ui';
import { GoogleLocations } from './GoogleLocations';

const CONNECTION: Record<GoogleStatus['connection'], string> = {
  connected: 'Connected',
  reconnect_required: 'Reconnect needed',
  not_connected: 'Not connected',
};

export function GoogleIntegration() {
  const { data, error: loadError, reload } = useResource<GoogleStatus>('/integrations/google', 15_000);
  const { query } = useLocation();
  const { busy, error, run } = useAction();
  const connect = () =>
    run(async () => {
      const { authorizationUrl } = await api<{ authorizationUrl: string }>('POST', '/integrations/google/connect');
      window.location.assign(authorizationUrl);
    });
  const returned = query.get('googleError');
  return (
    <Screen title="Google reviews">
      <Alert>{loadError || error || (returned ? `Google was not connected: ${returned}` : '')}</Alert>
      {query.get('google') === 'connected' && data?.connection === 'connected' && <Notice>The Google account is connected.</Notice>}
      {data?.connection === 'reconnect_required' && (
        <div className="panel warning" role="alert">
          <h2>Reconnect the Google account</h2>
          <p>
            Google no longer accepts Closeloop&apos;s access ({data.error ?? 'the grant was revoked'}). Reviews are not being read{data.schedule === 'paused' ? ' — the poll is paused' : ''} until an admin reconnects.
          </p>
          <button type="button" onClick={connect} disabled={busy}>
            Reconnect Google
          </button>
        </div>
      )}
      {data && (
        <section className="panel stack" aria-labelledby="google-status">
          <h2 id="google-status">Account</h2>
          <dl>
            <dt>Status</dt>
            <dd data-testid="google-connection">{CONNECTION[data.connection]}</dd>
            {data.connectedAt && (
              <>
                <dt>Connected</dt>
                <dd>{fmtDate(data.connectedAt)}</dd>
              </>
            )}
            <dt>Review polling</dt>
            <dd>{data.schedule === 'absent' ? 'Off (the reviews bridge is not configured: GOOGLE_OAUTH_CLIENT_ID or GOOGLE_BUSINESS_TOKEN with GOOGLE_BUSINESS_LOCATIONS)' : data.schedule === 'paused' ? `Paused${data.scheduleNote ? `: ${data.scheduleNote}` : ''}` : 'Running'}</dd>
            <dt>Fallback</dt>
            <dd>{data.staticToken ? 'GOOGLE_BUSINESS_TOKEN is used while no account is connected' : 'None'}</dd>
          </dl>
          {!data.oauthConfigured ? (
            <p>To connect an account, set GOOGLE_OAUTH_CLIENT_ID, GOOGLE_OAUTH_CLIENT_SECRET and GOOGLE_TOKEN_KEY (see the README).</p>
          ) : data.connection === 'not_connected' ? (
            <button type="button" onClick={connect} disabled={busy}>
              Connect Google account
            </button>
          ) : (
            <ConfirmButton confirm="Disconnect the Google account? Reviews are then read with GOOGLE_BUSINESS_TOKEN, if set." onConfirm={() => run(async () => (await api('DELETE', '/integrations/google'), await reload()))}>
              Disconnect Google account
            </ConfirmButton>
          )}
        </section>
      )}
      {data && <GoogleLocations status={data} />}
    </Screen>
  );
}
