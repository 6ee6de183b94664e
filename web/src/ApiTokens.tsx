// API tokens on the account page: create one (name, scopes, optional expiry; an admin may make a service
// token), see its secret once, list them with their last use, revoke. An admin sees everyone's tokens.
import { useState } from 'react';
import { api, type ApiToken, type ApiTokenInput } from './api';
import { useMe, useResource } from './data';
import { API_SCOPES, SCOPE_DESCRIPTIONS, type ApiScope } from '../../domain/api-tokens';
import { Alert, ConfirmButton, Field, fmtDate, SecretOnce, Table, useAction } from './ui';

export function ApiTokens() {
  const { me } = useMe();
  const { data, error: loadError, reload } = useResource<{ items: ApiToken[] }>('/api-tokens');
  const [form, setForm] = useState({ name: '', scopes: ['tickets:read'] as ApiScope[], expires: '', kind: 'personal' as ApiTokenInput['kind'] });
  const [created, setCreated] = useState<(ApiToken & { token: string }) | null>(null);
  const { busy, error, fields, run } = useAction();
  const toggle = (s: ApiScope) => setForm({ ...form, scopes: form.scopes.includes(s) ? form.scopes.filter((x) => x !== s) : [...form.scopes, s] });
  return (
    <section className="panel stack" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="hint">
        Send a token as <code>Authorization: Bearer &lt;token&gt;</code>. A personal token acts as you, within its scopes{me.role === 'admin' ? '; a service token is an integration that sees every branch' : ''}.
      </p>
      <form
        className="stack"
        aria-label="New API token"
        onSubmit={async (e) => {
          e.preventDefault();
          const body: ApiTokenInput = { name: form.name, scopes: form.scopes, kind: form.kind, expiresAt: form.expires ? new Date(`${form.expires}T23:59:59`).toISOString() : null };
          const t = await run(() => api<ApiToken & { token: string }>('POST', '/api-tokens', body));
          if (t) {
            setCreated(t);
            setForm({ ...form, name: '', expires: '' });
            await reload();
          }
        }}
      >
        <div className="row wrap">
          <Field label="Token name" hint="What uses it, e.g. “CRM sync”" error={fields.name}>
            {(a) => <input {...a} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
          </Field>
          <Field label="Expires on" hint="Empty: never" error={fields.expiresAt}>
            {(a) => <input {...a} type="date" value={form.expires} onChange={(e) => setForm({ ...form, expires: e.target.value })} />}
          </Field>
          {me.role === 'admin' && (
            <Field label="Kind" error={fields.kind}>
              {(a) => (
                <select {...a} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as ApiTokenInput['kind'] })}>
                  <option value="personal">personal (acts as you)</option>
                  <option value="service">service (an integration)</option>
                </select>
              )}
            </Field>
          )}
        </div>
        <fieldset>
          <legend>Scopes</legend>
          {API_SCOPES.map((s) => (
            <label key={s} className="check">
              <input type="checkbox" checked={form.scopes.includes(s)} onChange={() => toggle(s)} /> <code>{s}</code> — {SCOPE_DESCRIPTIONS[s]}
            </label>
          ))}
          {fields.scopes && <small className="field-error">{fields.scopes}</small>}
        </fieldset>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Create token
          </button>
        </div>
      </form>
      {created && <SecretOnce title={`Token “${created.name}” created`} secret={created.token} onDone={() => setCreated(null)} />}
      <Alert>{loadError || error}</Alert>
      <Table caption="API tokens" columns={['Name', 'Prefix', 'Scopes', me.role === 'admin' ? 'Owner' : 'Kind', 'Last used', 'Expires', 'State', '']}>
        {(data?.items ?? []).map((t) => (
          <tr key={t.id} data-token={t.name} className={t.revokedAt ? 'inactive' : ''}>
            <th scope="row">{t.name}</th>
            <td>
              <code>{t.prefix}</code>
            </td>
            <td>{t.scopes.join(', ')}</td>
            <td>{me.role === 'admin' ? (t.owner?.name ?? 'service') : t.kind}</td>
            <td>{fmtDate(t.lastUsedAt)}</td>
            <td>{t.expiresAt ? fmtDate(t.expiresAt) : 'never'}</td>
            <td>{t.revokedAt ? `revoked ${fmtDate(t.revokedAt)}` : t.expiresAt && Date.parse(t.expiresAt) < Date.now() ? 'expired' : 'active'}</td>
            <td>
              {!t.revokedAt && (
                <ConfirmButton confirm={`Revoke ${t.name}`} onConfirm={() => run(async () => (await api('DELETE', `/api-tokens/${t.id}`), await reload()))}>
                  Revoke
                </ConfirmButton>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
