// RFC 4180 CSV of a flattened pivot. Text that a spreadsheet would run as a formula is defused.
import type { FlatTable } from './table';

const FORMULA_START = /^[=+\-@\t\r]/;

function field(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function pivotCsv(t: FlatTable): Buffer {
  const lines = [t.columns.map((c) => field(c.header)), ...t.rows.map((r) => r.cells.map(field))].map((cells) => cells.join(','));
  // A BOM so spreadsheet programs read the names as UTF-8.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
