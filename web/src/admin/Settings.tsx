// Settings (admin): SLA targets, ticket behaviour and the review ask. New tickets use the values;
// running tickets keep the ones they started with.
import { useEffect, useState } from 'react';
import { api, type SettingKey, type SettingValue } from '../api';
import { useResource } from '../data';
import { Alert, Field, Notice, Screen, useAction } from '../ui';

type Input = { kind: 'number'; min?: number; step?: string; nullable?: boolean } | { kind: 'bool' } | { kind: 'text' };
type Spec<K extends SettingKey> = Array<{ name: keyof SettingValue<K> & string; label: string; hint?: string; input: Input }>;

const hours: Input = { kind: 'number', min: 0.001, step: 'any' };
// Branding has its own screen (admin/Branding.tsx: the logo upload and a preview).
const FORMS: { [K in Exclude<SettingKey, 'branding'>]: { title: string; hint: string; fields: Spec<K> } } = {
  sla: {
    title: 'SLA targets',
    hint: 'Hours for medium priority; high priority gets half, low twice. A rule may override them.',
    fields: [
      { name: 'firstResponseHours', label: 'First response (hours)', input: hours },
      { name: 'resolutionHours', label: 'Resolution (hours)', input: hours },
      { name: 'nextReplyHours', label: 'Next reply after a customer message (hours)', hint: 'Empty: no next-reply clock', input: { ...hours, nullable: true } },
    ],
  },
  tickets: {
    title: 'Tickets',
    hint: 'Follow-up and reopening after resolution.',
    fields: [
      { name: 'pauseResolutionWhilePending', label: 'Pause the resolution clock while waiting for the customer', input: { kind: 'bool' } },
      { name: 'followUpDays', label: 'Follow-up window (days): CSAT answers are taken, then the ticket closes', input: { kind: 'number', min: 0.001, step: 'any' } },
      { name: 'reopenWindowDays', label: 'Reopen window (days)', input: { kind: 'number', min: 0, step: 'any' } },
      { name: 'csatReminder', label: 'Remind customers who have not answered the CSAT survey', input: { kind: 'bool' } },
      { name: 'csatChangeMinutes', label: 'Minutes a customer may change their CSAT answer', hint: 'The answer takes effect (reopen, close) after them; 0: at once, no change', input: { kind: 'number', min: 0, step: '1' } },
    ],
  },
  advocacy: {
    title: 'Review ask',
    hint: 'Happy customers are invited to leave a public review.',
    fields: [
      { name: 'capPerQuarter', label: 'Most invitations per customer per quarter', input: { kind: 'number', min: 0, step: '1' } },
      { name: 'reviewUrl', label: 'Review page URL', input: { kind: 'text' } },
    ],
  },
  auth: {
    title: 'Sign-in',
    hint: 'With single sign-on (OIDC) configured, passwords can be switched off. That needs at least one active admin who has signed in by SSO, so nobody is locked out.',
    fields: [{ name: 'localPasswords', label: 'Allow sign-in with e-mail and password', input: { kind: 'bool' } }],
  },
};

function SettingForm<K extends Exclude<SettingKey, 'branding'>>({ settingKey }: { settingKey: K }) {
  const spec: { title: string; hint: string; fields: Spec<K> } = FORMS[settingKey];
  const { data, error: loadError } = useResource<SettingValue<K>>(`/settings/${settingKey}`);
  const [value, setValue] = useState<Record<string, unknown> | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  useEffect(() => {
    if (data) setValue(data as Record<string, unknown>);
  }, [data]);
  const headingId = `settings-${settingKey}`;
  return (
    <form
      className="panel stack narrow"
      aria-labelledby={headingId}
      onSubmit={async (e) => {
        e.preventDefault();
        setSaved(false);
        const ok = await run(async () => (await api('PUT', `/settings/${settingKey}`, value), true));
        setSaved(!!ok);
      }}
    >
      <h2 id={headingId}>{spec.title}</h2>
      <p className="hint">{spec.hint}</p>
      {value &&
        spec.fields.map((f) => {
          const v = value[f.name];
          const set = (x: unknown) => (setSaved(false), setValue({ ...value, [f.name]: x }));
          if (f.input.kind === 'bool')
            return (
              <label key={f.name} className="inline">
                <input type="checkbox" checked={!!v} onChange={(e) => set(e.target.checked)} /> {f.label}
              </label>
            );
          const input = f.input;
          return (
            <Field key={f.name} label={f.label} hint={f.hint}>
              {(a) =>
                input.kind === 'text' ? (
                  <input {...a} value={String(v ?? '')} onChange={(e) => set(e.target.value)} />
                ) : (
                  <input
                    {...a}
                    type="number"
                    min={input.min}
                    step={input.step}
                    required={!input.nullable}
                    value={v == null ? '' : String(v)}
                    onChange={(e) => set(e.target.value === '' ? (input.nullable ? null : '') : Number(e.target.value))}
                  />
                )
              }
            </Field>
          );
        })}
      <Alert>{loadError || error}</Alert>
      {saved && <Notice>Saved. New tickets use it.</Notice>}
      <button type="submit" className="primary" disabled={busy || !value}>
        Save
      </button>
    </form>
  );
}

export function SettingsAdmin() {
  return (
    <Screen title="Settings">
      <div className="two-col">
        {(Object.keys(FORMS) as Array<keyof typeof FORMS>).map((k) => (
          <SettingForm key={k} settingKey={k} />
        ))}
      </div>
    </Screen>
  );
}
