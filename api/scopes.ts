// Which scope a bearer token needs for each operation, by method and path (relative to /api/v1). One
// table for the check (api/auth.ts) and for the OpenAPI document's per-operation `security`.
import type { RouteScope } from '../domain/api-tokens';

const RULES: Array<{ methods: string[]; path: RegExp; scope: RouteScope }> = [
  // Sign-in, password and token management stay with a browser session: a token cannot mint tokens.
  { methods: ['*'], path: /^\/(auth|api-tokens)(\/|$)/, scope: 'session' },
  // The bell and its settings belong to a person at a screen.
  { methods: ['*'], path: /^\/notifications(\/|$)/, scope: 'session' },
  { methods: ['GET'], path: /^\/(tickets|attachments|taxonomies|branches|services|users)(\/[^/]+)?$/, scope: 'tickets:read' },
  { methods: ['GET'], path: /^\/(tickets\/[^/]+\/customer|views|macros|events)$/, scope: 'tickets:read' },
  { methods: ['POST'], path: /^\/tickets\/[^/]+\/[a-z]+$/, scope: 'tickets:write' },
  { methods: ['POST'], path: /^\/tickets\/bulk$/, scope: 'tickets:write' },
  { methods: ['POST'], path: /^\/tickets\/[^/]+\/google-reply\/delete$/, scope: 'tickets:write' },
  { methods: ['PUT'], path: /^\/tickets\/[^/]+\/ai-correction$/, scope: 'tickets:write' },
  // An agent's own macros and views are part of working tickets; shared ones still need an admin user.
  { methods: ['POST', 'PUT', 'DELETE'], path: /^\/(macros|views)(\/[^/]+)?$/, scope: 'tickets:write' },
  { methods: ['POST'], path: /^\/macros\/[^/]+\/apply$/, scope: 'tickets:write' },
  { methods: ['GET'], path: /^\/dashboards\/mine$/, scope: 'reports:read' },
  { methods: ['GET'], path: /^\/reports\//, scope: 'reports:read' },
  { methods: ['POST'], path: /^\/reports\/query$/, scope: 'reports:read' },
];

/** The scope a bearer token needs for `method path`; everything not listed is `admin`. */
export function scopeFor(method: string, path: string): RouteScope {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  for (const r of RULES) if ((r.methods.includes('*') || r.methods.includes(m)) && r.path.test(path)) return r.scope;
  return 'admin';
}
