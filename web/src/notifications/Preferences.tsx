// Per-user notification settings on the account page: per kind, in the app and/or by e-mail; the daily digest.
import { useEffect, useState } from 'react';
import { api, type NotificationSettings } from '../api';
import { useResource } from '../data';
import { Alert, Field, Notice, useAction } from '../ui';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../../../domain/notifications';

export function NotificationSettings() {
  const { data } = useResource<NotificationSettings>('/notifications/preferences');
  const [prefs, setPrefs] = useState<NotificationSettings | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => setPrefs(data ?? null), [data]);
  if (!prefs) return null;
  return (
    <form
      id="notifications"
      className="panel"
      aria-labelledby="notifications-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const { digestTimeZone: _readOnly, ...body } = prefs;
        if (await run(async () => (setPrefs(await api<NotificationSettings>('PUT', '/notifications/preferences', body)), true))) setSaved(true);
      }}
    >
      <h2 id="notifications-title">Notifications</h2>
      <p>Never while you are marked unavailable: news about your tickets then goes to your branch manager (@mentions are not passed on).</p>
      <table className="prefs">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">In the app</th>
            <th scope="col">By e-mail</th>
          </tr>
        </thead>
        <tbody>
          {NOTIFICATION_KINDS.map((kind) => (
            <tr key={kind}>
              <th scope="row">{NOTIFICATION_KIND_LABELS[kind]}</th>
              {(['inApp', 'email'] as const).map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    aria-label={`${NOTIFICATION_KIND_LABELS[kind]}: ${channel === 'inApp' ? 'in the app' : 'by e-mail'}`}
                    checked={prefs[kind][channel]}
                    onChange={(e) => setPrefs({ ...prefs, [kind]: { ...prefs[kind], [channel]: e.target.checked } })}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Field label="Daily digest by e-mail" hint={`Once a day from this hour (${prefs.digestTimeZone}): your unread notifications since the last digest and your open tickets at SLA risk. Nothing is sent when there is nothing to say.`}>
        {(p) => (
          <select {...p} value={prefs.digestHour ?? ''} onChange={(e) => setPrefs({ ...prefs, digestHour: e.target.value === '' ? null : Number(e.target.value) })}>
            <option value="">Off</option>
            {Array.from({ length: 24 }, (_, h) => (
              <option key={h} value={h}>{`${String(h).padStart(2, '0')}:00`}</option>
            ))}
          </select>
        )}
      </Field>
      <Alert>{error}</Alert>
      {saved && <Notice>Notification settings saved.</Notice>}
      <button type="submit" className="primary" disabled={busy}>
        Save notification settings
      </button>
    </form>
  );
}
