// The ticket queue: every filter and the sort live in the URL (shareable, survive a reload); list or
// kanban by status; re-read on live events (web/src/live.tsx), so new tickets and changes appear
// without a reload or polling, and the SLA bars move every second on their own.
import { useEffect, useState } from 'react';
import { label, percent, type Branch, type Service, type TicketPage, type TicketSummary, type TicketSort } from './api';
import { useMe, usePeople, useResource } from './data';
import { useShortcuts } from './keyboard';
import { useLiveReload } from './live';
import { Link, navigate, useLocation } from './router';
import { SlaBar } from './SlaBar';
import { BulkBar, SelectBox, useSelection } from './board/BulkActions';
import { ViewsBar } from './board/Views';
import { Alert, Screen } from './ui';
import { OPEN_STATUSES } from '../../domain/lifecycle';
import { PRIORITIES, TICKET_KINDS, TICKET_STATUSES } from '../../domain/types';

const OPEN = OPEN_STATUSES.join(',');
const SORTS: Record<TicketSort, string> = { newest: 'newest', sla_due: 'SLA due', churn_risk: 'churn risk', urgency: 'urgency', age: 'oldest' };
/** Query keys the API filters on; `view` and the page offset are the board's own. */
const FILTER_KEYS = ['status', 'priority', 'branch', 'service', 'assignee', 'kind', 'breached', 'escalationLevel', 'q', 'sort'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
const PAGE = 50;
/** The board's query, so the ticket page links back to the same filters. */
export const BOARD_KEY = 'closeloop:board';

function ago(at: number, now: number) {
  const m = Math.max(0, Math.round((now - at) / 60_000));
  return m < 60 ? `${m} min ago` : m < 48 * 60 ? `${Math.round(m / 60)} h ago` : `${Math.round(m / 1440)} d ago`;
}

export function Board() {
  const { me } = useMe();
  const { query } = useLocation();
  const { people, nameOf } = usePeople();
  const branches = useResource<{ items: Branch[] }>('/branches').data?.items ?? [];
  const services = useResource<{ items: Service[] }>('/services').data?.items ?? [];
  const view = query.get('view') === 'kanban' ? 'kanban' : 'list';
  const offset = Number(query.get('offset') ?? 0) || 0;

  const apiQuery = new URLSearchParams();
  for (const k of FILTER_KEYS) if (query.get(k)) apiQuery.set(k, query.get(k)!);
  apiQuery.set('limit', String(view === 'kanban' ? 200 : PAGE));
  if (view === 'list' && offset) apiQuery.set('offset', String(offset));
  const { data, error, reload } = useResource<TicketPage>(`/tickets?${apiQuery}`);
  useLiveReload(reload, (m) => m.type === 'ticket');
  const items = data?.items ?? [];
  const selection = useSelection(items);

  const setParams = (changes: Partial<Record<FilterKey | 'view' | 'offset', string>>) => {
    const next = new URLSearchParams(location.search); // not a render's copy: debounced calls come late
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('offset' in changes)) next.delete('offset'); // a new filter starts on the first page
    const qs = next.toString();
    navigate(`/tickets${qs ? `?${qs}` : ''}`, { replace: true });
  };
  const select = (key: FilterKey, text: string, options: Array<[string, string]>, anyLabel = 'any') => (
    <div className="field">
      <label htmlFor={`f-${key}`}>{text}</label>
      <select id={`f-${key}`} value={query.get(key) ?? ''} onChange={(e) => setParams({ [key]: e.target.value })}>
        <option value="">{anyLabel}</option>
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );

  const search = query.toString();
  useEffect(() => sessionStorage.setItem(BOARD_KEY, search ? `?${search}` : ''), [search]);

  // Typing searches after a pause, not on every key.
  const [q, setQ] = useState(query.get('q') ?? '');
  useEffect(() => {
    if (q === (new URLSearchParams(location.search).get('q') ?? '')) return;
    const id = setTimeout(() => setParams({ q }), 300);
    return () => clearTimeout(id);
  }, [q]);

  // j / k walk the rows (Enter opens the focused one, as any link).
  const move = (by: number) => {
    const rows = [...document.querySelectorAll<HTMLAnchorElement>('a.ticket-row')];
    const at = rows.indexOf(document.activeElement as HTMLAnchorElement);
    rows[Math.min(rows.length - 1, Math.max(0, at === -1 ? 0 : at + by))]?.focus();
  };
  useShortcuts([
    { key: 'j', description: 'Next ticket', run: () => move(1) },
    { key: 'k', description: 'Previous ticket', run: () => move(-1) },
    // A focused row is a link: Enter opens it by itself; listed here for the "?" help.
    { key: 'Enter', description: 'Open the focused ticket', run: () => false },
  ]);

  const now = Date.now();
  const card = (t: TicketSummary) => (
    <li key={t.number} className="board-row">
      <SelectBox number={t.number} selection={selection} />
      <Link to={`/tickets/${t.number}`} className="ticket-row" data-ticket={t.number} data-status={t.status}>
        <span className="row-head">
          <span className="num">#{t.number}</span>
          <span className={`badge p-${t.priority}`}>{t.priority}</span>
          {t.escalationLevel > 0 && (
            <span className="badge esc" title={`Escalation level ${t.escalationLevel}`}>
              L{t.escalationLevel}
            </span>
          )}
          <span className="status" data-status={t.status}>
            {label(t.status)}
          </span>
          {t.breached && <span className="badge breached">breached</span>}
        </span>
        <span className="title">{t.title}</span>
        <span className="row-meta">
          {t.branch ?? 'no branch'}
          {t.service ? ` · ${t.service}` : ''} · {nameOf(t.assigneeId)} · {label(t.kind)} · {ago(t.createdAt, now)}
        </span>
        <span className="row-ai">
          {t.sentiment && <span className={`badge s-${t.sentiment}`}>{t.sentiment}</span>}
          {t.churnRisk !== null && <span className="badge churn">churn {percent(t.churnRisk)}</span>}
        </span>
        <span className="bars">
          <SlaBar label="First response" clock={t.sla.firstResponse} escalated={t.status === 'escalated'} />
          <SlaBar label="Resolution" clock={t.sla.resolution} escalated={t.status === 'escalated'} />
        </span>
      </Link>
    </li>
  );

  const statusFilter = query.get('status');
  const columns = statusFilter ? TICKET_STATUSES.filter((s) => statusFilter.split(',').includes(s)) : TICKET_STATUSES;
  const total = data?.total ?? 0;

  return (
    <Screen
      title="Tickets"
      actions={
        <div className="view-switch" role="group" aria-label="View">
          <button type="button" aria-pressed={view === 'list'} onClick={() => setParams({ view: '' })}>
            List
          </button>
          <button type="button" aria-pressed={view === 'kanban'} onClick={() => setParams({ view: 'kanban' })}>
            Kanban
          </button>
        </div>
      }
    >
      <ViewsBar query={query} />
      <form className="filters" role="search" aria-label="Filter tickets" onSubmit={(e) => e.preventDefault()}>
        <div className="field grow">
          <label htmlFor="f-q">Search</label>
          <input id="f-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="words in the feedback, or #number" />
        </div>
        {select('status', 'Status', [[OPEN, 'open (not resolved)'], ...TICKET_STATUSES.map((s) => [s, label(s)] as [string, string])])}
        {select('priority', 'Priority', PRIORITIES.map((p) => [p, p]))}
        {select('branch', 'Branch', branches.filter((b) => me.role === 'admin' || me.branches.includes(b.id)).map((b) => [b.id, b.name]))}
        {select('service', 'Service', services.map((s) => [s.id, s.name]))}
        {select('assignee', 'Assignee', [[me.id, 'me'], ['none', 'unassigned'], ...people.filter((p) => p.id !== me.id).map((p) => [p.id, p.name] as [string, string])])}
        {select('kind', 'Kind', TICKET_KINDS.map((k) => [k, k]))}
        {select('breached', 'SLA breached', [['true', 'yes'], ['false', 'no']])}
        {select('escalationLevel', 'Escalation', [['0', 'not escalated'], ['1', 'L1'], ['2', 'L2'], ['3', 'L3']])}
        {select('sort', 'Sort by', Object.entries(SORTS).filter(([k]) => k !== 'newest'), 'newest')}
        {[...FILTER_KEYS].some((k) => query.get(k)) && (
          <button type="button" className="link" onClick={() => (setQ(''), navigate(view === 'kanban' ? '/tickets?view=kanban' : '/tickets', { replace: true }))}>
            Clear filters
          </button>
        )}
      </form>
      <Alert>{error}</Alert>
      <BulkBar selection={selection} people={people} canReassign={me.role !== 'agent'} meId={me.id} onDone={reload} />
      <p className="count" aria-live="polite">
        {data ? (total === 0 ? 'No tickets match.' : view === 'list' ? `${offset + 1}–${offset + items.length} of ${total} tickets` : `${items.length} of ${total} tickets`) : 'Loading…'}
      </p>
      {view === 'list' ? (
        <>
          <ul className="list">{items.map(card)}</ul>
          {total > PAGE && (
            <div className="pager">
              <button type="button" disabled={offset === 0} onClick={() => setParams({ offset: String(Math.max(0, offset - PAGE)) })}>
                Previous page
              </button>
              <button type="button" disabled={offset + PAGE >= total} onClick={() => setParams({ offset: String(offset + PAGE) })}>
                Next page
              </button>
            </div>
          )}
        </>
      ) : (
        <div className="kanban">
          {columns.map((s) => {
            const cards = items.filter((t) => t.status === s);
            return (
              <section key={s} className="column" aria-labelledby={`col-${s}`}>
                <h2 id={`col-${s}`}>
                  {label(s)} <span className="col-count">{cards.length}</span>
                </h2>
                <ul>{cards.map(card)}</ul>
              </section>
            );
          })}
        </div>
      )}
    </Screen>
  );
}
