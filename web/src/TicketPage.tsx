// One ticket: the feedback that opened it, SLA bars, the AI panel, assignment, the allowed moves and
// the resolve dialog, the composer and the timeline. Read from the read model again on each live event
// of this ticket (web/src/live.tsx), so changes by others show up by themselves, without polling.
import { useEffect, useState } from 'react';
import { api, ApiError, label, type TaxonomyEntry, type Ticket } from './api';
import { BOARD_KEY } from './Board';
import { useMe, usePeople, useResource } from './data';
import { useShortcuts } from './keyboard';
import { useLiveReload } from './live';
import { Link } from './router';
import { SlaBar } from './SlaBar';
import { AiPanel } from './ticket/AiPanel';
import { CustomerContextPanel } from './ticket/CustomerContext';
import { Composer } from './ticket/Composer';
import { ResolveDialog } from './ticket/ResolveDialog';
import { Timeline } from './ticket/Timeline';
import { Alert, fmtDate, Screen } from './ui';
import { isOpen } from '../../domain/lifecycle';
import { PRIORITIES, SMILE_SCORES, type Priority } from '../../domain/types';

const SMILE = Object.fromEntries(Object.entries(SMILE_SCORES).map(([k, v]) => [v, k]));

function scoreText(type: string | null, score: number | null) {
  if (score === null) return '–';
  if (type === 'star') return `${score} of 5 stars`;
  if (type === 'nps') return `NPS ${score} of 10`;
  if (type === 'smile') return `smile: ${SMILE[score] ?? score}`;
  return String(score);
}

