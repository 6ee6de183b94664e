// A NUL byte or a lone surrogate in the URL path is refused before routing (400 naming the path):
// such an id can never exist, and Postgres would reject it mid-query as a 500 (found by the fuzz stage).
import type { MiddlewareHandler } from 'hono';
import { invalidFields } from '../domain/errors';
import { isSafeText } from '../domain/text';

export function pathHygiene(): MiddlewareHandler {
  return async (c, next) => {
    let decoded: string | null = null;
    try {
      decoded = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      decoded = null; // malformed escapes: left to the routes, which treat the segment as text
    }
    if (decoded !== null && !isSafeText(decoded)) throw invalidFields([{ path: '(path)', message: 'must not contain NUL characters or unpaired UTF-16 surrogates' }]);
    await next();
  };
}
