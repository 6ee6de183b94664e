import { createMiddleware } from 'hono/factory';
import { liveIntakeKey } from '../db/intake-keys';
import { DomainError } from '../domain/errors';
import type { AppEnv } from './deps';
import { sha256 } from '../platform/security';

export type IntakeEnv = AppEnv & { Variables: AppEnv['Variables'] & { intakeKey: { id: string; channel: string | null } } };

/** Bearer intake key: stored hashed, revocable, optionally bound to one channel. */
export const requireIntakeKey = createMiddleware<IntakeEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new DomainError('UNAUTHORIZED', 'Missing intake key: send "Authorization: Bearer <key>"');
  const key = await liveIntakeKey(c.get('deps').db, sha256(match[1]));
  if (!key) throw new DomainError('UNAUTHORIZED', 'Unknown or revoked intake key');
  c.set('intakeKey', key);
  await next();
});
