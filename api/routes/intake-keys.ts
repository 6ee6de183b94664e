// Channel intake keys (admin): created with the secret shown once, listed by prefix, revoked.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notBlankText } from '../../domain/text';
import { insertIntakeKey, listIntakeKeys, revokeIntakeKey, type IntakeKeyRow } from '../../db/intake-keys';
import { forgetIntakeKeys } from '../intake-cache';
import { DomainError } from '../../domain/errors';
import { channelSchema } from '../../domain/types';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { newIntakeKey } from '../../platform/security';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
export const intakeKeySchema = z.object({ id: z.string(), name: z.string(), channel: channelSchema.nullable(), prefix: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() }).meta({ id: 'IntakeKey' });

const list = createRoute({ method: 'get', path: '/', tags: ['intake keys'], summary: 'Intake keys (admin); secrets are never shown again', responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(intakeKeySchema) }) } }, description: 'Keys' }, 403: err('Not an admin') } });
const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['intake keys'],
  summary: 'Create a key, optionally bound to one channel (admin); the answer holds the secret, once',
  request: { body: { content: { 'application/json': { schema: z.object({ name: notBlankText(120), channel: channelSchema.nullable().default(null) }) } }, required: true } },
  responses: { 201: { content: { 'application/json': { schema: intakeKeySchema.extend({ key: z.string() }) } }, description: 'Created' }, 400: err('Invalid body'), 403: err('Not an admin') },
});
const revoke = createRoute({ method: 'delete', path: '/{id}', tags: ['intake keys'], summary: 'Revoke a key (admin): it stops working at once', request: { params: z.object({ id: z.string() }) }, responses: { 204: { description: 'Revoked' }, 404: err('No such key') } });

const out = (k: IntakeKeyRow) => ({ id: k.id, name: k.name, channel: k.channel, prefix: k.prefix, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null });

export function intakeKeyRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));
  app.openapi(list, async (c) => c.json({ items: (await listIntakeKeys(c.get('deps').db)).map(out) }, 200));
  app.openapi(create, async (c) => {
    const { name, channel } = c.req.valid('json');
    const k = newIntakeKey();
    const row = await insertIntakeKey(c.get('deps').db, { id: randomUUID(), name, channel, keyHash: k.keyHash, prefix: k.prefix });
    return c.json({ ...out(row), key: k.key }, 201);
  });
  app.openapi(revoke, async (c) => {
    if (!(await revokeIntakeKey(c.get('deps').db, c.req.valid('param').id))) throw new DomainError('NOT_FOUND', 'No such intake key');
    forgetIntakeKeys(c.get('deps').db);
    return c.body(null, 204);
  });
  return app;
}
