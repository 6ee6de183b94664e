// XLSX (exceljs) of a flattened pivot: a title, the period and filters, the table with number formats
// and bold totals; a second sheet lists each measure with its formula.
import ExcelJS from 'exceljs';
import { MEASURES, type MeasureKey } from '../../domain/reports';
import type { FlatTable } from './table';

const NUMBER_FORMAT = { count: '#,##0', ratio: '0.0', duration: '0.00', score: '0.0' } as const;

export async function pivotXlsx(t: FlatTable, measures: MeasureKey[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Closeloop';
  const ws = wb.addWorksheet('Report', { views: [{ state: 'frozen', xSplit: t.labelColumns, ySplit: 3 }] });
  ws.addRow([t.title]).font = { bold: true, size: 14 };
  ws.addRow([t.subtitle]).font = { italic: true, color: { argb: 'FF555555' } };
  const header = ws.addRow(t.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };
  for (const r of t.rows) {
    const row = ws.addRow(r.cells);
    if (r.total) row.font = { bold: true };
  }
  t.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.measure ? 16 : 26;
    if (c.measure) col.numFmt = NUMBER_FORMAT[MEASURES[c.measure].format];
  });

  const defs = wb.addWorksheet('Measures');
  defs.addRow(['Measure', 'Unit', 'Formula']).font = { bold: true };
  for (const m of measures) defs.addRow([MEASURES[m].label, { count: 'count', ratio: '%', duration: 'hours', score: '0–100' }[MEASURES[m].format], MEASURES[m].formula]);
  defs.getColumn(1).width = 32;
  defs.getColumn(3).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
