// Typed calls to the API: types come from the modules the API itself uses, so the two cannot drift.
import type { ClockView, TicketView } from '../../workflows/ticket-view';
import type { TicketStatus } from '../../domain/types';

export type { ClockView, TicketStatus, TicketView };

export interface Me {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'manager' | 'admin';
  branches: string[];
  csrfToken: string;
}

export interface TimelineRow {
  seq: number;
  type: string;
  actorId: string;
  actorName: string;
  at: string;
  from: string | null;
  to: string | null;
  reason: string | null;
  data: Record<string, unknown> | null;
}

export type TicketDetail = TicketView & { live: boolean; temporalUrl: string; timeline: TimelineRow[] };
export type TicketRow = Pick<TicketView, 'number' | 'status' | 'priority' | 'kind' | 'channel' | 'score' | 'captureType' | 'branch' | 'assigneeId' | 'escalationLevel' | 'breached' | 'title' | 'sla'> & {
  sentiment: string | null;
  churnRisk: number | null;
  createdAt: string;
};
export interface TaxonomyEntry {
  id: string;
  kind: 'root_cause' | 'action' | 'csat_reason';
  name: string;
  retired: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (token: string) => (csrf = token);
export const getCsrf = () => csrf;

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (json as { error?: { code: string; message: string; details?: Record<string, unknown> } }).error;
    throw new ApiError(res.status, e?.code ?? 'ERROR', e?.message ?? res.statusText, e?.details);
  }
  return json as T;
}
