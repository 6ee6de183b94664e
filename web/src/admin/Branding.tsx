// Admin: what customers see on the CSAT page, the collection pages and every customer mail — display
// name, accent colour (checked for contrast with white text by the API), footer, sender name, logo.
import { useEffect, useState } from 'react';
import type { BrandingViewBody } from '../../../api/routes/branding';
import { api, ApiError, getCsrf } from '../api';
import { Alert, Field, Notice, Screen, useAction } from '../ui';

type Text = Pick<BrandingViewBody, 'displayName' | 'accentColor' | 'footer' | 'senderName'>;

async function uploadLogo(file: File): Promise<BrandingViewBody> {
  const res = await fetch('/api/v1/branding/logo', { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': getCsrf() }, body: file });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (body as { error?: { code: string; message: string; details?: Record<string, unknown> } }).error;
    throw new ApiError(res.status, e?.code ?? 'ERROR', e?.message ?? res.statusText, e?.details);
  }
  return body as BrandingViewBody;
}

export function BrandingAdmin() {
  const [view, setView] = useState<BrandingViewBody | null>(null);
  const [text, setText] = useState<Text | null>(null);
  const [notice, setNotice] = useState('');
  const { busy, error, fields: fieldErrors, run } = useAction();
  useEffect(() => {
    void run(async () => {
      const v = await api<BrandingViewBody>('GET', '/branding');
      setView(v);
      setText({ displayName: v.displayName, accentColor: v.accentColor, footer: v.footer, senderName: v.senderName });
    });
  }, [run]);
  const set = (k: keyof Text) => (e: { target: { value: string } }) => (setNotice(''), setText({ ...text!, [k]: e.target.value }));

  return (
    <Screen title="Branding">
      <div className="two-col">
        <form
          className="panel stack narrow"
          aria-labelledby="branding-text"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await run(async () => {
              await api('PUT', '/settings/branding', text);
              setView(await api<BrandingViewBody>('GET', '/branding'));
              return true;
            });
            if (ok) setNotice('Saved. Customer pages and new mail use it.');
          }}
        >
          <h2 id="branding-text">Name, colour and footer</h2>
          {text && (
            <>
              <Field label="Display name" error={fieldErrors.displayName}>
                {(a) => <input {...a} value={text.displayName} onChange={set('displayName')} required maxLength={120} />}
              </Field>
              <Field label="Accent colour" hint="Buttons and the page header; white text must stay readable on it (contrast 4.5:1)" error={fieldErrors.accentColor}>
                {(a) => <input {...a} type="color" value={text.accentColor} onChange={set('accentColor')} />}
              </Field>
              <Field label="Footer (address, one line each)" error={fieldErrors.footer}>
                {(a) => <textarea {...a} rows={3} value={text.footer} onChange={set('footer')} maxLength={500} />}
              </Field>
              <Field label="Sender name of customer mail" hint="Empty: the display name" error={fieldErrors.senderName}>
                {(a) => <input {...a} value={text.senderName} onChange={set('senderName')} maxLength={120} />}
              </Field>
            </>
          )}
          <Alert>{error}</Alert>
          {notice && <Notice>{notice}</Notice>}
          <button type="submit" className="primary" disabled={busy || !text}>
            Save
          </button>
        </form>
        <section className="panel stack narrow" aria-labelledby="branding-logo">
          <h2 id="branding-logo">Logo</h2>
          <p className="hint">PNG, JPEG, GIF or WebP, at most 256 KB. Shown on customer pages and in mail.</p>
          {view?.logoPath ? <img src={view.logoPath} alt="Current logo" className="brand-preview" /> : <p>No logo yet.</p>}
          <Field label="Upload a logo" error={fieldErrors.logo}>
            {(a) => (
              <input
                {...a}
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (file) void run(async () => (setView(await uploadLogo(file)), setNotice('Logo saved.')));
                }}
              />
            )}
          </Field>
          {view?.logoPath && (
            <button type="button" disabled={busy} onClick={() => run(async () => (setView(await api<BrandingViewBody>('DELETE', '/branding/logo')), setNotice('Logo removed.')))}>
              Remove the logo
            </button>
          )}
        </section>
      </div>
    </Screen>
  );
}
