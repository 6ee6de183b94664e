// Outbound webhook subscriptions (admin): subscribe an https URL to event types, rotate its signing
// secret, read the delivery log, redeliver an event, resume a paused subscription. Delivery itself is
// the dispatcher workflow's (workflows/webhook-dispatcher.ts); these routes only wake it.
import { withTemporalDeadline } from '../outage';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { deleteSubscription, insertSubscription, listSubscriptions, pendingCount, recentEvents, requeueEvent, resumeSubscription, subscription, updateSubscription, type WebhookSubscriptionRow } from '../../db/webhooks';
import { DomainError, invalidFields } from '../../domain/errors';
import { refusedUrl } from '../../domain/webhook-target';
import { webhookEventTypeSchema, webhookSubscriptionInputSchema } from '../../domain/webhooks';
import { newWebhookSecret } from '../../platform/security';
import { dispatcherWorkflowId, wakeDispatcherSignal } from '../../workflows/webhook-messages';
import { requireUser } from '../auth';
import type { ApiDeps, AppEnv } from '../deps';
import { validationHook } from '../errors';
import { err, json, jsonBody } from '../openapi';

export const webhookSubscriptionSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    events: z.array(webhookEventTypeSchema),
    status: z.enum(['active', 'paused']),
    pausedAt: z.string().nullable(),
    pauseReason: z.string().nullable().describe('The failure that paused it'),
    pendingEvents: z.number().int().describe('Events waiting for delivery'),
    previousSecretUntil: z.string().nullable().describe('During a rotation: until when the previous secret still signs too'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WebhookSubscription' });
export type WebhookSubscription = z.infer<typeof webhookSubscriptionSchema>;

export const webhookDeliverySchema = z.object({
  attempt: z.number().int(),
  ok: z.boolean(),
  responseCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
  at: z.string(),
});
export const webhookEventLogSchema = z
  .object({
    id: z.string(),
    type: webhookEventTypeSchema,
    status: z.enum(['pending', 'delivered']),
    attempts: z.number().int(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()).describe('The body as delivered'),
    deliveries: z.array(webhookDeliverySchema).describe('Every attempt, newest first'),
  })
  .meta({ id: 'WebhookEventLog' });
export type WebhookEventLog = z.infer<typeof webhookEventLogSchema>;

const patchSchema = webhookSubscriptionInputSchema.partial().extend({ description: z.string().trim().max(500).optional() });
const rotateSchema = z.object({ keepPreviousHours: z.number().min(0).max(168).default(24).describe('How long the previous secret keeps signing beside the new one (0: stop at once)') });
const idParam = z.object({ id: z.string().min(1) });
const secretField = z.string().describe('whsec_…: the signing secret, shown only in this answer');

const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['webhooks'], summary: 'Webhook subscriptions (admin); paused ones first need attention', responses: { 200: json(z.object({ items: z.array(webhookSubscriptionSchema) }), 'Subscriptions'), 401: err('Not signed in'), 403: err('Not an admin') } }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags: ['webhooks'],
    summary: 'Subscribe a URL to event types (admin); the answer holds the signing secret, once',
    request: jsonBody(webhookSubscriptionInputSchema),
    responses: { 201: json(webhookSubscriptionSchema.extend({ secret: secretField }), 'Subscribed'), 400: err('Invalid body, or a target the SSRF guard refuses'), 403: err('Not an admin') },
  }),
  get: createRoute({ method: 'get', path: '/{id}', tags: ['webhooks'], summary: 'One subscription (admin)', request: { params: idParam }, responses: { 200: json(webhookSubscriptionSchema, 'Subscription'), 403: err('Not an admin'), 404: err('No such subscription') } }),
  update: createRoute({ method: 'patch', path: '/{id}', tags: ['webhooks'], summary: 'Change URL, description or event types (admin); queued events keep their target subscription', request: { params: idParam, ...jsonBody(patchSchema) }, responses: { 200: json(webhookSubscriptionSchema, 'Updated'), 400: err('Invalid body'), 403: err('Not an admin'), 404: err('No such subscription') } }),
  remove: createRoute({ method: 'delete', path: '/{id}', tags: ['webhooks'], summary: 'Delete a subscription and its queued events (admin)', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, 403: err('Not an admin'), 404: err('No such subscription') } }),
  rotate: createRoute({
    method: 'post',
    path: '/{id}/rotate-secret',
    tags: ['webhooks'],
    summary: 'New signing secret (admin); the previous one keeps signing beside it for keepPreviousHours, so receivers can switch without losing a delivery',
    request: { params: idParam, ...jsonBody(rotateSchema) },
    responses: { 200: json(webhookSubscriptionSchema.extend({ secret: secretField }), 'Rotated'), 400: err('Invalid body'), 403: err('Not an admin'), 404: err('No such subscription') },
  }),
  resume: createRoute({ method: 'post', path: '/{id}/resume', tags: ['webhooks'], summary: 'Resume a paused subscription (admin): delivery goes on from the event that failed, in order', request: { params: idParam }, responses: { 200: json(webhookSubscriptionSchema, 'Active again'), 403: err('Not an admin'), 404: err('No such subscription') } }),
  events: createRoute({
    method: 'get',
    path: '/{id}/events',
    tags: ['webhooks'],
    summary: 'Delivery log (admin): the newest events with every attempt (status, response code, latency)',
    request: { params: idParam, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
    responses: { 200: json(z.object({ items: z.array(webhookEventLogSchema) }), 'Events, newest first'), 403: err('Not an admin'), 404: err('No such subscription') },
  }),
  redeliver: createRoute({
    method: 'post',
    path: '/{id}/events/{eventId}/redeliver',
    tags: ['webhooks'],
    summary: 'Deliver an event again (admin), with the same event id',
    request: { params: idParam.extend({ eventId: z.string().min(1) }) },
    responses: { 202: { description: 'Queued' }, 403: err('Not an admin'), 404: err('No such event') },
  }),
};

