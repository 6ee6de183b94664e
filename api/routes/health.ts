// Probes for orchestrators and load balancers, no session: /livez (the process answers) and /readyz
// (Postgres answers `select 1`, its schema is this build's, Temporal answers getSystemInfo — each under
// a short deadline). Served under /api/v1 (documented here) and at the root, where probes usually look.
// /api/v1/health is kept as an alias of /readyz (it answered `{ ok: true }` without checking anything).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { migrationsCheck, postgresCheck, READY_RETRY_AFTER_S, readiness, temporalCheck } from '../../platform/health';
import type { AppEnv } from '../deps';
import { validationHook } from '../errors';
import { json } from '../openapi';

const checkSchema = z.object({ ok: z.boolean(), ms: z.number().describe('How long the check took'), error: z.string().optional().describe('What failed, in general words') });
export const readinessSchema = z
  .object({
    ready: z.boolean(),
    checks: z.object({ postgres: checkSchema, migrations: checkSchema, temporal: checkSchema }),
  })
  .meta({ id: 'Readiness' });
const livenessSchema = z.object({ ok: z.literal(true) }).meta({ id: 'Liveness' });

const probe = (path: string, summary: string) =>
  createRoute({
    method: 'get',
    path,
    tags: ['health'],
    summary,
    security: [],
    responses: {
      200: json(readinessSchema, 'Ready: every check passed'),
      503: { ...json(readinessSchema, 'Not ready: the failing checks say which dependency; Retry-After gives the seconds before probing again'), headers: { 'Retry-After': { schema: { type: 'integer' as const } } } },
    },
  });

const livez = createRoute({ method: 'get', path: '/livez', tags: ['health'], summary: 'Liveness: the process answers (also at /livez)', security: [], responses: { 200: json(livenessSchema, 'Alive') } });

export const liveHandler = (c: Context) => c.json({ ok: true as const }, 200);

export async function readyHandler(c: Context<AppEnv>) {
  const { db, temporal } = c.get('deps');
  const result = (await readiness({ postgres: postgresCheck(db), migrations: migrationsCheck(db), temporal: temporalCheck(temporal.connection) })) as z.infer<typeof readinessSchema>;
  if (result.ready) return c.json(result, 200);
  c.header('Retry-After', String(READY_RETRY_AFTER_S));
  return c.json(result, 503);
}

export function healthRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(livez, liveHandler);
  app.openapi(probe('/readyz', 'Readiness: Postgres reachable, migrations applied, Temporal reachable (also at /readyz)'), readyHandler);
  app.openapi(probe('/health', 'Alias of /readyz, kept for existing monitors'), readyHandler);
  return app;
}
