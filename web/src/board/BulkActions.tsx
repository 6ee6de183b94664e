// Bulk actions on the board: tick tickets (or all on the page), then assign, move or re-prioritise
// them in one request (POST /tickets/bulk runs each as the usual command, a few at a time). The answer
// lists every ticket that refused and why; those stay ticked so they can be looked at or retried.
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, label, type BulkResult, type TicketSummary, type User } from '../api';
import { Link } from '../router';
import { Alert } from '../ui';
import { PRIORITIES, TICKET_STATUSES } from '../../../domain/types';
import '../desk.css';

export interface Selection {
  selected: ReadonlySet<number>;
  toggle: (n: number, on: boolean) => void;
  setAll: (on: boolean) => void;
  keepOnly: (numbers: number[]) => void;
  /** Numbers on the page now. */
  page: number[];
}

/** Ticked tickets; a ticket that leaves the page (a filter, a new page) leaves the selection. */
export function useSelection(items: TicketSummary[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const page = useMemo(() => items.map((t) => t.number), [items]);
  const key = page.join(',');
  useEffect(() => setSelected((s) => new Set([...s].filter((n) => page.includes(n)))), [key]);
  return {
    selected,
    page,
    toggle: (n, on) => setSelected((s) => (on ? new Set([...s, n]) : new Set([...s].filter((x) => x !== n)))),
    setAll: (on) => setSelected(on ? new Set(page) : new Set()),
    keepOnly: (numbers) => setSelected(new Set(numbers)),
  };
}

export function SelectBox({ number, selection }: { number: number; selection: Selection }) {
  return (
    <span className="select-ticket">
      <input type="checkbox" aria-label={`Select ticket #${number}`} checked={selection.selected.has(number)} onChange={(e) => selection.toggle(number, e.target.checked)} />
    </span>
  );
}

type Kind = 'assign' | 'status' | 'priority';
const MANUAL_STATUSES = TICKET_STATUSES.filter((s) => s !== 'new' && s !== 'resolved' && s !== 'closed');

export function BulkBar({ selection, people, canReassign, meId, onDone }: { selection: Selection; people: User[]; canReassign: boolean; meId: string; onDone: () => void }) {
  const [kind, setKind] = useState<Kind>('status');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [result, setResult] = useState<BulkResult | null>(null);
  const all = useRef<HTMLInputElement>(null);
  const n = selection.selected.size;
  const allOn = n > 0 && n === selection.page.length;
  useEffect(() => {
    if (all.current) all.current.indeterminate = n > 0 && !allOn;
  }, [n, allOn]);

  // Agents may only take tickets; managers and admins give them to anyone (the server checks again).
  const assignees: Array<[string, string]> = canReassign ? [['none', 'nobody (unassign)'], ...people.filter((p) => p.active).map((p) => [p.id, p.name] as [string, string])] : [[meId, 'me']];
  const options: Record<Kind, Array<[string, string]>> = {
    assign: assignees,
    status: MANUAL_STATUSES.map((s) => [s, label(s)]),
    priority: PRIORITIES.map((p) => [p, p]),
  };
  const action = () => (kind === 'assign' ? { kind, userId: value === 'none' ? null : value } : kind === 'status' ? { kind, to: value } : { kind, priority: value });

  return (
    <>
      <form
        className="bulk-bar"
        aria-label="Bulk actions"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          setResult(null);
          try {
            const r = await api<BulkResult>('POST', '/tickets/bulk', { tickets: [...selection.selected], action: action() });
            setResult(r);
            selection.keepOnly(r.results.filter((x) => !x.ok).map((x) => x.ticket));
            onDone();
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <label className="inline">
          <input ref={all} type="checkbox" checked={allOn} disabled={!selection.page.length} onChange={(e) => selection.setAll(e.target.checked)} /> Select all {selection.page.length} on this page
        </label>
        <span aria-live="polite">{n} selected</span>
        <div className="field">
          <label htmlFor="bulk-kind">Change</label>
          <select id="bulk-kind" value={kind} onChange={(e) => (setKind(e.target.value as Kind), setValue(''))}>
            <option value="status">status</option>
            <option value="priority">priority</option>
            <option value="assign">assignee</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="bulk-value">To</label>
          <select id="bulk-value" value={value} onChange={(e) => setValue(e.target.value)} required>
            <option value="">choose…</option>
            {options[kind].map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={busy || n === 0 || !value}>
          {busy ? 'Applying…' : `Apply to ${n} ticket${n === 1 ? '' : 's'}`}
        </button>
      </form>
      <Alert>{error}</Alert>
      {result && (
        <div className="bulk-results" role={result.refused ? 'alert' : 'status'} data-testid="bulk-result">
          <p>
            Changed {result.done} of {result.results.length}.{result.refused ? ` ${result.refused} refused (still selected):` : ''}
          </p>
          {result.refused > 0 && (
            <ul>
              {result.results
                .filter((r) => !r.ok)
                .map((r) => (
                  <li key={r.ticket} data-refused={r.ticket}>
                    <Link to={`/tickets/${r.ticket}`}>#{r.ticket}</Link>: {r.error?.message ?? 'refused'}
                    {Array.isArray(r.error?.details?.allowed) ? ` (allowed: ${(r.error!.details!.allowed as string[]).map(label).join(', ') || 'none'})` : ''}
                  </li>
                ))}
            </ul>
          )}
        </div>
      )}
    </>
  );
}
