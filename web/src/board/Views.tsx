// Board views: "My open tickets" (an agent's default), the views an admin shares and your own, each
// with how many tickets it shows you now. A view is the board's filters and sort, as its URL has them.
import { useEffect, useState } from 'react';
import { api, type SavedView } from '../api';
import { useMe, useResource } from '../data';
import { navigate } from '../router';
import { Alert, ConfirmButton } from '../ui';
import '../desk.css';

/** The board's filter query without its own keys (page, list/kanban), in a comparable form. */
const filtersOf = (query: URLSearchParams) => {
  const q = new URLSearchParams(query);
  q.delete('view');
  q.delete('offset');
  q.sort();
  return q.toString().replace(/%2C/g, ',');
};
const DEFAULT_APPLIED = 'closeloop:default-view';

export function ViewsBar({ query }: { query: URLSearchParams }) {
  const { me } = useMe();
  const { data, error, reload } = useResource<{ items: SavedView[] }>('/views');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [problem, setProblem] = useState('');
  const views = data?.items ?? [];
  const current = filtersOf(query);

  // An agent's board opens on their default view once per session; "Clear filters" then shows all.
  const fallback = views.find((v) => v.isDefault);
  useEffect(() => {
    if (!fallback || current || sessionStorage.getItem(DEFAULT_APPLIED)) return;
    sessionStorage.setItem(DEFAULT_APPLIED, '1');
    navigate(boardUrl(fallback), { replace: true });
  }, [fallback, current]);

  /** The view's filters, keeping the board's list or kanban layout. */
  const boardUrl = (v: SavedView) => `/tickets?${v.boardQuery}${query.get('view') ? `&view=${query.get('view')}` : ''}`;

  return (
    <div className="views-bar">
      <ul className="views" aria-label="Views">
        {views.map((v) => {
          const here = filtersOf(new URLSearchParams(v.boardQuery)) === current;
          return (
            <li key={v.id} data-view={v.name}>
              <a
                href={`/tickets?${v.boardQuery}`}
                aria-current={here ? 'true' : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  navigate(boardUrl(v));
                }}
              >
                {v.name} <span className="view-count" aria-label={`${v.count ?? 'unknown'} tickets`}>{v.count ?? '–'}</span>
                {v.kind === 'shared' && <span className="sr-only"> (shared)</span>}
              </a>
              {v.canEdit && (
                <ConfirmButton confirm={`Delete view ${v.name}`} onConfirm={() => api('DELETE', `/views/${v.id}`).then(reload, (e: Error) => setProblem(e.message))}>
                  <span aria-hidden="true">✕</span>
                  <span className="sr-only">Delete view {v.name}</span>
                </ConfirmButton>
              )}
            </li>
          );
        })}
        <li>
          <button type="button" className="link" aria-expanded={saving} onClick={() => setSaving(!saving)}>
            Save these filters as a view
          </button>
        </li>
      </ul>
      {saving && (
        <form
          className="save-view"
          aria-label="Save view"
          onSubmit={async (e) => {
            e.preventDefault();
            setProblem('');
            try {
              await api('POST', '/views', { name, query: current, shared });
              setSaving(false);
              setName('');
              await reload();
            } catch (err) {
              setProblem((err as Error).message);
            }
          }}
        >
          <div className="field">
            <label htmlFor="view-name">View name</label>
            <input id="view-name" required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          {me.role === 'admin' && (
            <label className="inline">
              <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Shared with everyone
            </label>
          )}
          <button type="submit" className="primary">
            Save view
          </button>
        </form>
      )}
      <Alert>{error || problem}</Alert>
    </div>
  );
}
