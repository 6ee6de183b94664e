// Macros from the composer: search the shared ones and yours, then use one — its text (placeholders
// filled for this ticket) goes into the draft for the agent to read and send, and its actions (status,
// priority, assignee) run as the usual commands. What an action could not do is said, in words.
import { useEffect, useId, useState } from 'react';
import { api, label, type Macro, type MacroApplication } from '../api';
import { Link } from '../router';
import { Alert } from '../ui';
import '../desk.css';

const ACTION_WORD = { assignee: 'Assignee', priority: 'Priority', status: 'Status' } as const;

export function describeActions(a: Macro['actions']): string {
  const parts = [
    a.status && `status → ${label(a.status)}`,
    a.priority && `priority → ${a.priority}`,
    a.assignee && `assign → ${a.assignee === 'me' ? 'whoever uses it' : a.assignee === 'none' ? 'nobody' : 'a colleague'}`,
  ].filter(Boolean);
  return parts.length ? `also sets ${parts.join(', ')}` : '';
}

export function MacroPicker({ ticket, onInsert, onApplied }: { ticket: number; onInsert: (text: string) => void; onApplied: () => void }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Macro[] | null>(null);
  const [error, setError] = useState('');
  const [outcome, setOutcome] = useState<{ name: string; actions: MacroApplication['actions'] } | null>(null);

  useEffect(() => {
    if (!open) return;
    const t = setTimeout(() => {
      api<{ items: Macro[] }>('GET', `/macros${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`)
        .then((r) => (setItems(r.items), setError('')))
        .catch((e: Error) => setError(e.message));
    }, 200);
    return () => clearTimeout(t);
  }, [open, q]);

  const use = async (m: Macro) => {
    setError('');
    try {
      const r = await api<MacroApplication>('POST', `/macros/${m.id}/apply`, { ticket });
      onInsert(r.text);
      setOutcome({ name: m.name, actions: r.actions });
      if (r.actions.some((a) => a.ok)) onApplied();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div className="macro-picker">
      <button type="button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {open ? 'Hide macros' : 'Macros…'}
      </button>
      {open && (
        <div id={`${id}-panel`} role="group" aria-label="Macros">
          <div className="field">
            <label htmlFor={`${id}-q`}>Search macros</label>
            <input id={`${id}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="name or words in the text" />
          </div>
          {items && items.length === 0 && (
            <p className="hint">
              No macro matches. <Link to="/macros">Write one</Link>.
            </p>
          )}
          {items && items.length > 0 && (
            <ul aria-label="Matching macros">
              {items.map((m) => (
                <li key={m.id} data-macro={m.name}>
                  <span>
                    <strong>{m.name}</strong> {m.shared ? <span className="badge">shared</span> : <span className="badge">mine</span>}
                    {describeActions(m.actions) && <span className="macro-actions"> — {describeActions(m.actions)}</span>}
                  </span>
                  <button type="button" onClick={() => use(m)} aria-label={`Use macro ${m.name}`}>
                    Use
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Alert>{error}</Alert>
      {outcome && (
        <div role="status" className="macro-outcome">
          Inserted “{outcome.name}”.
          {outcome.actions.map((a) => (
            <span key={a.action} data-action={a.action} data-ok={a.ok}>
              {' '}
              {ACTION_WORD[a.action]}: {a.ok ? 'done' : `not changed — ${a.error?.message ?? 'refused'}`}.
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
