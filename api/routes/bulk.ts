// Bulk actions on the board, server side in one call: each ticket goes through exactly the command a
// single click would run (runCommand: visibility, role rules, then the workflow's update decides), a
// few at a time. Server side so the concurrency towards Temporal is bounded in one place whatever the
// number of browsers, the browser needs one round trip, and a closed tab does not stop the batch
// half-way without a record. The answer lists every ticket with its outcome; nothing is dropped.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import pLimit from 'p-limit';
import { bulkRequestSchema, bulkResultSchema, type BulkAction, type BulkOutcome } from '../../domain/bulk';
import type { AppEnv, ApiDeps, SessionUser } from '../deps';
import { describeError, errorBodySchema } from '../errors';
import { assignCommand, priorityCommand, runCommand, statusCommand } from '../ticket-commands';
import { log } from '../../platform/logger';

/** Workflow updates in flight per bulk request: enough to finish 200 tickets in seconds, few enough
 * to leave the Temporal frontend and the database to everyone else. */
export const BULK_CONCURRENCY = 4;

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

const route = createRoute({
  method: 'post',
  path: '/bulk',
  tags: ['tickets'],
  summary: 'Assign, change the status or the priority of many tickets; each runs as the single command would, and the answer lists every refusal with its reason',
  request: { body: { content: { 'application/json': { schema: bulkRequestSchema } }, required: true } },
  responses: {
    200: { content: { 'application/json': { schema: bulkResultSchema } }, description: 'One outcome per ticket (ok, or the status and error the single command would have answered)' },
    400: err('Invalid request (details.fields)'),
    401: err('Not signed in'),
  },
});

function runOne(deps: ApiDeps, user: SessionUser, ticket: number, action: BulkAction) {
  switch (action.kind) {
    case 'assign':
      return runCommand(deps, user, ticket, assignCommand, { userId: action.userId });
    case 'status':
      return runCommand(deps, user, ticket, statusCommand, { to: action.to });
    case 'priority':
      return runCommand(deps, user, ticket, priorityCommand, { priority: action.priority });
  }
}

export function registerBulk(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const { tickets, action } = c.req.valid('json');
    const limit = pLimit(BULK_CONCURRENCY);
    const results = await Promise.all(
      tickets.map((ticket) =>
        limit(async (): Promise<BulkOutcome> => {
          try {
            await runOne(deps, user, ticket, action);
            return { ticket, ok: true, status: 200 };
          } catch (e) {
            const known = describeError(e);
            if (known) return { ticket, ok: false, status: known.status, error: known.error };
            log('bulk').error({ ticketNumber: ticket, action: action.kind, err: e }, 'ticket command failed'); // a Temporal outage, a bug: still listed
            return { ticket, ok: false, status: 500, error: { code: 'INTERNAL', message: 'Internal server error' } };
          }
        }),
      ),
    );
    const refused = results.filter((r) => !r.ok).length;
    return c.json({ results, done: results.length - refused, refused }, 200);
  });
}
