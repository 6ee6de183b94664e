// The customer beside the ticket: their other tickets and every answer they gave on any channel
// (score history), their CSAT answers and the churn-risk trend, with links. Only what lies in the
// viewer's branches is listed; the rest is counted, so nobody mistakes a partial history for all of it.
import { useEffect } from 'react';
import { label, percent, type CustomerContext } from '../api';
import { useResource } from '../data';
import { Chart } from '../reports/Chart';
import { Link } from '../router';
import { Alert } from '../ui';
import '../desk.css';

const day = (ms: number) => new Date(ms).toLocaleDateString();
const scoreText = (type: string, score: number) => (type === 'star' ? `${score} of 5 stars` : type === 'nps' ? `NPS ${score}` : `smile ${['negative', 'neutral', 'positive'][score] ?? score}`);

export function CustomerContextPanel({ number, version }: { number: number; version: number }) {
  const { data, error, reload } = useResource<CustomerContext>(`/tickets/${number}/customer`);
  // The ticket changed (a new analysis, a CSAT answer): its line in the history may have too.
  useEffect(() => void reload(), [version, reload]);
  const others = data?.tickets.filter((t) => !t.current) ?? [];
  return (
    <section className="panel customer" aria-labelledby="customer-title" data-testid="customer-context">
      <h2 id="customer-title">Customer history</h2>
      <Alert>{error}</Alert>
      {!data ? (
        !error && <p>Loading…</p>
      ) : data.identifiedBy === null ? (
        <p className="hint">Anonymous: no e-mail address or phone number, so their other feedback cannot be found.</p>
      ) : (
        <>
          <p className="hint">Recognised by {data.identifiedBy === 'email' ? 'e-mail address' : 'phone number'} on every channel.</p>
          <h3>Other tickets ({others.length})</h3>
          {others.length ? (
            <ul aria-label="Other tickets">
              {others.map((t) => (
                <li key={t.number}>
                  <Link to={`/tickets/${t.number}`}>#{t.number}</Link> {label(t.status)} · {t.channel ?? '–'} · {t.branch ?? 'no branch'} · {day(t.createdAt)}
                  {t.csatScore !== null ? ` · CSAT ${t.csatScore}/5` : ''}
                  <div className="hint">{t.title}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No other tickets.</p>
          )}
          <h3>Score history ({data.feedback.length})</h3>
          {data.feedback.length ? (
            <ul aria-label="Score history">
              {data.feedback.map((f) => (
                <li key={f.id} data-tier={f.tier}>
                  {day(f.submittedAt)} · {label(f.channel)} · <strong>{scoreText(f.type, f.score)}</strong> <span className={`badge ${f.tier === 'detractor' ? 's-negative' : f.tier === 'promoter' ? 's-positive' : 's-neutral'}`}>{f.tier}</span>
                  {f.ticketNumber !== null && f.ticketNumber !== number && (
                    <>
                      {' '}→ <Link to={`/tickets/${f.ticketNumber}`}>#{f.ticketNumber}</Link>
                    </>
                  )}
                  {f.ticketNumber === number && <span className="hint"> (this ticket)</span>}
                  {f.comment && <div className="hint">“{f.comment}”</div>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No scores recorded.</p>
          )}
          <h3>CSAT answers ({data.csat.length})</h3>
          {data.csat.length ? (
            <ul aria-label="CSAT answers">
              {data.csat.map((c) => (
                <li key={c.ticketNumber}>
                  <Link to={`/tickets/${c.ticketNumber}`}>#{c.ticketNumber}</Link> {c.score}/5 · {day(c.answeredAt)}
                  {c.comment && <div className="hint">“{c.comment}”</div>}
                </li>
              ))}
            </ul>
          ) : (
            <p className="hint">No CSAT answers yet.</p>
          )}
          <h3>Churn risk trend</h3>
          {data.churnTrend.length > 1 ? (
            <Chart title="Churn risk per ticket, oldest first" kind="line" max={100} points={data.churnTrend.map((p) => ({ label: `#${p.ticketNumber}`, value: p.churnRisk }))} format={(v) => percent(v)} />
          ) : data.churnTrend.length === 1 ? (
            <p>
              {percent(data.churnTrend[0].churnRisk)} on #{data.churnTrend[0].ticketNumber}; a trend appears with their next analysed ticket.
            </p>
          ) : (
            <p className="hint">No analysed tickets yet: the churn risk of each will be drawn here.</p>
          )}
          {(data.hidden.tickets > 0 || data.hidden.feedback > 0) && (
            <p className="hint" data-testid="customer-hidden">
              Not shown: {data.hidden.tickets} ticket(s) and {data.hidden.feedback} answer(s) of this customer in branches you do not work.
            </p>
          )}
          {data.truncated && <p className="hint">Only the newest 100 tickets and answers are listed.</p>}
        </>
      )}
    </section>
  );
}
