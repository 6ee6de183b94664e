// The kiosk's public API: pair a tablet with a one-time code, then send answers with its device token.
// No session: a copied kiosk URL without the token cannot submit. Rate-limited per address and point.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { claimPairing, readPoint, touchDevice } from '../../db/collection-points';
import { collectAnswerSchema } from '../../domain/collection-point';
import { DomainError, invalidFields } from '../../domain/errors';
import { newToken, sha256 } from '../../platform/security';
import { limitAddress, limitPoint, submitAnswer } from '../collect/answer';
import { clientIp } from '../client-ip';
import type { AppEnv } from '../deps';
import { validationHook } from '../errors';
import { err, json, jsonBody } from '../openapi';
import { enforceRateLimit } from '../rate-limit';

export const DEVICE_TOKEN_HEADER = 'x-device-token';
const PAIR_ATTEMPTS_PER_MINUTE = 10;

/** Pairing codes are shown as XXXX-XXXX; people type them with spaces, dashes or in lower case. */
export const normalisePairingCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export const kioskAnswerAcceptedSchema = z
  .object({ accepted: z.literal(true), duplicate: z.boolean().describe('This externalId was already accepted (a resend)') })
  .meta({ id: 'KioskAnswerAccepted' });

const pair = createRoute({
  method: 'post',
  path: '/pair',
  tags: ['collection (public)'],
  summary: 'Pair a kiosk: trade a one-time pairing code for the device token the kiosk sends with every answer',
  security: [],
  request: jsonBody(z.object({ code: z.string().min(1).max(40) }).strict()),
  responses: {
    200: json(z.object({ pointId: z.string(), deviceToken: z.string() }).meta({ id: 'KioskPairing' }), 'Paired: keep the token on the device'),
    400: err('Code missing, unknown, used or expired (field "code")'),
    413: err('Body too large'),
    429: err('Too many attempts from this address (Retry-After)'),
  },
});

const answer = createRoute({
  method: 'post',
  path: '/{pointId}/answers',
  tags: ['collection (public)'],
  summary: 'A kiosk answer (paired devices only); resending the same externalId is accepted once',
  security: [],
  request: {
    params: z.object({ pointId: z.string().min(1).max(64) }),
    headers: z.object({ [DEVICE_TOKEN_HEADER]: z.string().optional().describe('The device token from pairing') }),
    ...jsonBody(collectAnswerSchema),
  },
  responses: {
    202: json(kioskAnswerAcceptedSchema, 'Accepted durably (or dropped silently when the honeypot was filled)'),
    400: err('Invalid answer (field-level message)'),
    401: err('No device token, or not one of this point (not paired, revoked)'),
    404: err('No such collection point, or it is closed'),
    413: err('Body too large'),
    429: err('Too many answers from this address or for this point (Retry-After)'),
    503: err('The intake is not available; the kiosk keeps the answer and sends it again (Retry-After)'),
  },
});

export function collectRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(pair, async (c) => {
    const deps = c.get('deps');
    await enforceRateLimit(`collect:pair:${clientIp(c)}`, PAIR_ATTEMPTS_PER_MINUTE, 60_000, 'Too many pairing attempts; try again in a minute');
    const token = newToken(32);
    const claimed = await claimPairing(deps.db, sha256(normalisePairingCode(c.req.valid('json').code)), sha256(token), new Date());
    if (!claimed) throw invalidFields([{ path: 'code', message: 'not valid, already used or expired: create a new pairing code on the admin screen' }]);
    return c.json({ pointId: claimed.pointId, deviceToken: token }, 200);
  });

  app.openapi(answer, async (c) => {
    const deps = c.get('deps');
    const { pointId } = c.req.valid('param');
    await limitAddress(deps, clientIp(c));
    const token = c.req.header(DEVICE_TOKEN_HEADER);
    const point = await readPoint(deps.db, pointId);
    if (!point || !point.active) throw new DomainError('NOT_FOUND', 'No such collection point, or it is closed');
    if (!token || !(await touchDevice(deps.db, point.id, sha256(token), new Date()))) {
      throw new DomainError('UNAUTHORIZED', 'This kiosk is not paired with this collection point: pair it from the admin screen');
    }
    await limitPoint(deps, point.id);
    const outcome = await submitAnswer(deps, point, 'kiosk', c.req.valid('json'));
    return c.json({ accepted: true as const, duplicate: outcome.stored && outcome.duplicate }, 202);
  });
  return app;
}
