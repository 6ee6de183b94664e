// Which outside services this installation is configured for, so admin screens can say what a
// setting will really do (a Slack escalation level without a Slack token is mailed instead).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

export const integrationsSchema = z
  .object({
    slack: z.boolean().meta({ description: 'SLACK_TOKEN is set: Slack escalation levels post to Slack (otherwise they are e-mailed, and the timeline says so)' }),
  })
  .meta({ id: 'Integrations' });
export type Integrations = z.infer<typeof integrationsSchema>;

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['settings'],
  summary: 'Which integrations are configured (admin)',
  responses: { 200: { content: { 'application/json': { schema: integrationsSchema } }, description: 'Configured integrations' }, 401: err('Not signed in'), 403: err('Not an admin') },
});

export function integrationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));
  app.openapi(route, (c) => c.json({ slack: !!c.get('deps').config.slackEnabled }, 200));
  return app;
}
