// The ticket queue: filters, sorting, list or kanban by status; polls so new tickets appear by themselves.
import { useEffect, useState } from 'react';
import { api, type TicketRow } from './api';
import { SlaBar } from './SlaBar';

const STATUSES = ['new', 'in_progress', 'pending_customer', 'escalated', 'resolved', 'reopened', 'closed'] as const;
const label = (s: string) => s.replace(/_/g, ' ');

export function Board({ open }: { open: (n: number) => void }) {
  const [items, setItems] = useState<TicketRow[]>([]);
  const [filters, setFilters] = useState({ status: '', priority: '', breached: '', q: '', sort: 'newest' });
  const [view, setView] = useState<'list' | 'kanban'>('list');
  const [error, setError] = useState('');

  useEffect(() => {
    let alive = true;
    const load = () => {
      const qs = new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>);
      api<{ items: TicketRow[] }>('GET', `/tickets?${qs}`)
        .then((r) => alive && (setItems(r.items), setError('')))
        .catch((e: Error) => alive && setError(e.message));
    };
    load();
    const id = setInterval(load, 3000);
    return () => {
      alive = false;
      clearInterval(id);
    };
  }, [filters]);

  const set = (k: keyof typeof filters) => (e: { target: { value: string } }) => setFilters({ ...filters, [k]: e.target.value });
  const card = (t: TicketRow) => (
    <button key={t.number} className="ticket-row" data-ticket={t.number} onClick={() => open(t.number)}>
      <span className="num">#{t.number}</span>
      <span className={`badge p-${t.priority}`}>{t.priority}</span>
      {t.escalationLevel > 0 && <span className="badge esc">L{t.escalationLevel}</span>}
      <span className="status">{label(t.status)}</span>
      <span className="title">{t.title}</span>
      {t.sentiment && <span className={`badge s-${t.sentiment}`}>{t.sentiment}</span>}
      {t.churnRisk !== null && <span className="badge">churn {Math.round(t.churnRisk <= 1 ? t.churnRisk * 100 : t.churnRisk)}%</span>}
      <span className="bars">
        <SlaBar label="First response" clock={t.sla.firstResponse} escalated={t.status === 'escalated'} />
        <SlaBar label="Resolution" clock={t.sla.resolution} escalated={t.status === 'escalated'} />
      </span>
    </button>
  );

  return (
    <section aria-label="Ticket board">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={filters.status} onChange={set('status')}>
            <option value="">any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority
          <select value={filters.priority} onChange={set('priority')}>
            <option value="">any</option>
            <option>high</option>
            <option>medium</option>
            <option>low</option>
          </select>
        </label>
        <label>
          Breached
          <select value={filters.breached} onChange={set('breached')}>
            <option value="">any</option>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
        </label>
        <label>
          Search
          <input type="search" value={filters.q} onChange={set('q')} placeholder="words in the feedback" />
        </label>
        <label>
          Sort
          <select value={filters.sort} onChange={set('sort')}>
            <option value="newest">newest</option>
            <option value="sla_due">SLA due</option>
            <option value="churn_risk">churn risk</option>
            <option value="urgency">urgency</option>
            <option value="age">oldest</option>
          </select>
        </label>
        <button type="button" onClick={() => setView(view === 'list' ? 'kanban' : 'list')}>
          {view === 'list' ? 'Kanban view' : 'List view'}
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {view === 'list' ? (
        <div className="list">{items.length ? items.map(card) : <p>No tickets match.</p>}</div>
      ) : (
        <div className="kanban">
          {STATUSES.map((s) => (
            <div key={s} className="column">
              <h3>{label(s)}</h3>
              {items.filter((t) => t.status === s).map(card)}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