async function out(deps: ApiDeps, r: WebhookSubscriptionRow): Promise<WebhookSubscription> {
  const live = r.previousSecretUntil && r.previousSecretUntil > new Date() ? r.previousSecretUntil.toISOString() : null;
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: r.events,
    status: r.status,
    pausedAt: r.pausedAt?.toISOString() ?? null,
    pauseReason: r.pauseReason,
    pendingEvents: await pendingCount(deps.db, r.id),
    previousSecretUntil: live,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

async function load(deps: ApiDeps, id: string): Promise<WebhookSubscriptionRow> {
  const row = await subscription(deps.db, id);
  if (!row) throw new DomainError('NOT_FOUND', `No webhook subscription ${id}`);
  return row;
}

function assertTarget(deps: ApiDeps, url: string | undefined) {
  const why = url === undefined ? null : refusedUrl(url, deps.config.webhooks.allowList);
  if (why) throw invalidFields([{ path: 'url', message: why }]);
}

/** Wakes (or starts) the subscription's dispatcher. */
async function wake(deps: ApiDeps, id: string) {
  await withTemporalDeadline(deps, () => deps.temporal.workflow.signalWithStart('webhookDispatcherWorkflow', { workflowId: dispatcherWorkflowId(id), taskQueue: deps.config.TEMPORAL_TASK_QUEUE, args: [id], signal: wakeDispatcherSignal, signalArgs: [] }));
}

export function webhookRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));

  app.openapi(routes.list, async (c) => {
    const deps = c.get('deps');
    const items = await Promise.all((await listSubscriptions(deps.db)).map((r) => out(deps, r)));
    return c.json({ items: items.sort((a, b) => Number(b.status === 'paused') - Number(a.status === 'paused')) }, 200);
  });
  app.openapi(routes.create, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    assertTarget(deps, input.url);
    const secret = newWebhookSecret();
    const row = await insertSubscription(deps.db, { id: randomUUID(), url: input.url, description: input.description, events: [...new Set(input.events)], secret });
    return c.json({ ...(await out(deps, row)), secret }, 201);
  });
  app.openapi(routes.get, async (c) => c.json(await out(c.get('deps'), await load(c.get('deps'), c.req.valid('param').id)), 200));
  app.openapi(routes.update, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    await load(deps, id);
    assertTarget(deps, patch.url);
    const row = await updateSubscription(deps.db, id, { ...patch, ...(patch.events ? { events: [...new Set(patch.events)] } : {}) });
    return c.json(await out(deps, row!), 200);
  });
  app.openapi(routes.remove, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    if (!(await deleteSubscription(deps.db, id))) throw new DomainError('NOT_FOUND', `No webhook subscription ${id}`);
    await wake(deps, id); // the dispatcher sees it gone and ends
    return c.body(null, 204);
  });
  app.openapi(routes.rotate, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const current = await load(deps, id);
    const { keepPreviousHours } = c.req.valid('json');
    const secret = newWebhookSecret();
    const keep = keepPreviousHours > 0;
    const row = await updateSubscription(deps.db, id, { secret, previousSecret: keep ? current.secret : null, previousSecretUntil: keep ? new Date(Date.now() + keepPreviousHours * 3_600_000) : null });
    return c.json({ ...(await out(deps, row!)), secret }, 200);
  });
  app.openapi(routes.resume, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    await load(deps, id);
    const row = await resumeSubscription(deps.db, id);
    await wake(deps, id);
    return c.json(await out(deps, row!), 200);
  });
  app.openapi(routes.events, async (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    await load(deps, id);
    const items = await recentEvents(deps.db, id, c.req.valid('query').limit);
    return c.json(
      {
        items: items.map((e) => ({
          id: e.id,
          type: e.type,
          status: e.status,
          attempts: e.attempts,
          createdAt: e.createdAt.toISOString(),
          deliveredAt: e.deliveredAt?.toISOString() ?? null,
          payload: { ...e.payload },
          deliveries: e.deliveries.map((d) => ({ attempt: d.attempt, ok: d.ok, responseCode: d.responseCode, latencyMs: d.latencyMs, error: d.error, at: d.at.toISOString() })),
        })),
      },
      200,
    );
  });
  app.openapi(routes.redeliver, async (c) => {
    const deps = c.get('deps');
    const { id, eventId } = c.req.valid('param');
    if (!(await requeueEvent(deps.db, id, eventId))) throw new DomainError('NOT_FOUND', `No event ${eventId} for this subscription`);
    await wake(deps, id);
    return c.body(null, 202);
  });
  return app;
}
