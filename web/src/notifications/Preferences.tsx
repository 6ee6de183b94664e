// Per-user notification settings on the account page: per kind, in the app and/or by e-mail.
import { useEffect, useState } from 'react';
import { api, type NotificationPreferences } from '../api';
import { useResource } from '../data';
import { Alert, Notice, useAction } from '../ui';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '../../../domain/notifications';

export function NotificationSettings() {
  const { data } = useResource<NotificationPreferences>('/notifications/preferences');
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
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
        if (await run(async () => (await api('PUT', '/notifications/preferences', prefs), true))) setSaved(true);
      }}
    >
      <h2 id="notifications-title">Notifications</h2>
      <p>Never while you are marked unavailable.</p>
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
      <Alert>{error}</Alert>
      {saved && <Notice>Notification settings saved.</Notice>}
      <button type="submit" className="primary" disabled={busy}>
        Save notification settings
      </button>
    </form>
  );
}
