// One error body for every route; domain error codes are mapped to HTTP exactly once, here.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { DomainError, invalidFields, type DomainErrorCode } from '../domain/errors';
import { unsafeFields } from './text-hygiene';
import { isOutage, unavailable } from './outage';
import { log } from '../platform/logger';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The OpenAPI response every operation has (api/app.ts adds it to each): an outage, api/outage.ts. */
export const UNAVAILABLE_RESPONSE = {
  description: 'Temporal or Postgres is unavailable right now (code UNAVAILABLE); try again after Retry-After seconds',
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } },
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

const STATUS: Record<DomainErrorCode, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
};

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** Field-level message for a failed zod parse: "score: NPS score must be …; contact.email: …". */
export function validationError(error: z.ZodError): ErrorBody {
  const e = invalidFields(error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
  return errorBody(e.code, e.message, e.details);
}

/** A domain or validation error as a route would answer it (bulk results report it per ticket);
 * anything else is an internal error. */
export function describeError(err: unknown): { status: ContentfulStatusCode; error: ErrorBody['error'] } | null {
  if (isOutage(err)) return describeError(unavailable());
  if (err instanceof DomainError) return { status: STATUS[err.code], error: errorBody(err.code, err.message, err.details).error };
  if (err instanceof z.ZodError) return { status: 400, error: validationError(err).error };
  return null;
}

export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    // 429 and 503 say when to come back (details.retryAfterSeconds), as a header clients act on.
    const retryAfter = err.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
    return c.json(errorBody(err.code, err.message, err.details), STATUS[err.code]);
  }
  if (err instanceof z.ZodError) return c.json(validationError(err), 400);
  if (err instanceof HTTPException) {
    const status = err.status as ContentfulStatusCode;
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 401 ? 'UNAUTHORIZED' : status < 500 ? 'INVALID_INPUT' : 'INTERNAL';
    return c.json(errorBody(code, err.message || 'Request failed'), status);
  }
  if (isOutage(err)) {
    log('api').warn({ err: { name: err.name, code: (err as { code?: unknown }).code }, method: c.req.method, path: c.req.routePath }, 'dependency unavailable: answered 503');
    return onError(unavailable(), c);
  }
  log('api').error({ err, method: c.req.method, path: c.req.routePath }, 'unhandled error');
  return c.json(errorBody('INTERNAL', 'Internal server error'), 500);
}

/** Default hook for @hono/zod-openapi validators: 400 with every failing field named, text that
 * cannot be stored (NUL, lone surrogates: api/text-hygiene.ts) included, whatever the schema said. */
export function validationHook(result: { success: boolean; data?: unknown; error?: unknown }, c: Context) {
  const unsafe = unsafeFields(result.data);
  if (result.success && !unsafe.length) return;
  const issues = result.success ? [] : (result.error as z.ZodError).issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  const e = invalidFields([...issues, ...unsafe.filter((u) => !issues.some((i) => i.path === u.path))]);
  return c.json(errorBody(e.code, e.message, e.details), 400);
}
