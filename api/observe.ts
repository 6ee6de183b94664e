// Every request: an id (the caller's `x-request-id` when it is a sane token, else a new UUID) echoed in
// the response and carried by every log line written while the request runs, then one access-log line
// with the route template (never the concrete path: it may hold a ticket number, which is fine, or a
// collection point's slug or a reply token, which is not for logs).
import type { MiddlewareHandler } from 'hono';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import { log, withLogContext } from '../platform/logger';

const access = log('http');

export interface RequestObservation {
  method: string;
  route: string;
  status: number;
  ms: number;
}

/** The route template of the handler that answered (read after `next()`), e.g. `/api/v1/tickets/:number`. */
export const answeredRoute = (c: Parameters<MiddlewareHandler>[0]): string => routePath(c) || 'unmatched';

/** Request id + access log; `observe` also receives each finished request (metrics). */
export function observeRequests(observe?: (o: RequestObservation) => void): MiddlewareHandler[] {
  return [
    requestId(),
    async (c, next) => {
      const started = performance.now();
      await withLogContext({ requestId: c.get('requestId') as string }, async () => {
        await next();
        const o = { method: c.req.method, route: answeredRoute(c), status: c.res.status, ms: Math.round((performance.now() - started) * 10) / 10 };
        observe?.(o);
        access[o.status >= 500 ? 'warn' : 'info'](o, 'request');
      });
    },
  ];
}
