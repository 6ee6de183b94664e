// Branches (with their business-hours calendar), services, and admin settings (SLA targets, ticket
// behaviour, advocacy). Branches and services: reading needs a signed-in user, changing an admin.
// Settings are the admin's alone.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { notBlankText } from '../../domain/text';
import { insertBranch, insertService, listBranches, listServices, readBranch, renameService, setBranchCalendar, updateBranch } from '../../db/org';
import { localeSchema } from '../../domain/i18n/locales';
import { readSetting, writeSetting } from '../../db/settings';
import { calendarSchema } from '../../domain/calendar-schema';
import { DomainError, invalidFields } from '../../domain/errors';
import { SETTINGS, type SettingKey, type SettingValue } from '../../domain/settings';
import { ssoAdminExists } from '../../db/users';
import { requireUser } from '../auth';
import type { ApiDeps, AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _');
export const branchSchema = z
  .object({ id: z.string(), name: z.string(), calendar: calendarSchema.nullable(), locale: localeSchema.nullable().meta({ description: 'Default customer language (mails, CSAT and collection pages) when the contact\'s is unknown; null = English' }) })
  .meta({ id: 'Branch' });
export const serviceSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Service' });
const settingKey = z.enum(Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]]);

const routes = {
  listBranches: createRoute({ method: 'get', path: '/branches', tags: ['organisation'], summary: 'Branches and their business-hours calendars', responses: { 200: json(z.object({ items: z.array(branchSchema) }), 'Branches'), 401: err('Not signed in') } }),
  createBranch: createRoute({ method: 'post', path: '/branches', tags: ['organisation'], summary: 'Add a branch (admin)', request: body(z.object({ id: slug, name: notBlankText(120) })), responses: { 201: json(branchSchema, 'Created'), 400: err('Invalid body'), 403: err('Not an admin'), 409: err('Id taken') } }),
  setCalendar: createRoute({
    method: 'put',
    path: '/branches/{id}/calendar',
    tags: ['organisation'],
    summary: 'Set (or clear with null) the branch calendar: SLA time then runs only inside its hours (admin)',
    request: { params: z.object({ id: z.string() }), ...body(calendarSchema.nullable()) },
    responses: { 200: json(branchSchema, 'Updated'), 400: err('Invalid calendar'), 403: err('Not an admin'), 404: err('No such branch') },
  }),
  updateBranch: createRoute({ method: 'patch', path: '/branches/{id}', tags: ['organisation'], summary: 'Rename a branch or set its default customer language (admin); its id stays', request: { params: z.object({ id: z.string() }), ...body(z.object({ name: notBlankText(120).optional(), locale: localeSchema.nullable().optional() }).strict()) }, responses: { 200: json(branchSchema, 'Updated'), 400: err('Invalid body'), 403: err('Not an admin'), 404: err('No such branch') } }),
  listServices: createRoute({ method: 'get', path: '/services', tags: ['organisation'], summary: 'Services', responses: { 200: json(z.object({ items: z.array(serviceSchema) }), 'Services'), 401: err('Not signed in') } }),
  createService: createRoute({ method: 'post', path: '/services', tags: ['organisation'], summary: 'Add a service (admin)', request: body(z.object({ id: slug, name: notBlankText(120) })), responses: { 201: json(serviceSchema, 'Created'), 400: err('Invalid body'), 403: err('Not an admin'), 409: err('Id taken') } }),
  renameService: createRoute({ method: 'patch', path: '/services/{id}', tags: ['organisation'], summary: 'Rename a service (admin); its id stays', request: { params: z.object({ id: z.string() }), ...body(z.object({ name: notBlankText(120) })) }, responses: { 200: json(serviceSchema, 'Updated'), 400: err('Invalid body'), 403: err('Not an admin'), 404: err('No such service') } }),
  getSetting: createRoute({ method: 'get', path: '/settings/{key}', tags: ['settings'], summary: 'Read a setting (admin; defaults apply until changed)', request: { params: z.object({ key: settingKey }) }, responses: { 200: json(z.record(z.string(), z.unknown()), 'Value'), 401: err('Not signed in'), 403: err('Not an admin') } }),
  putSetting: createRoute({
    method: 'put',
    path: '/settings/{key}',
    tags: ['settings'],
    summary: 'Change a setting (admin); new tickets use it, running tickets keep what they started with',
    request: { params: z.object({ key: settingKey }), ...body(z.record(z.string(), z.unknown())) },
    responses: { 200: json(z.record(z.string(), z.unknown()), 'Stored value'), 400: err('Invalid value'), 403: err('Not an admin'), 409: err('auth: passwords cannot be switched off without SSO and an admin who signed in by SSO') },
  }),
};

