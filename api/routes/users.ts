// Staff accounts (admin): create with a password, role, branches, capacity and Slack target; edit;
// deactivate (never delete: tickets and timelines name them). Everyone may list the colleagues of
// their branches (assignee pickers) and toggle their own availability, which first-available and
// round-robin assignment respect.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { emailText, notBlankText } from '../../domain/text';
import { knownBranches } from '../../db/org';
import { endSessionsOf } from '../../db/sessions';
import { anotherActiveAdmin, emailTakenByAnother, insertUser, updateUser, usersWithLoad, type UserRow } from '../../db/users';
import { DomainError, invalidFields } from '../../domain/errors';
import { roleSchema } from '../../domain/types';
import { requireUser } from '../auth';
import type { AppEnv, ApiDeps } from '../deps';
import { validationHook } from '../errors';
import { err, json, jsonBody } from '../openapi';
import { hashPassword } from '../../platform/security';
import { newPasswordSchema, staffFields } from './auth';

export const userSchema = z
  .object({
    ...staffFields,
    capacity: z.number().int().nullable().describe('Most open tickets assignment gives this user; null = no limit'),
    slackTarget: z.string().nullable().describe('Slack member or channel id for escalation notices'),
    active: z.boolean(),
    totp: z.boolean().describe('Whether the user signs in with an authenticator code as well'),
    openTickets: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

const userFields = {
  email: emailText().toLowerCase().max(320),
  name: notBlankText(120),
  password: newPasswordSchema,
  role: roleSchema,
  branches: z.array(z.string().min(1)).max(200),
  capacity: z.number().int().min(1).max(10_000).nullable(),
  slackTarget: notBlankText(120).nullable(),
  available: z.boolean(),
};
export const userInputSchema = z.object({
  ...userFields,
  branches: userFields.branches.default([]),
  capacity: userFields.capacity.default(null),
  slackTarget: userFields.slackTarget.default(null),
  available: userFields.available.default(true),
});
export type UserInput = z.input<typeof userInputSchema>;
/** Only the named fields change (no defaults here). */
export const userPatchSchema = z
  .object(userFields)
  .partial()
  .extend({
    active: z.boolean().optional().describe('false deactivates: sign-in stops and open sessions end'),
    totp: z.literal(false).optional().describe("false switches the user's authenticator code off (a lost phone); they enrol again on their account page"),
  });
export type UserPatch = z.input<typeof userPatchSchema>;
const availabilitySchema = z.object({ available: z.boolean() });
const idParam = z.object({ id: z.string().min(1) });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags: ['users'],
    summary: 'Users: an admin sees everyone (inactive included); others see the active colleagues of their branches',
    responses: { 200: json(z.object({ items: z.array(userSchema) }), 'Users by name'), 401: err('Not signed in') },
  }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags: ['users'],
    summary: 'Create a user with a password, role, branches, capacity and Slack target (admin)',
    request: jsonBody(userInputSchema),
    responses: { 201: json(userSchema, 'Created'), 400: err('Invalid body or unknown branch'), 403: err('Not an admin'), 409: err('Email taken') },
  }),
  update: createRoute({
    method: 'patch',
    path: '/{id}',
    tags: ['users'],
    summary: 'Change any of a user\'s fields, reset the password, or deactivate / reactivate (admin)',
    request: { params: idParam, ...jsonBody(userPatchSchema) },
    responses: { 200: json(userSchema, 'Updated'), 400: err('Invalid body or unknown branch'), 403: err('Not an admin'), 404: err('No such user'), 409: err('Email taken, or it would leave no active admin') },
  }),
  availability: createRoute({
    method: 'put',
    path: '/{id}/availability',
    tags: ['users'],
    summary: 'Set availability for new assignments (the user themselves, or an admin)',
    request: { params: idParam, ...jsonBody(availabilitySchema) },
    responses: { 200: json(userSchema, 'Updated'), 400: err('Invalid body'), 403: err('Someone else\'s availability'), 404: err('No such user') },
  }),
};

