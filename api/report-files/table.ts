// A pivot flattened into one header and plain rows: the single layout CSV, XLSX and PDF all render.
import { describeQuery, DIMENSIONS, exportUnit, exportValue, MEASURES, type MeasureKey, type MeasureValues, type PivotResult } from '../../domain/reports';

export interface FlatColumn {
  header: string;
  measure: MeasureKey | null; // null for the row-label columns
}
export interface FlatRow {
  cells: Array<string | number | null>;
  total: boolean;
}
export interface FlatTable {
  title: string;
  subtitle: string;
  columns: FlatColumn[];
  rows: FlatRow[];
  labelColumns: number;
}

export function flattenPivot(r: PivotResult, title: string): FlatTable {
  const q = r.query;
  const measureHeader = (m: MeasureKey) => `${MEASURES[m].label}${exportUnit(m)}`;
  const labelColumns = Math.max(q.rows.length, 1);
  const columns: FlatColumn[] = q.rows.length ? q.rows.map((d) => ({ header: DIMENSIONS[d].label, measure: null })) : [{ header: '', measure: null }];
  for (const c of r.columnKeys) for (const m of q.measures) columns.push({ header: `${c.labels.join(' / ')} · ${measureHeader(m)}`, measure: m });
  for (const m of q.measures) columns.push({ header: r.columnKeys.length ? `Total · ${measureHeader(m)}` : measureHeader(m), measure: m });

  const values = (v: MeasureValues | null) => q.measures.map((m) => exportValue(m, v?.[m]));
  const rows: FlatRow[] = r.rowKeys.map((k, i) => ({
    cells: [...k.labels, ...r.cells[i].flatMap(values), ...values(r.rowTotals[i])],
    total: false,
  }));
  const totalLabels = [q.rows.length ? 'Total' : 'All', ...Array.from({ length: labelColumns - 1 }, () => '')];
  rows.push({ cells: [...totalLabels, ...r.columnTotals.flatMap(values), ...values(r.grandTotal)], total: true });
  const notes = r.truncatedRows ? ` · ${r.truncatedRows} more rows left out (totals include them)` : '';
  return { title, subtitle: describeQuery(r, q.timeZone) + notes, columns, rows, labelColumns };
}
