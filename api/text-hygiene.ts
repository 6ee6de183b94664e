// Text hygiene at the HTTP edge, for every route at once. A NUL byte or a lone UTF-16 surrogate is a
// 400 naming the field: in a path segment or a query parameter (this middleware, before any route),
// and in every validated input — JSON and form bodies at any depth, keys included — through the
// validation hook all routers share (api/errors.ts), after the routes' own body limits. Schemas use
// safeText() too; this is the net that a new route or a plain z.string() cannot slip through:
// Postgres refuses such text, and a workflow that could not save it used to retry for ever.
import type { MiddlewareHandler } from 'hono';
import { invalidFields, type FieldError } from '../domain/errors';
import { isSafeText, unsafeTextPaths } from '../domain/text';

export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // not valid percent-encoding: the route's own validation answers for it
  }
};

/** The fields of validated input (a body, parameters) that hold unsafe text, by path. */
export const unsafeFields = (data: unknown): FieldError[] => unsafeTextPaths(data).map((path) => ({ path, message: UNSAFE_TEXT_MESSAGE }));

/** Path segments and query parameters with unsafe text: `path`, `query.<name>`. */
export function unsafeUrlFields(url: string): FieldError[] {
  const { pathname, searchParams } = new URL(url);
  const fields: FieldError[] = [];
  if (pathname.split('/').some((seg) => !isSafeText(decode(seg)))) fields.push({ path: 'path', message: UNSAFE_TEXT_MESSAGE });
  const names = new Set<string>();
  for (const [name, value] of searchParams) if (!isSafeText(name) || !isSafeText(value)) names.add(isSafeText(name) ? name : '(name)');
  for (const name of names) fields.push({ path: `query.${name}`, message: UNSAFE_TEXT_MESSAGE });
  return fields;
}

/** Path and query checked before any route runs (bodies are checked by the validation hook). */
export const textHygiene: MiddlewareHandler = async (c, next) => {
  const fields = unsafeUrlFields(c.req.url);
  if (fields.length) throw invalidFields(fields);
  await next();
};
