// One request-body limit for every route, checked before any route reads (and parses) the body: a
// declared Content-Length over the limit is refused at once, a chunked body when the count passes it.
// Small for what anyone on the internet may post (sign-in, CSAT, SMS, collection points), larger only
// where the content needs it; the table is the documentation (README "Request-body limits").
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { LOGO_MAX_BYTES } from '../domain/branding';
import { DomainError } from '../domain/errors';

const KB = 1024;
const MB = 1024 * KB;

export interface BodyLimit {
  /** Path prefix (the first matching entry wins, so the more specific ones come first). */
  prefix: string;
  maxBytes: number;
  /** The field the body is, when it is one (the logo upload): named in the 413 like any bad field. */
  field?: string;
}

export const BODY_LIMITS: readonly BodyLimit[] = [
  { prefix: '/api/v1/auth/', maxBytes: 16 * KB },
  { prefix: '/api/v1/sms/', maxBytes: 16 * KB },
  { prefix: '/api/v1/collect/', maxBytes: 16 * KB },
  { prefix: '/csat/', maxBytes: 16 * KB },
  { prefix: '/c/', maxBytes: 16 * KB },
  { prefix: '/public/', maxBytes: 16 * KB },
  { prefix: '/api/v1/feedback/batch', maxBytes: 8 * MB },
  { prefix: '/api/v1/feedback', maxBytes: 64 * KB },
  { prefix: '/api/v1/branding/logo', maxBytes: LOGO_MAX_BYTES, field: 'logo' },
  // Everything else is a signed-in user's JSON (templates, rules, macros): far below this.
  { prefix: '/', maxBytes: 1 * MB },
];

export const bodyLimitFor = (path: string): BodyLimit => BODY_LIMITS.find((l) => path.startsWith(l.prefix)) ?? BODY_LIMITS[BODY_LIMITS.length - 1];

const human = (bytes: number) => (bytes >= MB ? `${bytes / MB} MB` : `${bytes / KB} KB`);

/** The middleware: picks the path's limit; over it → 413 PAYLOAD_TOO_LARGE (api/errors.ts). */
export function bodyLimits(): MiddlewareHandler {
  const limiters = new Map(
    BODY_LIMITS.map((l) => [
      l,
      bodyLimit({
        maxSize: l.maxBytes,
        onError: () => {
          const message = `${l.field ? `${l.field}: ` : ''}Body is larger than ${human(l.maxBytes)} (${l.maxBytes} bytes)`;
          throw new DomainError('PAYLOAD_TOO_LARGE', message, { maxBytes: l.maxBytes, ...(l.field ? { fields: [{ path: l.field, message: `at most ${l.maxBytes} bytes` }] } : {}) });
        },
      }),
    ]),
  );
  return (c, next) => limiters.get(bodyLimitFor(c.req.path))!(c, next);
}

type Operation = { requestBody?: unknown; responses?: Record<string, unknown>; servers?: Array<{ url: string }> };

/** Every operation that takes a body documents its 413 and its limit (`base` is the document's server
 * path; an operation with its own server — the public pages — is under that one). */
export function documentBodyLimits<D extends { paths?: object }>(doc: D, base: string): D {
  for (const [path, ops] of Object.entries(doc.paths ?? {}) as Array<[string, Record<string, Operation>]>) {
    for (const op of Object.values(ops)) {
      if (typeof op !== 'object' || op === null || !op.requestBody || !op.responses || op.responses['413']) continue;
      const limit = bodyLimitFor(`${(op.servers?.[0]?.url ?? base).replace(/\/$/, '')}${path}`);
      op.responses['413'] = {
        description: `Body larger than ${human(limit.maxBytes)}`,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  return doc;
}

/** Every /api/v1 operation that validates parameters or a body documents the 400 the validation hook
 * (api/errors.ts) answers when they fail, naming each field — whether or not its own table lists it;
 * every other operation, the public pages included, the 400 of api/text-hygiene.ts (NUL or a lone
 * surrogate in the path or in any query parameter, declared or not). */
export function documentValidation<D extends { paths?: object }>(doc: D): D {
  for (const ops of Object.values(doc.paths ?? {}) as Array<Record<string, Operation & { parameters?: unknown[] }>>) {
    for (const op of Object.values(ops)) {
      if (typeof op !== 'object' || op === null || !op.responses || op.responses['400']) continue;
      // The public pages answer their own form errors; they share only the path and query check.
      const validated = !op.servers && (!!op.requestBody || !!op.parameters?.length);
      op.responses['400'] = {
        description: validated ? 'Invalid parameters or body (details.fields names each)' : 'NUL or an unpaired UTF-16 surrogate in the path or the query (details.fields names it)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
  }
  return doc;
}
