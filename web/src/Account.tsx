// The signed-in person's own page: who they are, their availability, a password change, the second
// factor and API tokens.
import { useState } from 'react';
import { api } from './api';
import { ApiTokens } from './ApiTokens';
import { AvailabilityToggle } from './AvailabilityToggle';
import { TwoFactor } from './TwoFactor';
import { useMe } from './data';
import { Alert, Field, Notice, Screen, useAction } from './ui';

export function Account() {
  const { me } = useMe();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [done, setDone] = useState('');
  const { busy, error, fields, run, setError } = useAction();
  const mismatch = form.confirm !== '' && form.confirm !== form.newPassword;
  return (
    <Screen title="Your account">
      <section className="panel" aria-labelledby="who-title">
        <h2 id="who-title">{me.name}</h2>
        <dl className="facts">
          <dt>Email</dt>
          <dd>{me.email}</dd>
          <dt>Role</dt>
          <dd>{me.role}</dd>
          <dt>Branches</dt>
          <dd>{me.branches.join(', ') || '–'}</dd>
        </dl>
        <AvailabilityToggle label="Available for new tickets" className="inline" />
      </section>
      <form
        className="panel stack narrow"
        aria-labelledby="password-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setDone('');
          if (form.newPassword !== form.confirm) return setError('The new passwords differ');
          const ok = await run(async () => (await api('POST', '/auth/password', { currentPassword: form.currentPassword, newPassword: form.newPassword }), true));
          if (ok) {
            setForm({ currentPassword: '', newPassword: '', confirm: '' });
            setDone('Password changed. Other sessions were signed out.');
          }
        }}
      >
        <h2 id="password-title">Change password</h2>
        <Field label="Current password" error={fields.currentPassword}>
          {(a) => <input {...a} type="password" autoComplete="current-password" required value={form.currentPassword} onChange={(e) => setForm({ ...form, currentPassword: e.target.value })} />}
        </Field>
        <Field label="New password" hint="At least 10 characters; not a common or easily guessed one" error={fields.newPassword}>
          {(a) => <input {...a} type="password" autoComplete="new-password" required minLength={10} value={form.newPassword} onChange={(e) => setForm({ ...form, newPassword: e.target.value })} />}
        </Field>
        <Field label="Repeat new password" error={mismatch ? 'does not match' : undefined}>
          {(a) => <input {...a} type="password" autoComplete="new-password" required value={form.confirm} onChange={(e) => setForm({ ...form, confirm: e.target.value })} />}
        </Field>
        <Alert>{error}</Alert>
        {done && <Notice>{done}</Notice>}
        <button type="submit" className="primary" disabled={busy}>
          Change password
        </button>
      </form>
      <TwoFactor />
      <ApiTokens />
    </Screen>
  );
}
