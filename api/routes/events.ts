// GET /events: the signed-in user's live stream (server-sent events) — changes of the tickets they may
// see (board, ticket page) and their own notifications — from this process's LiveHub (api/live/hub.ts).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import type { LiveEvent } from '../../domain/live';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

/** Comments keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;
/** A stream ends after this long; the browser reconnects at once, which checks the session again. */
const MAX_STREAM_MS = 15 * 60_000;
/** A client this far behind is cut off (it reconnects and catches up from its Last-Event-ID). */
const MAX_PENDING = 500;
const RETRY_MS = 2_000;

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

/** One event of the stream: `ready` first, then ticket events (id = the Last-Event-ID to resume from). */
const sseEventSchema = z.object({
  event: z.string().describe('ready, or the live event type'),
  data: z.string().describe('JSON'),
  id: z.string().optional(),
  retry: z.number().int().optional(),
});

const eventsRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['live'],
  summary: 'Live stream (server-sent events) of ticket changes the caller may see and of their notifications',
  description:
    'Events: `ready` (data `{"resumed": boolean}`: false after a Last-Event-ID the server could not replay — re-read what you show), ' +
    '`ticket` (data: LiveTicketChange), `notification` (data: LiveNotification), `reset` (changes were lost: re-read). ' +
    'Each `ticket` / `notification` event has an id; reconnect with the Last-Event-ID header (browsers do) to receive what was missed. ' +
    'Scoped like GET /tickets: an agent hears only the tickets of their branches (and branch-less ones assigned to them).',
  request: { headers: z.object({ 'last-event-id': z.string().regex(/^\d+$/, 'Last-Event-ID is an event id').optional() }) },
  responses: {
    // On OpenAPI 3.1 an event stream's schema describes one event (what 3.2 calls itemSchema), as
    // schemathesis reads it: the fields of the text/event-stream format, data a JSON string.
    200: { content: { 'text/event-stream': { schema: sseEventSchema } }, description: 'The event stream (stays open): one object per event' },
    400: err('Bad Last-Event-ID'),
    401: err('Not signed in'),
    403: err('The API token lacks tickets:read'),
    503: err('Live updates are not running in this process'),
  },
});

export function eventRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  app.openapi(eventsRoute, (c) => {
    const hub = c.get('deps').live;
    if (!hub) throw new DomainError('UNAVAILABLE', 'Live updates are not running', { retryAfterSeconds: 5 });
    const user = c.get('user');
    const header = c.req.valid('header')['last-event-id'];
    return streamSSE(c, async (stream) => {
      let pending = 0;
      let chain = Promise.resolve();
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      const write = (fn: (s: SSEStreamingApi) => Promise<void>) => {
        if (++pending > MAX_PENDING) return finish();
        chain = chain.then(() => fn(stream)).then(
          () => void pending--,
          () => finish(),
        );
      };
      const sendEvent = (e: LiveEvent) => write((s) => s.writeSSE({ event: e.type, id: String(e.id), data: JSON.stringify(e) }));
      const { missed, unsubscribe } = hub.subscribe(
        { viewer: user, send: sendEvent, reset: () => write((s) => s.writeSSE({ event: 'reset', data: '{}' })), end: () => finish() },
        header === undefined ? null : Number(header),
      );
      write((s) => s.writeSSE({ event: 'ready', data: JSON.stringify({ resumed: missed !== null }), retry: RETRY_MS }));
      for (const e of missed ?? []) sendEvent(e);
      const heartbeat = setInterval(() => write((s) => s.write(': ping\n\n').then(() => undefined)), HEARTBEAT_MS);
      const lifetime = setTimeout(finish, MAX_STREAM_MS);
      stream.onAbort(finish);
      await finished;
      unsubscribe();
      clearInterval(heartbeat);
      clearTimeout(lifetime);
    });
  });
  return app;
}
