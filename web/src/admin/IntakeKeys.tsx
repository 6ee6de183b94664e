// Channel intake keys (admin): a new key's secret is shown once, here; the list shows prefixes only;
// a revoked key stops working at once.
import { useState } from 'react';
import { api, type IntakeKey } from '../api';
import { useResource } from '../data';
import { CHANNELS } from '../../../domain/types';
import { Alert, ConfirmButton, Field, fmtDate, Screen, SecretOnce, Table, useAction } from '../ui';

export function IntakeKeysAdmin() {
  const { data, error: loadError, reload } = useResource<{ items: IntakeKey[] }>('/intake-keys');
  const [form, setForm] = useState({ name: '', channel: '' });
  const [created, setCreated] = useState<(IntakeKey & { key: string }) | null>(null);
  const { busy, error, fields, run } = useAction();
  return (
    <Screen title="Channel keys">
      <form
        className="panel row wrap"
        aria-label="New channel key"
        onSubmit={async (e) => {
          e.preventDefault();
          const k = await run(() => api<IntakeKey & { key: string }>('POST', '/intake-keys', { name: form.name, channel: form.channel || null }));
          if (k) {
            setCreated(k);
            setForm({ name: '', channel: '' });
            await reload();
          }
        }}
      >
        <Field label="Key name" hint="Where it is used, e.g. “Kiosk at the entrance”" error={fields.name}>
          {(a) => <input {...a} required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label="Channel" error={fields.channel}>
          {(a) => (
            <select {...a} value={form.channel} onChange={(e) => setForm({ ...form, channel: e.target.value })}>
              <option value="">any channel</option>
              {CHANNELS.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          Create key
        </button>
      </form>
      {created && <SecretOnce title={`Key “${created.name}” created`} secret={created.key} onDone={() => setCreated(null)} />}
      <Alert>{loadError || error}</Alert>
      <Table caption="Channel keys" columns={['Name', 'Prefix', 'Channel', 'Created', 'State', '']}>
        {(data?.items ?? []).map((k) => (
          <tr key={k.id} data-key={k.name} className={k.revokedAt ? 'inactive' : ''}>
            <th scope="row">{k.name}</th>
            <td>
              <code>{k.prefix}</code>
            </td>
            <td>{k.channel ?? 'any'}</td>
            <td>{fmtDate(k.createdAt)}</td>
            <td>{k.revokedAt ? `revoked ${fmtDate(k.revokedAt)}` : 'active'}</td>
            <td>
              {!k.revokedAt && (
                <ConfirmButton confirm={`Revoke ${k.name}`} onConfirm={() => run(async () => (await api('DELETE', `/intake-keys/${k.id}`), await reload()))}>
                  Revoke
                </ConfirmButton>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </Screen>
  );
}
