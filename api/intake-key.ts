import { createMiddleware } from 'hono/factory';
import { DomainError } from '../domain/errors';
import { bearerOf } from './auth';
import { cachedIntakeKey } from './intake-cache';
import type { AppEnv } from './deps';
import { sha256 } from '../platform/security';

export type IntakeEnv = AppEnv & { Variables: AppEnv['Variables'] & { intakeKey: { id: string; channel: string | null } } };

/** Bearer intake key: stored hashed, revocable, optionally bound to one channel. */
export const requireIntakeKey = createMiddleware<IntakeEnv>(async (c, next) => {
  const bearer = bearerOf(c);
  if (bearer === null) throw new DomainError('UNAUTHORIZED', 'Missing intake key: send "Authorization: Bearer <key>"');
  const key = await cachedIntakeKey(c.get('deps').db, sha256(bearer));
  if (!key) throw new DomainError('UNAUTHORIZED', 'Unknown or revoked intake key');
  c.set('intakeKey', key);
  await next();
});
