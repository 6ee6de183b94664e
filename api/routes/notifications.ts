// The signed-in user's notification centre (the bell): list with the unread count, mark one or all
// read, and their preferences per kind (in the app, by e-mail). Made by the projection
// (activities/agent-notifications.ts); new ones also arrive on GET /events.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { listNotifications, markRead, notificationExists, preferencesOf, savePreferences } from '../../db/agent-notifications';
import { DomainError } from '../../domain/errors';
import { notificationKindSchema, notificationPreferencesSchema } from '../../domain/notifications';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: notificationKindSchema,
    ticketNumber: z.number().int().nullable(),
    title: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
    emailedAt: z.string().nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;
const listSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export type NotificationList = z.infer<typeof listSchema>;

const LIST_LIMIT = 50;
const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['notifications'], summary: `Your latest ${LIST_LIMIT} notifications and how many are unread`, responses: { 200: json(listSchema, 'Notifications, newest first'), 401: err('Not signed in') } }),
  read: createRoute({
    method: 'post',
    path: '/{id}/read',
    tags: ['notifications'],
    summary: 'Mark one of your notifications read',
    request: { params: z.object({ id: z.string().min(1) }) },
    responses: { 204: { description: 'Read' }, 401: err('Not signed in'), 403: err('Missing CSRF token'), 404: err('No such notification of yours') },
  }),
  readAll: createRoute({ method: 'post', path: '/read-all', tags: ['notifications'], summary: 'Mark all your notifications read', responses: { 200: json(z.object({ marked: z.number().int() }), 'How many were unread'), 401: err('Not signed in'), 403: err('Missing CSRF token') } }),
  preferences: createRoute({ method: 'get', path: '/preferences', tags: ['notifications'], summary: 'How you want to be told, per kind', responses: { 200: json(notificationPreferencesSchema, 'Your choices (defaults until you save)'), 401: err('Not signed in') } }),
  savePreferences: createRoute({
    method: 'put',
    path: '/preferences',
    tags: ['notifications'],
    summary: 'Choose per kind: in the app, by e-mail, both or neither',
    request: { body: { content: { 'application/json': { schema: notificationPreferencesSchema } }, required: true } },
    responses: { 200: json(notificationPreferencesSchema, 'Saved'), 400: err('A kind or channel is missing or not a boolean'), 401: err('Not signed in'), 403: err('Missing CSRF token') },
  }),
};

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function notificationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  app.openapi(routes.list, async (c) => {
    const { items, unread } = await listNotifications(c.get('deps').db, c.get('user').id, LIST_LIMIT);
    return c.json({ items: items.map((n) => ({ id: n.id, kind: n.kind, ticketNumber: n.ticketNumber, title: n.title, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt), emailedAt: iso(n.emailedAt) })), unread }, 200);
  });
  app.openapi(routes.readAll, async (c) => c.json({ marked: await markRead(c.get('deps').db, c.get('user').id, null, new Date()) }, 200));
  app.openapi(routes.read, async (c) => {
    const { db } = c.get('deps');
    const { id } = c.req.valid('param');
    const userId = c.get('user').id;
    // Marking an already-read notification again is fine; somebody else's is not yours to know of.
    if (!(await markRead(db, userId, id, new Date())) && !(await notificationExists(db, userId, id))) throw new DomainError('NOT_FOUND', `No notification ${id}`);
    return c.body(null, 204);
  });
  app.openapi(routes.preferences, async (c) => c.json(await preferencesOf(c.get('deps').db, c.get('user').id), 200));
  app.openapi(routes.savePreferences, async (c) => {
    const preferences = c.req.valid('json');
    await savePreferences(c.get('deps').db, c.get('user').id, preferences, new Date());
    return c.json(preferences, 200);
  });
  return app;
}
