// Embedded mode's dev mailbox (admin): what the app sent, and "answer as the customer", which feeds a
// real RFC 5322 reply through the same inbound handler as mail read over IMAP.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { emailText, notBlankText } from '../../domain/text';
import { answerAsCustomer, listDevMail, readDevMail } from '../../mail/dev-mailbox';
import { inboundDepsFromConfig } from '../../mail/inbound';
import { DomainError } from '../../domain/errors';
import { pgIntParam } from '../../domain/ids';
import { requireUser } from '../auth';
import type { AppEnv, ApiDeps } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const summarySchema = z
  .object({ id: z.number().int(), direction: z.enum(['sent', 'answered']), messageId: z.string().nullable(), from: z.string().nullable(), to: z.array(z.string()), subject: z.string().nullable(), receivedAt: z.string() })
  .meta({ id: 'DevMail' });
const detailSchema = summarySchema
  .extend({ headers: z.record(z.string(), z.string()), replyTo: z.string().nullable(), text: z.string(), html: z.string().nullable(), raw: z.string() })
  .meta({ id: 'DevMailDetail' });
const answerSchema = z
  .object({
    body: notBlankText(20_000, { message: 'write what the customer answers' }),
    from: emailText().max(320).optional().describe('Answer from another address (default: the recipient) to try the sender check'),
  })
  .strict();
const idParam = z.object({ id: pgIntParam() });

const routes = {
  list: createRoute({
    method: 'get',
    path: '/',
    tags: ['dev mailbox'],
    summary: 'Mail kept by the built-in dev mailbox, newest first (admin; embedded mode without SMTP_URL)',
    request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: pgIntParam({ min: 0 }).default(0) }) },
    responses: { 200: json(z.object({ enabled: z.boolean(), items: z.array(summarySchema) }), 'Messages'), 403: err('Not an admin') },
  }),
  get: createRoute({ method: 'get', path: '/{id}', tags: ['dev mailbox'], summary: 'One kept message with its headers, parts and raw source (admin)', request: { params: idParam }, responses: { 200: json(detailSchema, 'Message'), 403: err('Not an admin'), 404: err('No such message') } }),
  answer: createRoute({
    method: 'post',
    path: '/{id}/answer',
    tags: ['dev mailbox'],
    summary: 'Answer a kept message as the customer: a threaded reply handled exactly like mail read over IMAP (admin)',
    request: { params: idParam, body: { content: { 'application/json': { schema: answerSchema } }, required: true } },
    responses: {
      200: json(z.object({ answerId: z.number().int(), outcome: z.record(z.string(), z.unknown()) }), 'What the inbound handler did with it'),
      400: err('Invalid body'),
      403: err('Not an admin'),
      404: err('No such message, or the dev mailbox is off'),
    },
  }),
};

function assertEnabled(deps: ApiDeps) {
  if (!deps.config.devMailbox) throw new DomainError('NOT_FOUND', 'The dev mailbox is off: mail goes to SMTP_URL');
}

export function devMailboxRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));
  app.openapi(routes.list, async (c) => {
    const deps = c.get('deps');
    const { limit, offset } = c.req.valid('query');
    return c.json({ enabled: !!deps.config.devMailbox, items: deps.config.devMailbox ? await listDevMail(deps.db, limit, offset) : [] }, 200);
  });
  app.openapi(routes.get, async (c) => {
    const deps = c.get('deps');
    assertEnabled(deps);
    const mail = await readDevMail(deps.db, c.req.valid('param').id);
    if (!mail) throw new DomainError('NOT_FOUND', 'No such message');
    return c.json(mail, 200);
  });
  app.openapi(routes.answer, async (c) => {
    const deps = c.get('deps');
    assertEnabled(deps);
    const result = await answerAsCustomer(deps.db, c.req.valid('param').id, c.req.valid('json'), inboundDepsFromConfig(deps.config, deps.db, deps.temporal));
    if (!result) throw new DomainError('NOT_FOUND', 'No such message');
    return c.json(result as { answerId: number; outcome: Record<string, unknown> }, 200);
  });
  return app;
}
