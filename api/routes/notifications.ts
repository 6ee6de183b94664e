// The signed-in user's notification centre (the bell): list with the unread count, mark one or all
// read, and their preferences per kind (in the app, by e-mail). Made by the projection
// (activities/agent-notifications.ts); new ones also arrive on GET /events.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { listNotifications, markRead, notificationExists, preferencesOf, savePreferences } from '../../db/agent-notifications';
import { DomainError } from '../../domain/errors';
import { notificationSettingsInputSchema, notificationSettingsSchema } from '../../domain/notification-digest';
import { NOTIFICATION_KINDS, notificationKindSchema, type NotificationPreferences } from '../../domain/notifications';
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
    onBehalfOf: z.string().nullable().meta({ description: 'Handed on to you: the id of the user it was meant for, who was unavailable or deactivated' }),
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
  preferences: createRoute({ method: 'get', path: '/preferences', tags: ['notifications'], summary: 'How you want to be told, per kind, and your daily digest', responses: { 200: json(notificationSettingsSchema, 'Your choices (defaults until you save; no digest)'), 401: err('Not signed in') } }),
  savePreferences: createRoute({
    method: 'put',
    path: '/preferences',
    tags: ['notifications'],
    summary: 'Choose per kind: in the app, by e-mail, both or neither; and the hour of your daily digest (null: none)',
    request: { body: { content: { 'application/json': { schema: notificationSettingsInputSchema } }, required: true } },
    responses: { 200: json(notificationSettingsSchema, 'Saved'), 400: err('A kind or channel is missing or not a boolean, or the digest hour is not 0–23 or null'), 401: err('Not signed in'), 403: err('Missing CSRF token') },
  }),
};

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function notificationRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  app.openapi(routes.list, async (c) => {
    const { items, unread } = await listNotifications(c.get('deps').db, c.get('user').id, LIST_LIMIT);
    return c.json({ items: items.map((n) => ({ id: n.id, kind: n.kind, ticketNumber: n.ticketNumber, title: n.title, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt), emailedAt: iso(n.emailedAt), onBehalfOf: n.onBehalfOf })), unread }, 200);
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
    const body = c.req.valid('json');
    const preferences = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, body[k]])) as NotificationPreferences;
    const { db } = c.get('deps');
    const userId = c.get('user').id;
    await savePreferences(db, userId, preferences, body.digestHour, new Date());
    return c.json(await preferencesOf(db, userId), 200);
  });
  return app;
}
