// The home dashboard: the same measures as the reports (GET /reports/dashboard), for the user's branches.
import { useCallback, useEffect, useState } from 'react';
import { formatMeasure, type MeasureKey, type MeasureValues } from '../../domain/report-catalogue';
import { api } from './api';
import { useLiveSummary } from './live';
import { Screen } from './ui';
import { Chart } from './reports/Chart';
import { RoleDashboard } from './dashboards/RoleDashboard';
import type { PivotResult } from './reports/report-api';
import './reports/reports.css';

interface DashboardData {
  now: MeasureValues;
  last30Days: MeasureValues;
  csatTrend: PivotResult;
}

const TILES: Array<{ key: MeasureKey; from: 'now' | 'last30Days'; label: string }> = [
  { key: 'openTickets', from: 'now', label: 'open tickets' },
  { key: 'openBreachedTickets', from: 'now', label: 'breached (open)' },
  { key: 'slaCompliance', from: 'last30Days', label: 'SLA compliance, 30 days' },
  { key: 'recoveryRate', from: 'last30Days', label: 'recovery rate, 30 days' },
  { key: 'csatPercent', from: 'last30Days', label: 'CSAT, 30 days' },
];

export function Dashboard() {
  const [data, setData] = useState<DashboardData | null>(null);
  const [error, setError] = useState('');
  const load = useCallback(
    () =>
      api<DashboardData>('GET', '/reports/dashboard')
        .then((d) => (setData(d), setError('')))
        .catch((e: Error) => setError(e.message)),
    [],
  );
  useEffect(() => void load(), [load]);
  // Live: re-read when tickets change (debounced); the old 30 s poll only while the stream is down.
  useLiveSummary(load, { fallbackPollMs: 30_000 });
  if (error || !data)
    return (
      <Screen title="Dashboard">
        {error ? <p role="alert">{error}</p> : <p>Loading…</p>}
      </Screen>
    );
  const trend = data.csatTrend;
  return (
    <Screen title="Dashboard">
      <div className="home-dashboard">
      <div className="kpis">
        {TILES.map((t) => (
          <div className="kpi" key={t.key} data-kpi={t.key}>
            <strong>{formatMeasure(t.key, data[t.from][t.key])}</strong> {t.label}
          </div>
        ))}
      </div>
      <div className="trend">
        <Chart
          title="CSAT % by week resolved (last 12 weeks)"
          kind="line"
          max={1}
          points={trend.rowKeys.map((k, i) => ({ label: k.labels[0], value: trend.rowTotals[i].csatPercent ?? null }))}
          format={(v) => formatMeasure('csatPercent', v)}
        />
      </div>
      </div>
      <RoleDashboard />
    </Screen>
  );
}