/** Passwords off must leave a way in for an admin: SSO configured, and an active admin linked to it. */
async function assertSomeAdminCanSignIn(deps: ApiDeps, value: SettingValue<'auth'>) {
  if (value.localPasswords) return;
  if (!deps.config.oidc) throw new DomainError('CONFLICT', 'Single sign-on is not configured (OIDC_ISSUER), so passwords are the only way in');
  if (!(await ssoAdminExists(deps.db))) throw new DomainError('CONFLICT', 'No active admin has signed in by SSO yet: that would lock every admin out');
}

export function orgRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const adminOnly = requireUser('admin');
  // Path-scoped: this router is mounted beside others under /api/v1.
  for (const path of ['/branches', '/branches/*', '/services', '/services/*']) {
    app.use(path, async (c, next) => (c.req.method === 'GET' ? requireUser()(c, next) : adminOnly(c, next)));
  }
  app.use('/settings/*', adminOnly);

  const branchOut = async (db: AppEnv['Variables']['deps']['db'], id: string) => {
    const branch = await readBranch(db, id);
    if (!branch) throw new DomainError('NOT_FOUND', `No branch ${id}`);
    return branch;
  };

  app.openapi(routes.listBranches, async (c) => c.json({ items: await listBranches(c.get('deps').db) }, 200));
  app.openapi(routes.createBranch, async (c) => {
    const b = c.req.valid('json');
    if (!(await insertBranch(c.get('deps').db, b))) throw new DomainError('CONFLICT', `Branch ${b.id} exists`);
    return c.json({ ...b, calendar: null, locale: null }, 201);
  });
  app.openapi(routes.setCalendar, async (c) => {
    const { id } = c.req.valid('param');
    const cal = c.req.valid('json');
    const { db } = c.get('deps');
    await branchOut(db, id);
    await setBranchCalendar(db, id, cal);
    return c.json(await branchOut(db, id), 200);
  });
  app.openapi(routes.updateBranch, async (c) => {
    const { db } = c.get('deps');
    const { id } = c.req.valid('param');
    if (!(await updateBranch(db, id, c.req.valid('json')))) throw new DomainError('NOT_FOUND', `No branch ${id}`);
    return c.json(await branchOut(db, id), 200);
  });
  app.openapi(routes.renameService, async (c) => {
    const { id } = c.req.valid('param');
    const row = await renameService(c.get('deps').db, id, c.req.valid('json').name);
    if (!row) throw new DomainError('NOT_FOUND', `No service ${id}`);
    return c.json(row, 200);
  });
  app.openapi(routes.listServices, async (c) => c.json({ items: await listServices(c.get('deps').db) }, 200));
  app.openapi(routes.createService, async (c) => {
    const s = c.req.valid('json');
    if (!(await insertService(c.get('deps').db, s))) throw new DomainError('CONFLICT', `Service ${s.id} exists`);
    return c.json(s, 201);
  });
  app.openapi(routes.getSetting, async (c) => c.json((await readSetting(c.get('deps').db, c.req.valid('param').key)) as Record<string, unknown>, 200));
  app.openapi(routes.putSetting, async (c) => {
    const { key } = c.req.valid('param');
    const parsed = SETTINGS[key].schema.safeParse(c.req.valid('json'));
    if (!parsed.success) throw invalidFields(parsed.error.issues.map((i) => ({ path: i.path.join('.') || key, message: i.message })));
    if (key === 'auth') await assertSomeAdminCanSignIn(c.get('deps'), parsed.data as SettingValue<'auth'>);
    await writeSetting(c.get('deps').db, key, parsed.data as never);
    return c.json(parsed.data as Record<string, unknown>, 200);
  });
  return app;
}
