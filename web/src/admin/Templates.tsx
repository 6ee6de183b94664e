// Admin: the mail templates (reply, CSAT survey and reminder, advocacy ask, staff notices), with their
// placeholders, a preview with example values, and reset to the default. Customer templates are edited
// per language (a customer gets their own, else the branch default, else English); staff notices are English.
import { useCallback, useEffect, useState } from 'react';
import type { MailTemplate } from '../../../api/routes/templates';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../domain/i18n/locales';
import { api, ApiError } from '../api';

type Body = Pick<MailTemplate, 'subject' | 'text' | 'html'>;
const label = (key: string) => key.replace(/_/g, ' ');

export function Templates() {
  const [items, setItems] = useState<MailTemplate[]>([]);
  const [key, setKey] = useState<string>('reply');
  const [locale, setLocale] = useState<Locale>('en');
  const [draft, setDraft] = useState<Body>({ subject: '', text: '', html: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const [notice, setNotice] = useState('');
  const [preview, setPreview] = useState<Body | null>(null);

  const load = useCallback(async () => {
    const r = await api<{ items: MailTemplate[] }>('GET', `/templates?locale=${locale}`);
    setItems(r.items);
    return r.items;
  }, [locale]);
  const select = (t: MailTemplate) => {
    setKey(t.key);
    setDraft({ subject: t.subject, text: t.text, html: t.html });
    setProblems([]);
    setNotice('');
    setPreview(null);
  };
  useEffect(() => {
    load()
      .then((list) => {
        const same = list.find((t) => t.key === key) ?? list[0];
        if (same) select(same);
      })
      .catch((e: Error) => setProblems([e.message]));
  }, [load]);

  const current = items.find((t) => t.key === key);
  const run = async (fn: () => Promise<void>) => {
    setProblems([]);
    setNotice('');
    try {
      await fn();
    } catch (e) {
      const fields = e instanceof ApiError && Array.isArray(e.details?.fields) ? (e.details!.fields as Array<{ path: string; message: string }>).map((f) => `${f.path}: ${f.message}`) : [(e as Error).message];
      setProblems(fields);
    }
  };

  if (!current) return <p>{problems[0] ?? 'Loading…'}</p>;
  return (
    <section className="admin-templates" aria-label="Mail templates">
      <h2>Mail templates</h2>
      <label className="template-locale">
        Language of customer mail{' '}
        <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <nav className="template-list" aria-label="Templates">
        {items.map((t) => (
          <button key={t.key} aria-pressed={t.key === key} onClick={() => select(t)}>
            {label(t.key)} {t.customised && <span className="badge">edited</span>}
          </button>
        ))}
      </nav>
      <form
        className="panel template-form"
        aria-label={`Template ${label(key)}`}
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => {
            const saved = await api<MailTemplate>('PUT', `/templates/${key}?locale=${current?.locale ?? 'en'}`, draft);
            setItems(items.map((t) => (t.key === key ? saved : t)));
            setNotice('Saved. New mail uses it from now on.');
          });
        }}
      >
        <p>
          {current.description} <em>({current.audience === 'customer' ? `to the customer, in ${LOCALE_NAMES[current.locale]}` : 'to staff, in English'})</em>
        </p>
        <p className="placeholders">
          Placeholders:{' '}
          {current.placeholders.map((p) => (
            <code key={p.name} title={p.description}>{`{{${p.name}}}`}</code>
          ))}
          {current.required.length > 0 && <> — required: {current.required.map((r) => r.map((n) => `{{${n}}}`).join(' or ')).join('; ')}</>}
        </p>
        <label>
          Subject
          <input dir="auto" value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} required />
        </label>
        <label>
          Plain text
          <textarea dir="auto" value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} rows={9} required />
        </label>
        <label>
          HTML (optional: empty = made from the text)
          <textarea value={draft.html} onChange={(e) => setDraft({ ...draft, html: e.target.value })} rows={5} />
        </label>
        {problems.length > 0 && (
          <ul role="alert" className="error">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {notice && <p role="status">{notice}</p>}
        <div className="actions">
          <button type="submit">Save</button>
          <button type="button" onClick={() => run(async () => setPreview(await api<Body>('POST', `/templates/${key}/preview?locale=${current?.locale ?? 'en'}`, draft)))}>
            Preview
          </button>
          <button
            type="button"
            disabled={!current.customised}
            onClick={() =>
              run(async () => {
                const reset = await api<MailTemplate>('DELETE', `/templates/${key}?locale=${current?.locale ?? 'en'}`);
                setItems(items.map((t) => (t.key === key ? reset : t)));
                select(reset);
                setNotice('Back to the default.');
              })
            }
          >
            Reset to default
          </button>
        </div>
      </form>
      {preview && (
        <section className="panel" aria-label="Preview">
          <h3>{preview.subject}</h3>
          <pre className="mail-text">{preview.text}</pre>
          <iframe title="HTML preview" sandbox="" srcDoc={preview.html} className="mail-html" />
        </section>
      )}
    </section>
  );
}
