// The account's optional second factor: enrol an authenticator app by its QR code (or the secret typed
// in), confirm with a code; switch it off with a current code. Sign-in then asks for a code (App.tsx).
import { useState } from 'react';
import { api, type TotpEnrolment } from './api';
import { useMe } from './data';
import { Alert, Field, Notice, useAction } from './ui';

export function TwoFactor() {
  const { me, setMe } = useMe();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [done, setDone] = useState('');
  const { busy, error, fields, run } = useAction();
  const codeField = (
    <Field label="Code from the app" hint="6 digits" error={fields.code}>
      {(a) => <input {...a} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} />}
    </Field>
  );
  const submit = (path: '/auth/totp/confirm' | '/auth/totp/disable', on: boolean) => async (e: React.FormEvent) => {
    e.preventDefault();
    if (await run(async () => (await api('POST', path, { code }), true))) {
      setMe({ ...me, totp: on });
      setEnrolment(null);
      setCode('');
      setDone(on ? 'Two-step sign-in is on: sign-in now asks for a code from the app.' : 'Two-step sign-in is off.');
    }
  };
  return (
    <section className="panel stack narrow" aria-labelledby="totp-title">
      <h2 id="totp-title">Two-step sign-in</h2>
      {done && <Notice>{done}</Notice>}
      {me.totp ? (
        <form className="stack" onSubmit={submit('/auth/totp/disable', false)}>
          <p>Sign-in asks for a code from your authenticator app. To switch it off, enter a current code.</p>
          {codeField}
          <Alert>{error}</Alert>
          <button type="submit" disabled={busy}>
            Switch off
          </button>
        </form>
      ) : enrolment ? (
        <form className="stack" onSubmit={submit('/auth/totp/confirm', true)}>
          <p>Scan this code with an authenticator app (or type the key in), then enter the code it shows.</p>
          <img className="totp-qr" src={enrolment.qr} width={240} height={240} alt={`QR code for your authenticator app; key ${enrolment.secret}`} />
          <p>
            Key: <code>{enrolment.secret}</code>
          </p>
          {codeField}
          <Alert>{error}</Alert>
          <button type="submit" className="primary" disabled={busy}>
            Confirm
          </button>
        </form>
      ) : (
        <>
          <p>Off. With it on, signing in also asks for a code from an authenticator app on your phone.</p>
          <Alert>{error}</Alert>
          <button
            type="button"
            disabled={busy}
            onClick={async () => {
              setDone('');
              const e = await run(() => api<TotpEnrolment>('POST', '/auth/totp/setup'));
              if (e) setEnrolment(e);
            }}
          >
            Set up an authenticator app
          </button>
        </>
      )}
    </section>
  );
}
