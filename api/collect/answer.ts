// One public answer, from a kiosk (JSON) or a form page: rate limits, validation, honeypot, then the
// same intake as every other channel (acceptFeedback: the intake workflow, idempotent on channel +
// externalId), so rules, tiers, SLAs and routing apply unchanged. Nothing is stored before the start.
import { z } from 'zod';
import { answerProblems, collectAnswerSchema, feedbackFromAnswer, isBot, type CollectAnswer, type CollectionPoint, type CollectSurface } from '../../domain/collection-point';
import { DomainError, invalidFields } from '../../domain/errors';
import { tierOf, type Tier } from '../../domain/score-tiers';
import type { ApiDeps } from '../deps';
import { enforceRateLimit } from '../rate-limit';
import { acceptFeedback } from '../routes/feedback';
import { log } from '../../platform/logger';

const MINUTE = 60_000;
/** Past this the intake start counts as failed: the page says "try again", the kiosk keeps the answer. */
const START_BUDGET_MS = 10_000;
const RETRY_AFTER_OUTAGE_S = 30;

export const DEFAULT_RATE_PER_POINT = 120;
export const DEFAULT_RATE_PER_IP = 30;

export type AnswerOutcome = { stored: false; reason: 'honeypot'; tier: Tier } | { stored: true; duplicate: boolean; tier: Tier };

/**
 * Per client address: counted first, on every public request, so neither a flood nor guessing device
 * tokens from one address gets far.
 */
export async function limitAddress(deps: ApiDeps, ip: string): Promise<void> {
  await enforceRateLimit(`collect:ip:${ip}`, deps.config.COLLECT_RATE_PER_IP ?? DEFAULT_RATE_PER_IP, MINUTE, 'Too many answers from this address; try again later');
}

/** Per point: counted after the address (and, for kiosks, the device token), so one flooding address cannot use up the point's budget. */
export async function limitPoint(deps: ApiDeps, pointId: string): Promise<void> {
  await enforceRateLimit(`collect:point:${pointId}`, deps.config.COLLECT_RATE_PER_POINT ?? DEFAULT_RATE_PER_POINT, MINUTE, 'Too many answers for this collection point; try again later');
}

/** Validates `raw` against the point and hands it to the intake; throws 400 (fields named), 503 (intake down). */
export async function submitAnswer(deps: ApiDeps, point: CollectionPoint, surface: CollectSurface, raw: unknown): Promise<AnswerOutcome> {
  const parsed = collectAnswerSchema.safeParse(raw);
  if (!parsed.success) {
    // Every problem at once: what the schema refuses, and what the point's rules refuse of the rest.
    const fields = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    const rest = answerProblems(point, wellTyped(raw)).filter((f) => !fields.some((g) => g.path === f.path));
    throw invalidFields([...fields, ...rest]);
  }
  const answer = parsed.data;
  const tier = tierOf(point.captureType, answer.score);
  const fb = feedbackFromAnswer(point, surface, answer, Date.now());
  // A bot that filled the honeypot is told what a person would be told, and nothing is kept.
  if (isBot(answer)) return { stored: false, reason: 'honeypot', tier };
  try {
    // A gRPC deadline (not a race) so the client's own retries stop with it: nothing keeps trying behind a 503.
    const accepted = await deps.temporal.connection.withDeadline(Date.now() + START_BUDGET_MS, () => acceptFeedback(deps, fb, false));
    return { stored: true, duplicate: accepted.duplicate, tier };
  } catch (err) {
    if (err instanceof DomainError) throw err;
    log('collect').error({ pointId: point.id, err }, 'intake start failed');
    throw new DomainError('UNAVAILABLE', 'The intake is not available right now; try again later', { retryAfterSeconds: RETRY_AFTER_OUTAGE_S });
  }
}

/** The fields of `raw` that have the right type, for checking the rest of an answer the schema refused. */
function wellTyped(raw: unknown): Partial<CollectAnswer> {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === 'string' ? (r[k] as string).trim() : undefined);
  return { score: Number.isInteger(r.score) ? (r.score as number) : undefined, email: str('email'), phone: str('phone'), consent: r.consent === true };
}

/** Field paths of a refused answer (from invalidFields' details). */
export function refusedFields(err: unknown): string[] {
  if (!(err instanceof DomainError) || err.code !== 'INVALID_INPUT') return [];
  const fields = z.array(z.object({ path: z.string() })).safeParse(err.details?.fields);
  return fields.success ? fields.data.map((f) => f.path) : [];
}
