// The pivot as an accessible table: row labels, a column group per column key, totals last.
import { DIMENSIONS, formatMeasure, MEASURES } from '../../../domain/report-catalogue';
import type { MeasureValues, PivotResult } from './report-api';
import { Chart, type ChartPoint } from './Chart';

export function PivotTable({ result, caption }: { result: PivotResult; caption: string }) {
  const q = result.query;
  const measures = q.measures;
  const rowDims = q.rows.length ? q.rows : null;
  const cells = (v: MeasureValues | null, total: boolean) =>
    measures.map((m) => (
      <td key={m} className={total ? 'total' : undefined} data-measure={m}>
        {formatMeasure(m, v?.[m])}
      </td>
    ));
  return (
    <div className="pivot-wrap">
      <table className="pivot">
        <caption>{caption}</caption>
        <thead>
          {result.columnKeys.length > 0 && (
            <tr>
              <th scope="col" colSpan={rowDims?.length ?? 1} rowSpan={2}>
                {rowDims ? rowDims.map((d) => DIMENSIONS[d].label).join(' / ') : ''}
              </th>
              {result.columnKeys.map((c, i) => (
                <th key={i} scope="colgroup" colSpan={measures.length}>
                  {c.labels.join(' / ')}
                </th>
              ))}
              <th scope="colgroup" colSpan={measures.length}>
                Total
              </th>
            </tr>
          )}
          <tr>
            {result.columnKeys.length === 0 && (
              <th scope="col" colSpan={rowDims?.length ?? 1}>
                {rowDims ? rowDims.map((d) => DIMENSIONS[d].label).join(' / ') : ''}
              </th>
            )}
            {[...result.columnKeys.map((_, i) => i), -1].flatMap((i) =>
              measures.map((m) => (
                <th key={`${i}-${m}`} scope="col" title={MEASURES[m].formula}>
                  {MEASURES[m].label}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {result.rowKeys.map((k, r) => (
            <tr key={r} data-row={k.labels.join(' / ')}>
              {k.labels.map((l, i) => (
                <th key={i} scope="row">
                  {l}
                </th>
              ))}
              {result.columnKeys.flatMap((_, c) => cells(result.cells[r][c], false))}
              {cells(result.rowTotals[r], true)}
            </tr>
          ))}
          <tr className="total-row" data-row="Total">
            <th scope="row" colSpan={rowDims?.length ?? 1}>
              {rowDims ? 'Total' : 'All'}
            </th>
            {result.columnTotals.flatMap((v) => cells(v, true))}
            {cells(result.grandTotal, true)}
          </tr>
        </tbody>
      </table>
      {result.truncatedRows > 0 && <p className="note">{result.truncatedRows} more rows not shown; the totals include them.</p>}
    </div>
  );
}

/** The first measure per row (or per column): a line over time, bars otherwise. */
export function PivotChart({ result }: { result: PivotResult }) {
  const q = result.query;
  const m = q.measures[0];
  const byRows = result.rowKeys.length > 0;
  const dims = byRows ? q.rows : q.columns;
  if (!dims.length) return null;
  const keys = byRows ? result.rowKeys : result.columnKeys;
  const vals = byRows ? result.rowTotals : result.columnTotals;
  const points: ChartPoint[] = keys.map((k, i) => ({ label: k.labels.join(' / '), value: vals[i][m] ?? null }));
  const time = dims.length === 1 && DIMENSIONS[dims[0]].kind === 'time';
  return <Chart title={`${MEASURES[m].label} by ${dims.map((d) => DIMENSIONS[d].label).join(' / ')}`} points={time ? points : points.slice(0, 30)} format={(v) => formatMeasure(m, v)} kind={time ? 'line' : 'bar'} max={MEASURES[m].format === 'ratio' ? 1 : undefined} />;
}
