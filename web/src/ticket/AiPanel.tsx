// The AI's reading of the ticket: summary, sentiment, urgency, churn risk, themes, the suggested
// action and similar resolved tickets (links), with a visible marker when the local analyser made it.
import type { AiView } from '../api';
import { percent } from '../api';
import { Link } from '../router';
import { fmtDate } from '../ui';

export function AiPanel({ ai, regenerate, busy, canRegenerate }: { ai: AiView | null; regenerate: () => void; busy: boolean; canRegenerate: boolean }) {
  return (
    <section className="panel ai" aria-labelledby="ai-title">
      <div className="panel-head">
        <h2 id="ai-title">AI analysis</h2>
        {ai?.source === 'local' && (
          <span className="badge local" title="No model configured or it failed: the built-in analyser answered">
            Local analyser
          </span>
        )}
        {canRegenerate && (
          <button type="button" onClick={regenerate} disabled={busy}>
            {busy ? 'Regenerating…' : 'Regenerate'}
          </button>
        )}
      </div>
      {!ai ? (
        <p>Not analysed yet.</p>
      ) : (
        <>
          <p className="summary">{ai.summary}</p>
          <dl className="facts">
            <dt>Sentiment</dt>
            <dd>
              <span className={`badge s-${ai.sentiment}`}>{ai.sentiment}</span>
            </dd>
            <dt>Urgency</dt>
            <dd>{ai.urgency}</dd>
            <dt>Churn risk</dt>
            <dd>{percent(ai.churnRisk)}</dd>
            <dt>Themes</dt>
            <dd>{ai.themes.length ? ai.themes.map((t) => <span key={t} className="badge theme">{t}</span>) : '–'}</dd>
            <dt>Suggested action</dt>
            <dd>{ai.suggestedAction}</dd>
          </dl>
          <h3>Similar tickets</h3>
          {ai.similar.length ? (
            <ul className="similar">
              {ai.similar.map((s) => (
                <li key={s.ticketNumber}>
                  <Link to={`/tickets/${s.ticketNumber}`}>
                    #{s.ticketNumber} {s.title}
                  </Link>{' '}
                  — root cause: {s.rootCause ?? 'not resolved'}, action: {s.action ?? '–'}
                </li>
              ))}
            </ul>
          ) : (
            <p>None found.</p>
          )}
          <p className="hint">Analysed {fmtDate(ai.analysedAt)}</p>
        </>
      )}
    </section>
  );
}
