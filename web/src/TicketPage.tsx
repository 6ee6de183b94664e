// One ticket: the feedback, the AI panel, SLA bars, the timeline, the composer and the allowed actions.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, type TaxonomyEntry, type TicketDetail } from './api';
import { Attachments, type AttachmentRef } from './Attachments';
import { SlaBar } from './SlaBar';

const label = (s: string) => s.replace(/_/g, ' ');

export function TicketPage({ number, back }: { number: number; back: () => void }) {
  const [t, setT] = useState<TicketDetail | null>(null);
  const [error, setError] = useState('');
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<'public' | 'internal'>('internal');
  const [resolving, setResolving] = useState(false);
  const [taxonomy, setTaxonomy] = useState<TaxonomyEntry[]>([]);
  const [resolution, setResolution] = useState({ rootCauseId: '', actionId: '', note: '' });

  const load = useCallback(() => api<TicketDetail>('GET', `/tickets/${number}`).then(setT).catch((e: Error) => setError(e.message)), [number]);
  useEffect(() => {
    load();
    const id = setInterval(load, 3000);
    return () => clearInterval(id);
  }, [load]);

  const act = async (path: string, payload: unknown) => {
    setError('');
    try {
      await api('POST', `/tickets/${number}/${path}`, payload);
      await load();
      return true;
    } catch (e) {
      const allowed = e instanceof ApiError && Array.isArray(e.details?.allowed) ? ` Allowed: ${(e.details!.allowed as string[]).map(label).join(', ') || 'none'}.` : '';
      setError(`${(e as Error).message}.${allowed}`);
      return false;
    }
  };

  if (!t) return <p>{error || 'Loading…'}</p>;
  const escalated = t.status === 'escalated';
  const moves = t.allowedTransitions.filter((s) => s !== 'resolved' && s !== 'reopened');

  return (
    <article className="ticket" aria-label={`Ticket ${t.number}`}>
      <button onClick={back}>← Board</button>
      <h2>
        #{t.number} {t.title}
      </h2>
      <p className="meta">
        <span className="status" data-status={t.status}>{label(t.status)}</span> · <span className={`badge p-${t.priority}`}>{t.priority}</span>
        {t.escalationLevel > 0 && <span className="badge esc">L{t.escalationLevel}</span>} · {t.channel} · {t.branch ?? 'no branch'} ·{' '}
        <a href={t.temporalUrl} target="_blank" rel="noreferrer">
          Open in Temporal UI
        </a>
        {t.linkedTicketNumber !== null && <> · follow-up of #{t.linkedTicketNumber}</>}
      </p>
      <div className="bars">
        <SlaBar label="First response" clock={t.sla.firstResponse} escalated={escalated} />
        <SlaBar label="Resolution" clock={t.sla.resolution} escalated={escalated} />
        <SlaBar label="Next reply" clock={t.sla.nextReply} escalated={escalated} />
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      <section className="panel">
        <h3>Feedback</h3>
        <p>
          {t.captureType?.toUpperCase()} {t.score} — {t.comment ?? <em>no comment</em>}
        </p>
        <p>
          {t.contact.name} {t.contact.email} {t.contact.phone}
        </p>
      </section>
      {t.ai && (
        <section className="panel ai" aria-label="AI analysis">
          <h3>AI ({t.ai.source === 'llm' ? 'model' : 'local analyser'})</h3>
          <p>{t.ai.summary}</p>
          <p>
            Sentiment {t.ai.sentiment} · urgency {t.ai.urgency} · churn risk {Math.round(t.ai.churnRisk <= 1 ? t.ai.churnRisk * 100 : t.ai.churnRisk)}% · {t.ai.themes.join(', ')}
          </p>
          <p>Suggested action: {t.ai.suggestedAction}</p>
          {t.ai.similar.length > 0 && (
            <ul>
              {t.ai.similar.map((s) => (
                <li key={s.ticketNumber}>
                  #{s.ticketNumber} {s.title} — {s.rootCause ?? '?'} / {s.action ?? '?'}
                </li>
              ))}
            </ul>
          )}
          <button onClick={() => setBody(t.ai!.suggestedReply)}>Use draft reply</button> <button onClick={() => act('reanalyse', {})}>Regenerate</button>
        </section>
      )}
      <section className="panel actions" aria-label="Actions">
        {moves.map((s) => (
          <button key={s} onClick={() => act('status', { to: s })}>
            Move to {label(s)}
          </button>
        ))}
        {t.allowedTransitions.includes('resolved') && (
          <button
            onClick={async () => {
              setTaxonomy((await api<{ items: TaxonomyEntry[] }>('GET', '/taxonomies')).items.filter((e) => !e.retired));
              setResolving(true);
            }}
          >
            Resolve…
          </button>
        )}
        {t.allowedTransitions.includes('reopened') && <button onClick={() => act('reopen', {})}>Reopen</button>}
      </section>
      {resolving && (
        <form
          className="panel"
          aria-label="Resolve"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await act('resolve', resolution)) setResolving(false);
          }}
        >
          <TaxonomySelect label="Root cause" kind="root_cause" entries={taxonomy} value={resolution.rootCauseId} onChange={(rootCauseId) => setResolution({ ...resolution, rootCauseId })} />
          <TaxonomySelect label="Action taken" kind="action" entries={taxonomy} value={resolution.actionId} onChange={(actionId) => setResolution({ ...resolution, actionId })} />
          <label>
            Note
            <input value={resolution.note} onChange={(e) => setResolution({ ...resolution, note: e.target.value })} />
          </label>
          <button type="submit">Confirm resolve</button>
        </form>
      )}
      <form
        className="panel composer"
        aria-label="Composer"
        onSubmit={async (e) => {
          e.preventDefault();
          if (await act('comments', { body, visibility })) setBody('');
        }}
      >
        <fieldset>
          <legend>Visibility</legend>
          <label>
            <input type="radio" checked={visibility === 'internal'} onChange={() => setVisibility('internal')} /> Internal note
          </label>
          <label>
            <input type="radio" checked={visibility === 'public'} onChange={() => setVisibility('public')} /> Public reply (emailed)
          </label>
        </fieldset>
        <label>
          Message
          <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} />
        </label>
        <button type="submit">{visibility === 'public' ? 'Send reply' : 'Add note'}</button>
      </form>
      <section className="panel" aria-label="Timeline">
        <h3>Timeline</h3>
        <ol className="timeline">
          {t.timeline.map((e) => (
            <li key={e.seq} data-type={e.type}>
              <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time> <strong>{label(e.type)}</strong> by {e.actorName}
              {e.from || e.to ? ` ${e.from ?? ''} → ${e.to ?? ''}` : ''}
              {e.reason ? ` (${e.reason})` : ''}
              {typeof e.data?.body === 'string' && <blockquote data-visibility={String(e.data.visibility ?? 'customer')}>{e.data.body}</blockquote>}
              {Array.isArray(e.data?.attachments) && <Attachments items={e.data.attachments as AttachmentRef[]} />}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function TaxonomySelect(p: { label: string; kind: TaxonomyEntry['kind']; entries: TaxonomyEntry[]; value: string; onChange: (id: string) => void }) {
  return (
    <label>
      {p.label}
      <select required value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        <option value="">choose…</option>
        {p.entries.filter((x) => x.kind === p.kind).map((x) => (
          <option key={x.id} value={x.id}>
            {x.name}
          </option>
        ))}
      </select>
    </label>
  );
}
