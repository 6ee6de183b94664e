// The AI's reading of the ticket: summary, sentiment, urgency, churn risk, themes, the suggested
// action and similar resolved tickets (links). Every guess says who made it (the model or the local
// analyser) and how sure it was, and the agent can correct sentiment and themes: the correction is
// kept over later analyses (and the board and reports use it).
import { useState } from 'react';
import type { AiCorrections, AiView } from '../api';
import { percent } from '../api';
import { Link } from '../router';
import { Alert, fmtDate } from '../ui';
import { confidenceWord } from '../../../domain/ai-correction';
import { SENTIMENTS, type Sentiment } from '../../../domain/ai';
import '../desk.css';

export interface AiCorrectionProps {
  corrections: AiCorrections;
  /** The admin theme list, for the correction form. */
  themeNames: string[];
  correct?: (c: { sentiment?: Sentiment; themes?: string[] }) => Promise<string | null>;
}

function SourceLabel({ ai }: { ai: AiView }) {
  const c = ai.confidence;
  const words = c ? `confidence: sentiment ${confidenceWord(c.sentiment)}, themes ${confidenceWord(c.themes)}` : 'no confidence given';
  return ai.source === 'local' ? (
    <span className="badge local" title="No model configured, or it failed: the built-in keyword analyser guessed this" data-testid="ai-source">
      Local analyser (keyword rules, a guess) · {words}
    </span>
  ) : (
    <span className="badge" data-testid="ai-source">
      Model · {words}
    </span>
  );
}

function CorrectionForm({ ai, corrections, themeNames, correct }: { ai: AiView } & Required<AiCorrectionProps>) {
  const [sentiment, setSentiment] = useState<Sentiment>(corrections.sentiment?.value ?? ai.sentiment);
  const [themes, setThemes] = useState<string[]>(corrections.themes?.value ?? ai.themes);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);
  return (
    <details className="ai-correct">
      <summary>Correct the analysis</summary>
      <form
        aria-label="Correct the analysis"
        onSubmit={async (e) => {
          e.preventDefault();
          setSaved(false);
          const problem = await correct({ sentiment, themes });
          setError(problem ?? '');
          setSaved(!problem);
        }}
      >
        <div className="field">
          <label htmlFor="correct-sentiment">Sentiment</label>
          <select id="correct-sentiment" value={sentiment} onChange={(e) => setSentiment(e.target.value as Sentiment)}>
            {SENTIMENTS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>Themes</legend>
          {themeNames.map((name) => (
            <label key={name} className="inline">
              <input type="checkbox" checked={themes.includes(name)} onChange={(e) => setThemes(e.target.checked ? [...themes, name] : themes.filter((t) => t !== name))} /> {name}
            </label>
          ))}
        </fieldset>
        <Alert>{error}</Alert>
        {saved && <p role="status">Saved. Later analyses keep your correction.</p>}
        <div className="row">
          <button type="submit">Save correction</button>
        </div>
      </form>
    </details>
  );
}

export function AiPanel({ ai, regenerate, busy, canRegenerate, corrections, themeNames = [], correct }: { ai: AiView | null; regenerate: () => void; busy: boolean; canRegenerate: boolean } & Partial<AiCorrectionProps>) {
  const fixed = corrections ?? { sentiment: null, themes: null };
  const sentiment = fixed.sentiment?.value ?? ai?.sentiment;
  const themes = fixed.themes?.value ?? ai?.themes ?? [];
  const by = (c: { by: { name: string }; at: number } | null) => (c ? `corrected by ${c.by.name}, ${fmtDate(c.at)}` : '');
  return (
    <section className="panel ai" aria-labelledby="ai-title">
      <div className="panel-head">
        <h2 id="ai-title">AI analysis</h2>
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
          <p>
            <SourceLabel ai={ai} />
          </p>
          <p className="summary">{ai.summary}</p>
          <dl className="facts">
            <dt>Sentiment</dt>
            <dd data-testid="ai-sentiment">
              <span className={`badge s-${sentiment}`}>{sentiment}</span>{' '}
              {fixed.sentiment ? (
                <span className="badge corrected" title={by(fixed.sentiment)}>
                  corrected (the analyser said {fixed.sentiment.aiValue ?? '–'})
                </span>
              ) : (
                <span className="guess">guessed</span>
              )}
            </dd>
            <dt>Urgency</dt>
            <dd>{ai.urgency}</dd>
            <dt>Churn risk</dt>
            <dd>
              {percent(ai.churnRisk)} <span className="guess">estimated from score, mood and wording</span>
            </dd>
            <dt>Themes</dt>
            <dd data-testid="ai-themes">
              {themes.length ? themes.map((t) => <span key={t} className="badge theme">{t}</span>) : '–'}{' '}
              {fixed.themes ? (
                <span className="badge corrected" title={by(fixed.themes)}>
                  corrected
                </span>
              ) : (
                <span className="guess">guessed</span>
              )}
            </dd>
            <dt>Suggested action</dt>
            <dd>{ai.suggestedAction}</dd>
          </dl>
          {correct && <CorrectionForm ai={ai} corrections={fixed} themeNames={themeNames} correct={correct} />}
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
