// 405 instead of 404 for a path the API has, asked with a method it does not have (TRACE /rules,
// DELETE /branches …), with the Allow header listing the documented ones (RFC 9110 §15.5.6). The table
// is the OpenAPI document itself, so it can never disagree with what is documented (schemathesis'
// unsupported_method and allow_header_conformance checks hold the two together).
import type { Context, MiddlewareHandler } from 'hono';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Row {
  re: RegExp;
  params: number;
  methods: string[];
}

type Doc = { paths?: object; servers?: Array<{ url: string }> };

export function methodTable(doc: Doc): Row[] {
  const base = doc.servers?.[0]?.url ?? '';
  return (Object.entries(doc.paths ?? {}) as Array<[string, Record<string, unknown>]>).map(([template, ops]) => {
    const methods = Object.keys(ops).filter((m) => METHODS.includes(m));
    // Operations of one path share their server: the public pages name "/", the rest inherit /api/v1.
    const own = methods.map((m) => (ops[m] as { servers?: Array<{ url: string }> }).servers?.[0]?.url).find((u) => u !== undefined);
    const prefix = (own ?? base).replace(/\/$/, '');
    const parts = template.split(/(\{[^}]+\})/);
    const source = parts.map((p) => (p.startsWith('{') ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    return { re: new RegExp(`^${prefix}${source}$`), params: parts.filter((p) => p.startsWith('{')).length, methods: methods.map((m) => m.toUpperCase()) };
  });
}

/** The methods documented for this path (the most literal templates matching it), or null if none. */
export function allowedMethods(rows: Row[], path: string): string[] | null {
  const hits = rows.filter((r) => r.re.test(path));
  if (!hits.length) return null;
  const fewest = Math.min(...hits.map((h) => h.params));
  const methods = new Set(hits.filter((h) => h.params === fewest).flatMap((h) => h.methods));
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}

const refuse = (c: Context, allowed: string[]) =>
  c.json({ error: { code: 'METHOD_NOT_ALLOWED', message: `${c.req.method} is not allowed on ${c.req.path}; allowed: ${allowed.join(', ')}` } }, 405, { Allow: allowed.join(', ') });

/** Before routing: 405 with Allow for a documented path asked with another method. It runs first because
 * a literal path can also fit a parametrised route of another method (GET /tickets/bulk would reach
 * GET /tickets/{id} and be a 400 about the id). */
export function methodNotAllowed(document: () => Doc): MiddlewareHandler {
  let rows: Row[] | null = null;
  return async (c, next) => {
    rows ??= methodTable(document());
    const allowed = allowedMethods(rows, c.req.path);
    if (allowed && !allowed.includes(c.req.method)) return refuse(c, allowed);
    await next();
  };
}

/** The notFound handler: the usual 404 with the method and path. */
export const notFound = (c: Context) => c.json({ error: { code: 'NOT_FOUND', message: `No route ${c.req.method} ${c.req.path}` } }, 404);
