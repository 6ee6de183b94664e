// Resolving needs a root cause and an action taken from the admin's taxonomies: a modal dialog
// (focus moves in, Escape closes, focus returns to the button that opened it).
import { useEffect, useRef, useState } from 'react';
import type { TaxonomyEntry } from '../api';
import { Alert, Field } from '../ui';

export function ResolveDialog(p: { open: boolean; taxonomy: TaxonomyEntry[]; onClose: () => void; onResolve: (r: { rootCauseId: string; actionId: string; note?: string }) => Promise<string | null> }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState({ rootCauseId: '', actionId: '', note: '' });
  const [error, setError] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (p.open && !d.open) d.showModal();
    if (!p.open && d.open) d.close();
  }, [p.open]);
  const live = (kind: TaxonomyEntry['kind']) => p.taxonomy.filter((x) => x.kind === kind && !x.retired);
  const choose = (key: 'rootCauseId' | 'actionId', text: string, kind: TaxonomyEntry['kind']) => (
    <Field label={text}>
      {(a) => (
        <select {...a} required value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })}>
          <option value="">choose…</option>
          {live(kind).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <dialog ref={ref} aria-labelledby="resolve-title" onClose={p.onClose}>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          const problem = await p.onResolve({ rootCauseId: form.rootCauseId, actionId: form.actionId, ...(form.note.trim() ? { note: form.note.trim() } : {}) });
          setError(problem ?? '');
          if (!problem) setForm({ rootCauseId: '', actionId: '', note: '' });
        }}
      >
        <h2 id="resolve-title">Resolve the ticket</h2>
        {choose('rootCauseId', 'Root cause', 'root_cause')}
        {choose('actionId', 'Action taken', 'action')}
        <Field label="Resolution note (internal)">{(a) => <textarea {...a} rows={3} value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />}</Field>
        <Alert>{error}</Alert>
        <div className="row">
          <button type="submit" className="primary">
            Confirm resolve
          </button>
          <button type="button" onClick={p.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
