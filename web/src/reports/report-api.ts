// Typed report calls; the shapes come from domain/reports.ts, which the API itself uses.
import type { DimensionKey, MeasureKey, MeasureValues } from '../../../domain/report-catalogue';
import type { PivotResult, ReportQuery, ReportQueryInput } from '../../../domain/reports';
import type { Role } from '../../../domain/types';
import { api, ApiError, getCsrf } from '../api';

export type { DimensionKey, MeasureKey, MeasureValues, PivotResult, ReportQuery, ReportQueryInput };

export interface SavedReport {
  id: string;
  name: string;
  description: string | null;
  definition: ReportQuery;
  owner: { id: string; name: string };
  sharedWith: { users: Array<{ id: string; name: string }>; roles: Role[] };
  canEdit: boolean;
}
export interface ReadyMade {
  id: string;
  name: string;
  description: string;
  definition: ReportQuery;
}
export interface Teammates {
  users: Array<{ id: string; name: string; role: Role }>;
  roles: Role[];
}
export type FileFormat = 'csv' | 'xlsx' | 'pdf';

export const runQuery = (q: ReportQueryInput) => api<PivotResult>('POST', '/reports/query', q);

/** POSTs the query for a file and hands it to the browser as a download. */
export async function downloadQuery(q: ReportQueryInput, format: FileFormat, title: string): Promise<void> {
  const res = await fetch(`/api/v1/reports/query?format=${format}&title=${encodeURIComponent(title)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': getCsrf() },
    body: JSON.stringify(q),
  });
  if (!res.ok) {
    const e = ((await res.json().catch(() => ({}))) as { error?: { code: string; message: string } }).error;
    throw new ApiError(res.status, e?.code ?? 'ERROR', e?.message ?? res.statusText);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `report.${format}`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
