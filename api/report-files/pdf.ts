// PDF (pdfkit) of a pivot: title, period and filters, a bar chart of the first measure, then the table
// (repeating its header on each page). Columns that do not fit the page are named, not squeezed.
import PDFDocument from 'pdfkit';
import { DIMENSIONS, formatMeasure, MEASURES, type PivotResult } from '../../domain/reports';
import type { FlatTable } from './table';

const PAGE = { width: 842, height: 595, margin: 36 }; // A4 landscape, points
const LABEL_W = 130;
const VALUE_W = 74;
const ROW_H = 14;
const MAX_BARS = 15;
const BAR_COLOUR = '#2f6fb2';

function cellText(t: FlatTable, col: number, v: string | number | null): string {
  const m = t.columns[col].measure;
  if (v === null) return m ? '–' : '(none)';
  if (typeof v === 'string' || !m) return String(v);
  switch (MEASURES[m].format) {
    case 'ratio':
      return `${v.toFixed(1)} %`;
    case 'duration':
      return `${v.toFixed(2)} h`;
    case 'score':
      return v.toFixed(1);
    case 'count':
      return Math.round(v).toLocaleString('en-US');
  }
}

/** A line over time (one time dimension), else horizontal bars: the first measure per row (or column). */
function drawChart(doc: PDFKit.PDFDocument, r: PivotResult, top: number): number {
  const m = r.query.measures[0];
  const byRows = r.rowKeys.length > 0;
  const keys = byRows ? r.rowKeys : r.columnKeys;
  const vals = byRows ? r.rowTotals : r.columnTotals;
  if (!keys.length) return top;
  const dimensions = byRows ? r.query.rows : r.query.columns;
  if (dimensions.length === 1 && DIMENSIONS[dimensions[0]].kind === 'time' && keys.length > 1) return drawLine(doc, r, keys.map((k, i) => ({ label: k.labels[0], value: vals[i][m] ?? null })), top);
  const bars = keys.slice(0, MAX_BARS).map((k, i) => ({ label: k.labels.join(' / '), value: vals[i][m] ?? 0 }));
  const max = Math.max(...bars.map((b) => b.value), 0) || 1;
  const dims = (byRows ? r.query.rows : r.query.columns).map((d) => DIMENSIONS[d].label).join(' / ');
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${MEASURES[m].label} by ${dims}${keys.length > MAX_BARS ? ` (first ${MAX_BARS} of ${keys.length})` : ''}`, PAGE.margin, top);
  let y = top + 16;
  const barX = PAGE.margin + 150;
  const barMax = PAGE.width - PAGE.margin - barX - 70;
  doc.font('Helvetica').fontSize(8);
  for (const b of bars) {
    doc.fillColor('black').text(b.label, PAGE.margin, y + 1, { width: 145, height: 10, ellipsis: true, lineBreak: false });
    const w = Math.max((b.value / max) * barMax, b.value > 0 ? 1 : 0);
    if (w > 0) doc.rect(barX, y, w, 10).fill(BAR_COLOUR);
    doc.fillColor('black').text(formatMeasure(m, b.value), barX + w + 4, y + 1, { lineBreak: false });
    y += 13;
  }
  doc.moveTo(barX, top + 14).lineTo(barX, y).strokeColor('#888888').lineWidth(0.5).stroke();
  return y + 14;
}

function drawLine(doc: PDFKit.PDFDocument, r: PivotResult, points: Array<{ label: string; value: number | null }>, top: number): number {
  const m = r.query.measures[0];
  const dims = (r.rowKeys.length ? r.query.rows : r.query.columns).map((d) => DIMENSIONS[d].label).join(' / ');
  doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${MEASURES[m].label} by ${dims}`, PAGE.margin, top);
  const left = PAGE.margin + 60;
  const right = PAGE.width - PAGE.margin - 10;
  const y0 = top + 18;
  const height = 150;
  const max = MEASURES[m].format === 'ratio' ? 1 : Math.max(...points.map((p) => p.value ?? 0), 0) || 1;
  const x = (i: number) => left + (i * (right - left)) / (points.length - 1);
  const y = (v: number) => y0 + height - (v / max) * height;
  doc.font('Helvetica').fontSize(7.5).lineWidth(0.5).strokeColor('#cccccc');
  for (const f of [0, 0.5, 1]) {
    doc.moveTo(left, y(max * f)).lineTo(right, y(max * f)).stroke();
    doc.fillColor('#444444').text(formatMeasure(m, max * f), PAGE.margin, y(max * f) - 3, { width: 55, align: 'right', lineBreak: false });
  }
  let started = false;
  points.forEach((p, i) => {
    if (p.value === null) return;
    if (started) doc.lineTo(x(i), y(p.value));
    else doc.moveTo(x(i), y(p.value));
    started = true;
  });
  doc.strokeColor(BAR_COLOUR).lineWidth(1.5).stroke();
  const every = Math.max(1, Math.ceil(points.length / 10));
  points.forEach((p, i) => {
    if (i % every === 0) doc.fillColor('#444444').text(p.label, x(i) - 30, y0 + height + 4, { width: 60, align: 'center', lineBreak: false });
  });
  return y0 + height + 24;
}

