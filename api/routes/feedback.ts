import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { z } from 'zod';
import { withTemporalDeadline } from '../outage';
import { DomainError, invalidFields, type FieldError } from '../../domain/errors';
import { feedbackIdFor, feedbackInputSchema, normalizeFeedback, type NormalizedFeedback } from '../../domain/feedback';
import { startWorkflowOnce } from '../../platform/temporal';
import { feedbackIntakeWorkflow, intakeArgs, type IntakeResult } from '../../workflows/intake';
import type { ApiDeps } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { cachedKnown } from '../intake-cache';
import { requireIntakeKey, type IntakeEnv } from '../intake-key';
import { intake } from '../../platform/metrics';

export const feedbackAcceptedSchema = z
  .object({
    id: z.string().describe('Feedback id (also the intake workflow id)'),
    duplicate: z.boolean().describe('True when this channel + externalId was already accepted'),
    outcome: z.enum(['ticket', 'no_match']).optional(),
    ticketNumber: z.number().int().nullable().optional(),
  })
  .meta({ id: 'FeedbackAccepted' });

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

const postFeedback = createRoute({
  method: 'post',
  path: '/',
  tags: ['intake'],
  summary: 'Submit one feedback (rating, comment, contact); the generation rules decide whether it opens a ticket',
  security: [{ intakeKey: [] }],
  request: {
    query: z.object({ wait: z.enum(['true', 'false']).optional().describe('Wait (up to 5 s) for the rules and answer the ticket number') }),
    body: { content: { 'application/json': { schema: feedbackInputSchema } }, required: true },
  },
  responses: {
    202: { content: { 'application/json': { schema: feedbackAcceptedSchema } }, description: 'Accepted durably' },
    400: err('Invalid body (field-level message)'),
    401: err('Missing or wrong intake key'),
    403: err('Key not valid for this channel'),
    413: err('Body too large'),
  },
});

const postBatch = createRoute({
  method: 'post',
  path: '/batch',
  tags: ['intake'],
  summary: 'Submit up to 500 feedback items at once; all are validated first, then each is accepted durably',
  security: [{ intakeKey: [] }],
  request: { body: { content: { 'application/json': { schema: z.object({ items: z.array(feedbackInputSchema).min(1).max(500) }) } }, required: true } },
  responses: {
    202: { content: { 'application/json': { schema: z.object({ items: z.array(feedbackAcceptedSchema) }) } }, description: 'Accepted durably, in order' },
    400: err('Invalid item (path items.<i>.<field>); nothing was accepted'),
    401: err('Missing or wrong intake key'),
    403: err('Key not valid for this channel'),
    413: err('Body too large'),
  },
});

/** Workflow starts of one batch in flight at once: enough to fill the Temporal client's connection. */
const BATCH_STARTS = 50;

export const feedbackWorkflowId = (channel: NormalizedFeedback['channel'], externalId: string | undefined) => feedbackIdFor(channel, externalId ?? randomUUID());

/** Checks references against the read model so a typo'd branch is a 400, not a silent orphan. */
export async function assertKnownRefs(deps: ApiDeps, items: NormalizedFeedback[]) {
  const wantedBranches = [...new Set(items.map((i) => i.branch).filter((b): b is string => !!b))];
  const wantedServices = [...new Set(items.map((i) => i.service).filter((s): s is string => !!s))];
  const [kb, ks] = await Promise.all([cachedKnown(deps.db, 'branches', wantedBranches), cachedKnown(deps.db, 'services', wantedServices)]);
  const fields: FieldError[] = [];
  items.forEach((item, i) => {
    const prefix = items.length > 1 ? `items.${i}.` : '';
    if (item.branch && !kb.has(item.branch)) fields.push({ path: `${prefix}branch`, message: `unknown branch "${item.branch}"` });
    if (item.service && !ks.has(item.service)) fields.push({ path: `${prefix}service`, message: `unknown service "${item.service}"` });
  });
  if (fields.length) throw invalidFields(fields);
}

/** Starting the intake workflow is the durable acceptance: once Temporal has it, it is evaluated once. */
export async function acceptFeedback(deps: ApiDeps, fb: NormalizedFeedback, wait: boolean) {
  const id = feedbackWorkflowId(fb.channel, fb.externalId);
  // Under a deadline: with Temporal unreachable this answers 503 in seconds (api/outage.ts), and no
  // client-side retry goes on behind the 503 to accept the feedback after the client gave up.
  const handle = await withTemporalDeadline(deps, () =>
    startWorkflowOnce(deps.temporal, feedbackIntakeWorkflow, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId: id,
      args: intakeArgs(id, fb, Date.now()),
      staticSummary: `Feedback ${fb.type} ${fb.score} on ${fb.channel}`,
    }),
  );
  intake.inc({ outcome: handle ? 'accepted' : 'duplicate' });
  if (!handle) return { id, duplicate: true };
  if (!wait) return { id, duplicate: false };
  // Accepted by now: a result that does not come in time (or at all) leaves the answer without it.
  const result = await Promise.race([handle.result().catch(() => null), new Promise<null>((r) => setTimeout(() => r(null), 5000))]);
  return { id, duplicate: false, ...(result ? pickResult(result) : {}) };
}

const pickResult = (r: IntakeResult) => ({ outcome: r.outcome, ticketNumber: r.ticketNumber });

export function feedbackRoutes() {
  const app = new OpenAPIHono<IntakeEnv>({ defaultHook: validationHook });
  // A batch may be large; a single feedback is small.
  app.use('*', requireIntakeKey);
  app.openapi(postFeedback, async (c) => {
    const fb = normalizeFeedback(c.req.valid('json'));
    const key = c.get('intakeKey');
    if (key.channel && key.channel !== fb.channel) throw new DomainError('FORBIDDEN', `This key may only submit ${key.channel} feedback`);
    const deps = c.get('deps');
    await assertKnownRefs(deps, [fb]);
    return c.json(await acceptFeedback(deps, fb, c.req.valid('query').wait === 'true'), 202);
  });
  app.openapi(postBatch, async (c) => {
    const items = c.req.valid('json').items.map(normalizeFeedback);
    const key = c.get('intakeKey');
    const wrong = items.findIndex((fb) => key.channel && key.channel !== fb.channel);
    if (wrong >= 0) throw new DomainError('FORBIDDEN', `items.${wrong}: this key may only submit ${key.channel} feedback`);
    const deps = c.get('deps');
    await assertKnownRefs(deps, items);
    // Starts in parallel, at most BATCH_STARTS at a time (a window, not waves of 50 waiting for their slowest).
    const limit = pLimit(BATCH_STARTS);
    const accepted = await Promise.all(items.map((fb) => limit(() => acceptFeedback(deps, fb, false))));
    return c.json({ items: accepted }, 202);
  });
  return app;
}
