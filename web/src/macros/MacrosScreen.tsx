// Macros: everyone keeps personal canned replies; admins also keep the shared ones. A macro's text may
// use placeholders (filled for the ticket it is used on) and may also set status, priority or assignee.
import { useState } from 'react';
import { api, label, type Macro } from '../api';
import { useMe, usePeople, useResource } from '../data';
import { Alert, ConfirmButton, Field, Notice, Screen, Table, useAction } from '../ui';
import { describeActions } from '../ticket/MacroPicker';
import { MACRO_STATUSES } from '../../../domain/macros';
import { PRIORITIES } from '../../../domain/types';
import '../desk.css';

interface Draft {
  id: string | null;
  name: string;
  body: string;
  shared: boolean;
  locale: string;
  status: string;
  priority: string;
  assignee: string;
}
const EMPTY: Draft = { id: null, name: '', body: '', shared: false, locale: '', status: '', priority: '', assignee: '' };
const toDraft = (m: Macro): Draft => ({ id: m.id, name: m.name, body: m.body, shared: m.shared, locale: m.locale ?? '', status: m.actions.status ?? '', priority: m.actions.priority ?? '', assignee: m.actions.assignee ?? '' });
const bodyOf = (d: Draft) => ({
  name: d.name,
  body: d.body,
  shared: d.shared,
  locale: d.locale.trim() || null,
  actions: { ...(d.status ? { status: d.status } : {}), ...(d.priority ? { priority: d.priority } : {}), ...(d.assignee ? { assignee: d.assignee } : {}) },
});

export function MacrosScreen() {
  const { me } = useMe();
  const { people } = usePeople();
  const { data, error: loadError, reload } = useResource<{ items: Macro[]; placeholders: Array<{ name: string; description: string }> }>('/macros');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState('');
  const { busy, error, fields, run } = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d));
  const items = data?.items ?? [];
  const select = (text: string, value: string, onChange: (v: string) => void, options: Array<[string, string]>) => (
    <Field label={text}>
      {(a) => (
        <select {...a} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">leave as it is</option>
          {options.map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <Screen
      title="Macros"
      actions={
        <button type="button" className="primary" onClick={() => (setSaved(''), setDraft({ ...EMPTY }))}>
          New macro
        </button>
      }
    >
      <p className="hint">Canned replies for the composer (Macros… above the message). {me.role === 'admin' ? 'Shared macros are offered to everyone; ' : 'Admins keep the shared ones; '}your own are offered only to you.</p>
      <Alert>{loadError}</Alert>
      {saved && <Notice>{saved}</Notice>}
      {draft && (
        <form
          className="panel stack macro-form"
          aria-labelledby="macro-form-title"
          onSubmit={async (e) => {
            e.preventDefault();
            const ok = await run(async () => (await api(draft.id ? 'PUT' : 'POST', draft.id ? `/macros/${draft.id}` : '/macros', bodyOf(draft)), true));
            if (ok) {
              setSaved(`Saved “${draft.name}”.`);
              setDraft(null);
              await reload();
            }
          }}
        >
          <h2 id="macro-form-title">{draft.id ? `Edit “${draft.name}”` : 'New macro'}</h2>
          <Field label="Name" error={fields.name}>
            {(a) => <input {...a} required maxLength={100} value={draft.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="Text" error={fields.body} hint={`Placeholders: ${(data?.placeholders ?? []).map((p) => `{{${p.name}}}`).join(' ')}`}>
            {(a) => <textarea {...a} required rows={6} value={draft.body} onChange={(e) => set('body', e.target.value)} />}
          </Field>
          <Field label="Language (optional)" error={fields.locale} hint="e.g. en or de-CH; empty: any. Offering macros by the customer's language comes with translations.">
            {(a) => <input {...a} value={draft.locale} onChange={(e) => set('locale', e.target.value)} />}
          </Field>
          <fieldset>
            <legend>Also, when used</legend>
            <div className="row wrap">
              {select('Status', draft.status, (v) => set('status', v), MACRO_STATUSES.map((s) => [s, label(s)]))}
              {select('Priority', draft.priority, (v) => set('priority', v), PRIORITIES.map((p) => [p, p]))}
              {select('Assignee', draft.assignee, (v) => set('assignee', v), [['me', 'whoever uses it'], ['none', 'nobody (unassign)'], ...people.filter((p) => p.active).map((p) => [p.id, p.name] as [string, string])])}
            </div>
            <small className="hint">Each runs as the usual change, with its usual checks: an agent cannot give a ticket to someone else, for instance, and is told so.</small>
          </fieldset>
          {me.role === 'admin' && (
            <label className="inline">
              <input type="checkbox" checked={draft.shared} onChange={(e) => set('shared', e.target.checked)} /> Shared with everyone
            </label>
          )}
          <Alert>{error}</Alert>
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Save macro
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {data && items.length === 0 ? (
        <p>No macros yet. A macro is a reply you write once and use on many tickets.</p>
      ) : (
        <Table caption="Macros" columns={['Name', 'Kind', 'Text', 'Also', '']}>
          {items.map((m) => (
            <tr key={m.id} data-macro={m.name}>
              <td>{m.name}</td>
              <td>{m.shared ? 'shared' : 'mine'}</td>
              <td className="hint">{m.body.length > 120 ? `${m.body.slice(0, 119)}…` : m.body}</td>
              <td>{describeActions(m.actions) || '–'}</td>
              <td>
                {m.canEdit && (
                  <span className="row">
                    <button type="button" aria-label={`Edit ${m.name}`} onClick={() => (setSaved(''), setDraft(toDraft(m)))}>
                      Edit
                    </button>
                    <ConfirmButton confirm={`Delete ${m.name}`} onConfirm={() => run(async () => (await api('DELETE', `/macros/${m.id}`), await reload()))}>
                      Delete
                    </ConfirmButton>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Screen>
  );
}
