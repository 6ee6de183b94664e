// API tokens: everyone manages their personal tokens, an admin also service tokens and anyone's token.
// The secret is in the create answer only; only its hash is stored. Session-only (api/scopes.ts):
// a token cannot mint or revoke tokens.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notBlankText } from '../../domain/text';
import { insertToken, listTokens, revokeToken, tokenById, type ApiTokenRow } from '../../db/api-tokens';
import { userNames } from '../../db/users';
import { API_TOKEN_KINDS, apiScopeSchema } from '../../domain/api-tokens';
import { DomainError, invalidFields } from '../../domain/errors';
import { pgInstant } from '../../domain/ids';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { validationHook } from '../errors';
import { err, json, jsonBody } from '../openapi';
import { newApiToken } from '../../platform/security';

export const apiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(API_TOKEN_KINDS),
    scopes: z.array(apiScopeSchema),
    prefix: z.string().describe('The clt_<prefix>_ part, to recognise the token'),
    owner: z.object({ id: z.string(), name: z.string() }).nullable().describe('The person a personal token acts as; null for a service token'),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().describe('Updated at most once a minute'),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const apiTokenInputSchema = z.object({
  name: notBlankText(120),
  kind: z.enum(API_TOKEN_KINDS).default('personal').describe('service: an integration with access to every branch (admin only)'),
  scopes: z.array(apiScopeSchema).min(1, 'pick at least one scope').max(4),
  expiresAt: pgInstant().nullable().default(null).describe('ISO time; null = never'),
});
export type ApiTokenInput = z.input<typeof apiTokenInputSchema>;

const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['api tokens'], summary: 'Your personal tokens (an admin: every token); secrets are never shown again', responses: { 200: json(z.object({ items: z.array(apiTokenSchema) }), 'Tokens, newest first'), 401: err('Not signed in'), 403: err('Called with an API token') } }),
  create: createRoute({
    method: 'post',
    path: '/',
    tags: ['api tokens'],
    summary: 'Create a personal token (acts as you, within its scopes) or, as an admin, a service token; the answer holds the secret, once',
    request: jsonBody(apiTokenInputSchema),
    responses: { 201: json(apiTokenSchema.extend({ token: z.string().describe('Send as "Authorization: Bearer <token>"; shown only now') }), 'Created'), 400: err('Invalid body'), 401: err('Not signed in'), 403: err('A service token needs an admin') },
  }),
  revoke: createRoute({ method: 'delete', path: '/{id}', tags: ['api tokens'], summary: 'Revoke a token (your own; an admin any): it stops working at once', request: { params: z.object({ id: z.string() }) }, responses: { 204: { description: 'Revoked' }, 401: err('Not signed in'), 404: err('No such token of yours') } }),
};

export function apiTokenRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());

  async function out(db: AppEnv['Variables']['deps']['db'], rows: ApiTokenRow[]): Promise<ApiToken[]> {
    const names = await userNames(db, [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      scopes: r.scopes,
      prefix: r.prefix,
      owner: r.userId ? { id: r.userId, name: names.get(r.userId) ?? r.userId } : null,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
    }));
  }

  app.openapi(routes.list, async (c) => {
    const me = c.get('user');
    const { db } = c.get('deps');
    return c.json({ items: await out(db, await listTokens(db, me.role === 'admin' ? 'all' : { userId: me.id })) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const input = c.req.valid('json');
    const me = c.get('user');
    const { db } = c.get('deps');
    if (input.kind === 'service' && me.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an admin creates service tokens');
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalidFields([{ path: 'expiresAt', message: 'must be in the future' }]);
    const secret = newApiToken();
    const row = await insertToken(db, {
      id: randomUUID(),
      name: input.name,
      kind: input.kind,
      userId: input.kind === 'personal' ? me.id : null,
      createdBy: me.id,
      scopes: [...new Set(input.scopes)],
      tokenHash: secret.keyHash,
      prefix: secret.prefix,
      expiresAt,
    });
    const [token] = await out(db, [row]);
    return c.json({ ...token, token: secret.key }, 201);
  });

  app.openapi(routes.revoke, async (c) => {
    const me = c.get('user');
    const { db } = c.get('deps');
    const row = await tokenById(db, c.req.valid('param').id);
    // Someone else's token looks like no token at all.
    if (!row || (me.role !== 'admin' && row.userId !== me.id)) throw new DomainError('NOT_FOUND', 'No such API token');
    await revokeToken(db, row.id, new Date());
    return c.body(null, 204);
  });
  return app;
}