const out = (r: UserRow, openTickets: number): User => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  branches: r.branches,
  available: r.available,
  capacity: r.capacity,
  slackTarget: r.slackTarget,
  active: r.active,
  totp: r.totpSecret !== null,
  openTickets: Number(openTickets),
  createdAt: r.createdAt.toISOString(),
});

async function loadUsers(db: ApiDeps['db'], id?: string) {
  return (await usersWithLoad(db, id)).map((r) => out(r.user, r.openTickets));
}

async function loadUser(db: ApiDeps['db'], id: string) {
  const [u] = await loadUsers(db, id);
  if (!u) throw new DomainError('NOT_FOUND', `No user ${id}`);
  return u;
}

async function assertBranchesExist(db: ApiDeps['db'], ids: string[] | undefined) {
  if (!ids?.length) return;
  const known = await knownBranches(db, ids);
  const unknown = ids.filter((b) => !known.has(b));
  if (unknown.length) throw invalidFields([{ path: 'branches', message: `unknown branch ${unknown.join(', ')}` }]);
}

/** Demoting or deactivating the last active admin would lock everyone out of the admin screens. */
async function assertAnotherAdmin(db: ApiDeps['db'], target: User, patch: { role?: string; active?: boolean }) {
  const losesAdmin = target.role === 'admin' && target.active && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
  if (!losesAdmin) return;
  if (!(await anotherActiveAdmin(db, target.id))) throw new DomainError('CONFLICT', 'This is the last active admin; make someone else admin first');
}

export function userRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const adminOnly = requireUser('admin');
  app.use('/', async (c, next) => (c.req.method === 'GET' ? requireUser()(c, next) : adminOnly(c, next)));
  app.use('/:id', adminOnly);
  app.use('/:id/availability', requireUser());

  app.openapi(routes.list, async (c) => {
    const me = c.get('user');
    const all = await loadUsers(c.get('deps').db);
    const visible = me.role === 'admin' ? all : all.filter((u) => u.active && u.branches.some((b) => me.branches.includes(b)));
    return c.json({ items: visible }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const input = c.req.valid('json');
    const { db } = c.get('deps');
    await assertBranchesExist(db, input.branches);
    const { password, ...fields } = input;
    const id = randomUUID();
    if (!(await insertUser(db, { id, ...fields, passwordHash: await hashPassword(password) }))) throw new DomainError('CONFLICT', `A user with email ${input.email} exists`);
    return c.json(await loadUser(db, id), 201);
  });

  app.openapi(routes.update, async (c) => {
    const { id } = c.req.valid('param');
    const { password, totp, ...patch } = c.req.valid('json');
    const { db } = c.get('deps');
    const target = await loadUser(db, id);
    await assertBranchesExist(db, patch.branches);
    await assertAnotherAdmin(db, target, patch);
    if (patch.email && patch.email !== target.email && (await emailTakenByAnother(db, patch.email, id))) throw new DomainError('CONFLICT', `A user with email ${patch.email} exists`);
    await updateUser(db, id, { ...patch, ...(password ? { passwordHash: await hashPassword(password) } : {}), ...(totp === false ? { totpSecret: null, totpPending: null, totpLastStep: null } : {}) });
    // A deactivated user or a reset password ends the user's sessions at once.
    if (patch.active === false || password) await endSessionsOf(db, id);
    return c.json(await loadUser(db, id), 200);
  });

  app.openapi(routes.availability, async (c) => {
    const { id } = c.req.valid('param');
    const me = c.get('user');
    if (me.role !== 'admin' && me.id !== id) throw new DomainError('FORBIDDEN', 'Only an admin sets someone else\'s availability');
    const { db } = c.get('deps');
    await loadUser(db, id);
    await updateUser(db, id, { available: c.req.valid('json').available });
    return c.json(await loadUser(db, id), 200);
  });
  return app;
}
