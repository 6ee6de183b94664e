// Saved reports: managers and admins save a pivot definition and share it with named users or whole
// roles. Everyone opens what they own or what is shared with them (an admin opens everything); the
// result is always computed for the viewer, so an agent sees only their branches' data.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notBlankText } from '../../domain/text';
import { runPivot } from '../../db/report-query';
import { deleteReport, insertReport, updateReport, visibleReport, visibleReports, type SavedReportRow } from '../../db/saved-reports';
import { activeUserIds, userNames } from '../../db/users';
import { DomainError, invalidFields } from '../../domain/errors';
import { parseStoredReportQuery, reportQuerySchema, type ReportQuery } from '../../domain/reports';
import { ROLES } from '../../domain/types';
import { formatQuerySchema, renderPivotFile, reportContent } from '../report-files/respond';
import { ownerOf, requireUser } from '../auth';
import type { AppEnv, ApiDeps, SessionUser } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { pivotResultSchema } from './reports';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const sharedWithSchema = z.object({
  users: z.array(z.string().min(1)).max(200).default([]),
  roles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
});
const saveSchema = z.object({
  name: notBlankText(120),
  description: z.string().trim().max(2000).nullable().default(null),
  definition: reportQuerySchema,
  sharedWith: sharedWithSchema.default({ users: [], roles: [] }),
});
export const savedReportSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    definition: reportQuerySchema,
    owner: z.object({ id: z.string(), name: z.string() }),
    sharedWith: z.object({ users: z.array(z.object({ id: z.string(), name: z.string() })), roles: z.array(z.enum(ROLES)) }),
    canEdit: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'SavedReport' });
const idParam = z.object({ id: z.string().min(1) });

const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['reports'], summary: 'Saved reports the user owns or that are shared with them (all, for an admin)', responses: { 200: json(z.object({ items: z.array(savedReportSchema) }), 'Saved reports'), 401: err('Not signed in') } }),
  create: createRoute({ method: 'post', path: '/', tags: ['reports'], summary: 'Save a report, optionally shared with users or roles (manager, admin)', request: body(saveSchema), responses: { 201: json(savedReportSchema, 'Saved'), 400: err('Invalid body or unknown user'), 403: err('Not a manager or admin') } }),
  get: createRoute({ method: 'get', path: '/{id}', tags: ['reports'], summary: 'One saved report (404 unless owned by or shared with the user)', request: { params: idParam }, responses: { 200: json(savedReportSchema, 'Saved report'), 404: err('No such report for this user') } }),
  update: createRoute({ method: 'put', path: '/{id}', tags: ['reports'], summary: 'Replace a saved report: name, definition, sharing (its owner or an admin)', request: { params: idParam, ...body(saveSchema) }, responses: { 200: json(savedReportSchema, 'Updated'), 400: err('Invalid body'), 403: err('Not the owner'), 404: err('No such report for this user') } }),
  remove: createRoute({ method: 'delete', path: '/{id}', tags: ['reports'], summary: 'Delete a saved report (its owner or an admin)', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, 403: err('Not the owner'), 404: err('No such report for this user') } }),
  result: createRoute({
    method: 'get',
    path: '/{id}/result',
    tags: ['reports'],
    summary: 'Run a saved report for the signed-in user (their branches only); ?format=csv|xlsx|pdf answers the file',
    request: { params: idParam, query: formatQuerySchema },
    responses: { 200: { content: reportContent(pivotResultSchema), description: 'The pivot, or the file' }, 404: err('No such report for this user') },
  }),
};

const canEdit = (user: SessionUser, r: SavedReportRow) => user.role === 'admin' || (r.ownerId === user.id && user.role === 'manager');

async function load(deps: ApiDeps, user: SessionUser, id: string): Promise<SavedReportRow> {
  const row = await visibleReport(deps.db, user, id);
  // Invisible and missing look the same: a report's existence is not leaked.
  if (!row) throw new DomainError('NOT_FOUND', `No report ${id}`);
  return row;
}

async function out(deps: ApiDeps, user: SessionUser, rows: SavedReportRow[]) {
  const ids = [...new Set(rows.flatMap((r) => [r.ownerId, ...r.sharedWithUsers]))];
  const names = await userNames(deps.db, ids);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    description: r.description,
    definition: parseStoredReportQuery(r.definition),
    owner: { id: r.ownerId, name: names.get(r.ownerId) ?? r.ownerId },
    sharedWith: { users: r.sharedWithUsers.map((id) => ({ id, name: names.get(id) ?? id })), roles: r.sharedWithRoles },
    canEdit: canEdit(user, r),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function assertUsersExist(deps: ApiDeps, ids: string[]) {
  const found = await activeUserIds(deps.db, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalidFields([{ path: 'sharedWith.users', message: `unknown user(s) ${missing.join(', ')}` }]);
}

const stored = (b: z.infer<typeof saveSchema>) => ({
  name: b.name,
  description: b.description,
  definition: b.definition satisfies ReportQuery,
  sharedWithUsers: [...new Set(b.sharedWith.users)],
  sharedWithRoles: [...new Set(b.sharedWith.roles)],
});

export function savedReportRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  const builders = requireUser('manager', 'admin');
  app.use('/', async (c, next) => (c.req.method === 'POST' ? builders(c, next) : next()));
  app.use('/:id', async (c, next) => (c.req.method === 'GET' ? next() : builders(c, next)));

  app.openapi(routes.list, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    return c.json({ items: await out(deps, user, await visibleReports(deps.db, user)) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const b = c.req.valid('json');
    const ownerId = ownerOf(user, 'a report');
    await assertUsersExist(deps, b.sharedWith.users);
    const row = await insertReport(deps.db, { id: randomUUID(), ownerId, ...stored(b) });
    return c.json((await out(deps, user, [row]))[0], 201);
  });

  app.openapi(routes.get, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    return c.json((await out(deps, user, [await load(deps, user, c.req.valid('param').id)]))[0], 200);
  });

  app.openapi(routes.update, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const existing = await load(deps, user, c.req.valid('param').id);
    if (!canEdit(user, existing)) throw new DomainError('FORBIDDEN', 'Only the owner or an admin changes a report');
    const b = c.req.valid('json');
    await assertUsersExist(deps, b.sharedWith.users);
    const row = await updateReport(deps.db, existing.id, { ...stored(b), updatedAt: new Date() });
    return c.json((await out(deps, user, [row]))[0], 200);
  });

  app.openapi(routes.remove, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const existing = await load(deps, user, c.req.valid('param').id);
    if (!canEdit(user, existing)) throw new DomainError('FORBIDDEN', 'Only the owner or an admin deletes a report');
    await deleteReport(deps.db, existing.id);
    return c.body(null, 204);
  });

  app.openapi(routes.result, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const { format, title } = c.req.valid('query');
    const report = await load(deps, user, c.req.valid('param').id);
    const result = await runPivot(deps.db, parseStoredReportQuery(report.definition), user);
    if (format === 'json') return c.json(result, 200);
    return renderPivotFile(result, format, title ?? report.name);
  });
  return app;
}