export function TicketPage({ number }: { number: number }) {
  const { me } = useMe();
  const { people, nameOf } = usePeople();
  // Opening the page asks the workflow once (it alone knows whether it still runs); each live event
  // re-reads the read model only — unless the workflow is gone, when the read model is all there is anyway.
  const [fromReadModel, setFromReadModel] = useState(false);
  const { data: t, error: loadError, reload } = useResource<Ticket>(`/tickets/${number}${fromReadModel ? '?source=read-model' : ''}`);
  useLiveReload(() => (fromReadModel || t?.live === false ? reload() : setFromReadModel(true)), (m) => m.type === 'ticket' && m.number === number);
  const taxonomy = useResource<{ items: TaxonomyEntry[] }>('/taxonomies').data?.items ?? [];
  const [error, setError] = useState('');
  const [resolving, setResolving] = useState(false);
  const [regenerating, setRegenerating] = useState<string | null>(null);
  const [assignTo, setAssignTo] = useState<string | null>(null);
  const [priorityTo, setPriorityTo] = useState<Priority | null>(null);

  /** Runs a ticket command; answers the error text (with the allowed moves on a 409) or null. */
  const act = async (path: string, payload: unknown, headers?: Record<string, string>): Promise<string | null> => {
    setError('');
    try {
      await api('POST', `/tickets/${number}/${path}`, payload, headers);
      await reload();
      return null;
    } catch (e) {
      const allowed = e instanceof ApiError && Array.isArray(e.details?.allowed) ? ` Allowed: ${(e.details!.allowed as string[]).map(label).join(', ') || 'none'}.` : '';
      const text = `${(e as Error).message}.${allowed}`;
      setError(text);
      return text;
    }
  };

  useShortcuts([
    {
      key: 'a',
      description: 'Assign this ticket to me',
      run: () => {
        if (t && t.live && t.status !== 'closed' && t.assigneeId !== me.id) void act('assign', { userId: me.id });
      },
    },
  ]);

  // "Regenerating…" until a new analysis arrives (or gives up after a while).
  const analysedAt = t?.ai?.analysedAt;
  useEffect(() => {
    if (regenerating === null) return;
    if (analysedAt !== regenerating) return setRegenerating(null);
    const id = setTimeout(() => setRegenerating(null), 30_000);
    return () => clearTimeout(id);
  }, [analysedAt, regenerating]);

  if (!t) return <Screen title={`Ticket #${number}`}>{loadError ? <Alert>{loadError}</Alert> : <p>Loading…</p>}</Screen>;
  const escalated = t.status === 'escalated';
  const allowed = t.allowedTransitions;
  const moves = allowed.filter((s) => s !== 'resolved' && s !== 'reopened' && s !== 'closed');
  const open = isOpen(t.status);
  // A closed ticket's workflow has finished: it takes no more commands.
  const writable = t.live && t.status !== 'closed';
  const canReassign = me.role !== 'agent';
  // A branch-less ticket may go to anyone active (domain/ticket-access.ts); else to who works its branch.
  const candidates = people.filter((u) => u.active && (u.role === 'admin' || t.branch === null || u.branches.includes(t.branch)));

  return (
    <Screen title={`#${t.number} ${t.title}`}>
      <p>
        <Link to={`/tickets${sessionStorage.getItem(BOARD_KEY) ?? ''}`}>← Tickets</Link>
      </p>
      <div className="meta">
        <span className="status" data-status={t.status}>
          {label(t.status)}
        </span>
        <span className={`badge p-${t.priority}`}>{t.priority}</span>
        {t.escalationLevel > 0 && <span className="badge esc">L{t.escalationLevel}</span>}
        <span>{label(t.kind)}</span>
        <span>{t.branch ?? 'no branch'}</span>
        {t.service && <span>{t.service}</span>}
        {t.temporalUrl && (
          <a href={t.temporalUrl} target="_blank" rel="noreferrer">
            Workflow in Temporal UI
          </a>
        )}
        {t.linkedTicketNumber !== null && <Link to={`/tickets/${t.linkedTicketNumber}`}>follow-up of #{t.linkedTicketNumber}</Link>}
      </div>
      {!writable && <p className="notice">{t.status === 'closed' ? (allowed.includes('reopened') ? 'This ticket is closed; it can still be reopened.' : 'This ticket is closed.') : 'The workflow of this ticket has ended; this is the stored record.'}</p>}
      <div className="bars">
        <SlaBar label="First response" clock={t.sla.firstResponse} escalated={escalated} />
        <SlaBar label="Resolution" clock={t.sla.resolution} escalated={escalated} />
        <SlaBar label="Next reply" clock={t.sla.nextReply} escalated={escalated} />
      </div>
      <Alert>{error}</Alert>
      <div className="ticket-grid">
        <div className="col-main">
          <section className="panel" aria-labelledby="feedback-title">
            <h2 id="feedback-title">Feedback</h2>
            <dl className="facts">
              <dt>Channel</dt>
              <dd>{t.channel ?? '–'}</dd>
              <dt>Score</dt>
              <dd>{scoreText(t.captureType, t.score)}</dd>
              <dt>Comment</dt>
              <dd>{t.comment ? <q>{t.comment}</q> : <em>no comment</em>}</dd>
              <dt>Contact</dt>
              <dd>
                {[t.contact.name, t.contact.email, t.contact.phone].filter(Boolean).join(' · ') || 'anonymous'}
              </dd>
              <dt>Received</dt>
              <dd>{fmtDate(t.createdAt)}</dd>
            </dl>
          </section>
          {writable && <Composer ticket={t} send={(body, visibility, key) => act('comments', { body, visibility }, { 'idempotency-key': key })} onChanged={reload} />}
          {writable && t.channel === 'google' && t.timeline.some((e) => e.type === 'google_reply' && e.data?.delivery !== 'failed') && (
            <div className="row">
              <button type="button" onClick={() => void (confirm('Delete the reply on Google?') && act('google-reply/delete', {}))}>
                Delete the reply on Google
              </button>
            </div>
          )}
          <Timeline events={t.timeline} nameOf={nameOf} taxonomy={taxonomy} />
        </div>
        <div className="col-side">
          <section className="panel" aria-labelledby="work-title">
            <h2 id="work-title">Work</h2>
            <p>
              Assignee: <strong data-testid="assignee">{nameOf(t.assigneeId)}</strong>
            </p>
            {/* Agents take unassigned tickets; taking a colleague's is a manager's reassignment. */}
            {writable && open && me.role === 'agent' && t.assigneeId === null && (
              <button type="button" onClick={() => act('assign', { userId: me.id })}>
                Take ticket
              </button>
            )}
            {writable && canReassign && (
              <form
                className="row"
                onSubmit={async (e) => {
                  e.preventDefault();
                  if (assignTo !== null && !(await act('assign', { userId: assignTo || null }))) setAssignTo(null);
                }}
              >
                <div className="field">
                  <label htmlFor="assign-to">Assign to</label>
                  <select id="assign-to" value={assignTo ?? t.assigneeId ?? ''} onChange={(e) => setAssignTo(e.target.value)}>
                    <option value="">unassigned</option>
                    {candidates.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name}
                        {u.available ? '' : ' (away)'}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" disabled={assignTo === null}>
                  Assign
                </button>
              </form>
            )}
            {writable && open && (
              <form
                className="row"
                onSubmit={async (e) => {
                  e.preventDefault();
                  // The SLA due times are re-computed from the start with the new multiplier.
                  if (priorityTo !== null && !(await act('priority', { priority: priorityTo }))) setPriorityTo(null);
                }}
              >
                <div className="field">
                  <label htmlFor="priority-to">Priority</label>
                  <select id="priority-to" value={priorityTo ?? t.priority} onChange={(e) => setPriorityTo(e.target.value as Priority)}>
                    {PRIORITIES.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit" disabled={priorityTo === null || priorityTo === t.priority}>
                  Change priority
                </button>
              </form>
            )}
            {(writable || (t.live && allowed.includes('reopened'))) && (
              <div className="actions" role="group" aria-label="Status">
                {moves.map((s) => (
                  <button key={s} type="button" onClick={() => act('status', { to: s })}>
                    Move to {label(s)}
                  </button>
                ))}
                {allowed.includes('resolved') && (
                  <button type="button" className="primary" onClick={() => setResolving(true)}>
                    Resolve…
                  </button>
                )}
                {allowed.includes('reopened') && (
                  <button type="button" onClick={() => act('reopen', {})}>
                    Reopen
                  </button>
                )}
              </div>
            )}
            {(t.rootCauseId || typeof t.csat?.score === 'number') && (
              <dl className="facts">
                {t.rootCauseId && (
                  <>
                    <dt>Root cause</dt>
                    <dd>{taxonomy.find((x) => x.id === t.rootCauseId)?.name ?? t.rootCauseId}</dd>
                    <dt>Action taken</dt>
                    <dd>{taxonomy.find((x) => x.id === t.actionId)?.name ?? t.actionId}</dd>
                  </>
                )}
                {typeof t.csat?.score === 'number' && (
                  <>
                    <dt>CSAT</dt>
                    <dd>{t.csat.score} of 5</dd>
                  </>
                )}
              </dl>
            )}
          </section>
          <AiPanel
            ai={t.ai}
            corrections={t.aiCorrections}
            themeNames={taxonomy.filter((x) => x.kind === 'theme' && !x.retired).map((x) => x.name)}
            correct={(c) => api('PUT', `/tickets/${number}/ai-correction`, c).then(reload).then(() => null, (e: Error) => e.message)}
            canRegenerate={writable}
            busy={regenerating !== null}
            regenerate={async () => {
              const before = t.ai?.analysedAt ?? '';
              if (!(await act('reanalyse', {}))) setRegenerating(before);
            }}
          />
          <CustomerContextPanel number={t.number} version={t.version} />
        </div>
      </div>
      <ResolveDialog
        open={resolving}
        taxonomy={taxonomy}
        onClose={() => setResolving(false)}
        onResolve={async (r) => {
          const problem = await act('resolve', r);
          if (!problem) setResolving(false);
          return problem;
        }}
      />
    </Screen>
  );
}
