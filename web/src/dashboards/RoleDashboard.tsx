// The dashboard for the viewer's role (GET /dashboards/mine): agents see their queue, SLA risk and
// CSAT; managers compare branches, breaches, recovery and root causes; admins see all of it. Every
// panel has its title, and an empty state that says what will appear there.
import { DIMENSIONS, formatMeasure, MEASURES, type MeasureKey } from '../../../domain/report-catalogue';
import { label, type DashboardPanel, type RoleDashboard as RoleDashboardData } from '../api';
import { useResource } from '../data';
import { useLiveSummary } from '../live';
import { Chart } from '../reports/Chart';
import { Link } from '../router';
import { SlaBar } from '../SlaBar';
import { Alert, Table } from '../ui';
import '../desk.css';

const hasData = (p: DashboardPanel) =>
  p.kind === 'tickets' ? (p.tickets?.length ?? 0) > 0 : !!p.result && p.result.rowKeys.length > 0 && p.result.rowTotals.some((t) => Object.values(t).some((v) => v !== null && v !== 0));

function Totals({ panel }: { panel: DashboardPanel }) {
  if (!panel.totals.length || !panel.result) return null;
  return (
    <p className="totals">
      {panel.totals.map((m) => (
        <span key={m} data-total={m}>
          <strong>{formatMeasure(m, panel.result!.grandTotal[m])}</strong> {MEASURES[m].label.toLowerCase()}
        </span>
      ))}
    </p>
  );
}

function Body({ panel }: { panel: DashboardPanel }) {
  if (panel.kind === 'tickets') {
    return (
      <>
        <p className="totals">
          <strong>{panel.total}</strong> at risk or breached
        </p>
        <ul className="plain">
          {panel.tickets!.map((t) => (
            <li key={t.number}>
              <Link to={`/tickets/${t.number}`}>
                #{t.number} {t.title}
              </Link>{' '}
              <span className="hint">{label(t.status)}</span>
              <span className="bars">
                <SlaBar label="First response" clock={t.sla.firstResponse} escalated={t.status === 'escalated'} />
                <SlaBar label="Resolution" clock={t.sla.resolution} escalated={t.status === 'escalated'} />
              </span>
            </li>
          ))}
        </ul>
      </>
    );
  }
  const r = panel.result!;
  const first = r.query.measures[0] as MeasureKey;
  const points = r.rowKeys.map((k, i) => ({ label: k.labels.join(' · '), value: r.rowTotals[i][first] ?? null }));
  if (panel.kind === 'table') {
    const measures = r.query.measures as MeasureKey[];
    return (
      <Table caption={panel.title} columns={[...r.query.rows.map((d) => DIMENSIONS[d].label), ...measures.map((m) => MEASURES[m].label)]}>
        {r.rowKeys.map((k, i) => (
          <tr key={i}>
            {k.labels.map((l, j) => (
              <th key={j} scope="row">
                {l}
              </th>
            ))}
            {measures.map((m) => (
              <td key={m}>{formatMeasure(m, r.rowTotals[i][m])}</td>
            ))}
          </tr>
        ))}
      </Table>
    );
  }
  return (
    <>
      <Totals panel={panel} />
      <Chart title={panel.title} kind={panel.kind} max={MEASURES[first].format === 'ratio' ? 1 : undefined} points={points} format={(v) => formatMeasure(first, v)} />
    </>
  );
}

export function RoleDashboard() {
  const { data, error, reload } = useResource<RoleDashboardData>('/dashboards/mine');
  useLiveSummary(reload, { fallbackPollMs: 60_000 });
  if (error) return <Alert>{error}</Alert>;
  if (!data) return <p>Loading…</p>;
  return (
    <div className="role-dashboard" data-role={data.role}>
      {data.panels.map((p) => (
        <section key={p.id} className="panel" aria-labelledby={`panel-${p.id}`} data-panel={p.id}>
          <h2 id={`panel-${p.id}`}>{p.title}</h2>
          {hasData(p) ? <Body panel={p} /> : <p className="empty">{p.empty}</p>}
        </section>
      ))}
    </div>
  );
}