export function pivotPdf(t: FlatTable, r: PivotResult): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: PAGE.margin, info: { Title: t.title, Creator: 'Closeloop' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(t.title, PAGE.margin, PAGE.margin);
  doc.font('Helvetica').fontSize(9).fillColor('#444444').text(t.subtitle, { width: PAGE.width - 2 * PAGE.margin });
  let y = drawChart(doc, r, doc.y + 12);

  const usable = PAGE.width - 2 * PAGE.margin;
  const labelCols = t.labelColumns;
  const fit = Math.max(1, Math.floor((usable - labelCols * LABEL_W) / VALUE_W));
  const valueCols = t.columns.length - labelCols;
  // Keep the totals (last measures) when cutting: they matter most.
  const nMeasures = r.query.measures.length;
  const shown = valueCols <= fit ? t.columns.map((_, i) => i) : [...Array.from({ length: labelCols }, (_, i) => i), ...Array.from({ length: fit - nMeasures }, (_, i) => labelCols + i), ...Array.from({ length: nMeasures }, (_, i) => t.columns.length - nMeasures + i)];
  if (valueCols > fit) {
    doc.font('Helvetica-Oblique').fontSize(8).fillColor('#444444').text(`${valueCols - fit} columns do not fit the page; the CSV and XLSX exports have them all.`, PAGE.margin, y);
    y = doc.y + 6;
  }
  const x = (i: number) => PAGE.margin + (i < labelCols ? i * LABEL_W : labelCols * LABEL_W + (shown.indexOf(i) - labelCols) * VALUE_W);
  const width = (i: number) => (i < labelCols ? LABEL_W : VALUE_W) - 4;

  const header = () => {
    doc.font('Helvetica-Bold').fontSize(7.5).fillColor('black');
    const h = Math.max(...shown.map((i) => doc.heightOfString(t.columns[i].header, { width: width(i) })));
    for (const i of shown) doc.text(t.columns[i].header, x(i), y, { width: width(i), align: i < labelCols ? 'left' : 'right' });
    y += h + 3;
    doc.moveTo(PAGE.margin, y - 1).lineTo(PAGE.margin + labelCols * LABEL_W + (shown.length - labelCols) * VALUE_W, y - 1).strokeColor('#888888').lineWidth(0.5).stroke();
    y += 2;
  };
  header();
  for (const row of t.rows) {
    if (y + ROW_H > PAGE.height - PAGE.margin) {
      doc.addPage();
      y = PAGE.margin;
      header();
    }
    doc.font(row.total ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor('black');
    for (const i of shown) {
      doc.text(cellText(t, i, row.cells[i]), x(i), y, { width: width(i), height: ROW_H, align: i < labelCols ? 'left' : 'right', ellipsis: true, lineBreak: false });
    }
    y += ROW_H;
  }
  doc.end();
  return done;
}
