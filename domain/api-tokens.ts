// API tokens: what a scope allows, in words the admin screen, the OpenAPI document and the API share.
import { z } from 'zod';

export const API_SCOPES = ['tickets:read', 'tickets:write', 'reports:read', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export const apiScopeSchema = z.enum(API_SCOPES);

export const API_TOKEN_KINDS = ['personal', 'service'] as const;
export type ApiTokenKind = (typeof API_TOKEN_KINDS)[number];

export const SCOPE_DESCRIPTIONS: Record<ApiScope, string> = {
  'tickets:read': 'Read tickets, their timelines and attachments, and the lists they refer to (branches, services, users, taxonomies)',
  'tickets:write': 'Everything tickets:read allows, plus comment, change status, assign, re-prioritise, resolve, reopen and re-analyse',
  'reports:read': 'Run reports and the dashboard, read saved reports',
  admin: 'Everything the token may do: all of the above and the admin routes (for a personal token, within its owner\'s role)',
};

/** What a route needs from a bearer token; `session` routes (sign-in management, tokens) take none. */
export type RouteScope = ApiScope | 'session';

/** Whether a token with `scopes` may call a route that needs `needed`. */
export function scopeAllows(scopes: readonly ApiScope[], needed: RouteScope): boolean {
  if (needed === 'session') return false;
  if (scopes.includes('admin')) return true;
  if (needed === 'tickets:read' && scopes.includes('tickets:write')) return true;
  return scopes.includes(needed);
}
