// One pivot, four answers: JSON for the builder, or the CSV / XLSX / PDF file of the same table.
import { z } from 'zod';
import type { PivotResult } from '../../domain/reports';
import { pivotCsv } from './csv';
import { pivotPdf } from './pdf';
import { flattenPivot } from './table';
import { pivotXlsx } from './xlsx';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const formatQuerySchema = z.object({
  format: z.enum(REPORT_FORMATS).default('json').describe('json (the pivot), or a file: csv, xlsx, pdf'),
  title: z.string().trim().max(120).optional().describe('Title printed in the file'),
});

const MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

const binary = z.string().meta({ format: 'binary' });
/** OpenAPI content of a report answer in any format. */
export const reportContent = (pivot: z.ZodType) => ({
  'application/json': { schema: pivot },
  [MIME.csv]: { schema: z.string() },
  [MIME.xlsx]: { schema: binary },
  [MIME.pdf]: { schema: binary },
});

export async function renderPivotFile(result: PivotResult, format: Exclude<ReportFormat, 'json'>, title: string): Promise<Response> {
  const table = flattenPivot(result, title);
  const body = format === 'csv' ? pivotCsv(table) : format === 'xlsx' ? await pivotXlsx(table, result.query.measures) : await pivotPdf(table, result);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'report';
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: { 'content-type': MIME[format], 'content-disposition': `attachment; filename="closeloop-${slug}.${format}"`, 'cache-control': 'no-store' },
  });
}
