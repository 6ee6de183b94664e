// Reports: the saved and shared reports, the ready-made ones and the builder (managers and admins);
// agents open the reports shared with them, computed over their own branches.
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '../api';
import type { User } from '../../../api/routes/users';
import { ROLES } from '../../../domain/types';
import { api } from '../api';
import { Screen } from '../ui';
import { PivotChart, PivotTable } from './PivotTable';
import { ReportBuilder } from './ReportBuilder';
import type { PivotResult, ReadyMade, ReportQueryInput, SavedReport, Teammates } from './report-api';
import './reports.css';

const BLANK: ReportQueryInput = { rows: ['branch'], columns: [], measures: ['ticketsOpened', 'resolutionRate', 'csatPercent'], period: { lastDays: 30 } };
type Selected = { kind: 'new' } | { kind: 'saved'; report: SavedReport } | { kind: 'ready'; report: ReadyMade };

export function ReportsPage({ me }: { me: Me }) {
  const builder = me.role !== 'agent';
  const [saved, setSaved] = useState<SavedReport[]>([]);
  const [ready, setReady] = useState<ReadyMade[]>([]);
  const [teammates, setTeammates] = useState<Teammates | null>(null);
  const [selected, setSelected] = useState<Selected | null>(builder ? { kind: 'new' } : null);
  const [error, setError] = useState('');
  // A new builder per pick from the list; saving keeps the builder (and its table) as it is.
  const [builderKey, setBuilderKey] = useState(0);
  const pick = (s: Selected) => (setSelected(s), setBuilderKey((k) => k + 1));

  const reload = useCallback(() => api<{ items: SavedReport[] }>('GET', '/reports/saved').then((r) => setSaved(r.items)), []);
  useEffect(() => {
    reload().catch((e: Error) => setError(e.message));
    if (builder) {
      api<{ items: ReadyMade[] }>('GET', '/reports/ready-made').then((r) => setReady(r.items)).catch(() => undefined);
      // Colleagues of the user's branches (everyone, for an admin) and the roles a report can go to.
      api<{ items: User[] }>('GET', '/users')
        .then((r) => setTeammates({ users: r.items.filter((u) => u.active), roles: [...ROLES] }))
        .catch(() => undefined);
    }
  }, [builder, reload]);

  const current = (s: Selected) => (selected && s.kind === selected.kind && (s.kind === 'new' || (s as { report: { id: string } }).report.id === (selected as { report: { id: string } }).report.id) ? 'true' : undefined);

  return (
    <Screen title="Reports">
    <div className="reports">
      <aside aria-label="Report list">
        {builder && (
          <button type="button" onClick={() => pick({ kind: 'new' })} aria-current={current({ kind: 'new' })}>
            + New report
          </button>
        )}
        <h2>Saved and shared</h2>
        {saved.length === 0 && <p className="note">No reports yet.</p>}
        {saved.map((r) => (
          <button key={r.id} type="button" data-report={r.name} onClick={() => pick({ kind: 'saved', report: r })} aria-current={current({ kind: 'saved', report: r })}>
            {r.name}
            <span className="note"> · {r.owner.id === me.id ? 'yours' : `by ${r.owner.name}`}</span>
          </button>
        ))}
        {builder && (
          <>
            <h2>Ready-made</h2>
            {ready.map((r) => (
              <button key={r.id} type="button" title={r.description} onClick={() => pick({ kind: 'ready', report: r })} aria-current={current({ kind: 'ready', report: r })}>
                {r.name}
              </button>
            ))}
          </>
        )}
      </aside>
      <div>
        {error && <p role="alert">{error}</p>}
        {!selected && <p>Pick a report shared with you.</p>}
        {selected && builder && (
          <ReportBuilder
            key={builderKey}
            initial={selected.kind === 'new' ? BLANK : selected.report.definition}
            saved={selected.kind === 'saved' ? selected.report : null}
            name={selected.kind === 'new' ? '' : selected.report.name}
            teammates={teammates}
            meId={me.id}
            onSaved={(r) => reload().then(() => setSelected({ kind: 'saved', report: r }))}
          />
        )}
        {selected?.kind === 'saved' && !builder && <ReportViewer key={selected.report.id} report={selected.report} />}
      </div>
    </div>
    </Screen>
  );
}

/** A shared report as its viewer sees it (their branches), with file downloads. */
function ReportViewer({ report }: { report: SavedReport }) {
  const [result, setResult] = useState<PivotResult | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<PivotResult>('GET', `/reports/saved/${report.id}/result`).then(setResult).catch((e: Error) => setError(e.message));
  }, [report.id]);
  const file = (f: string) => `/api/v1/reports/saved/${report.id}/result?format=${f}`;
  return (
    <section aria-label={report.name}>
      <h2>{report.name}</h2>
      <p className="note">
        Shared by {report.owner.name}
        {report.description ? ` · ${report.description}` : ''}
      </p>
      {error && <p role="alert">{error}</p>}
      {result && (
        <>
          <PivotChart result={result} />
          <PivotTable result={result} caption={report.name} />
        </>
      )}
      <p className="actions">
        <a href={file('csv')} download>
          Download CSV
        </a>
        <a href={file('xlsx')} download>
          Download XLSX
        </a>
        <a href={file('pdf')} download>
          Download PDF
        </a>
      </p>
    </section>
  );
}
