// Twilio inbound-SMS webhook: form-encoded, authenticated by X-Twilio-Signature, answered with TwiML.
// A text starting with a 0–10 score becomes NPS feedback on the sms channel (MessageSid = externalId).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { DomainError } from '../../domain/errors';
import { normalizeFeedback } from '../../domain/feedback';
import { parseSmsAnswer, validTwilioSignature } from '../../domain/sms';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';
import { acceptFeedback, assertKnownRefs } from './feedback';

const twiml = (text: string) => `<?xml version="1.0" encoding="UTF-8"?><Response><Message>${text.replace(/[<>&]/g, '')}</Message></Response>`;

const route = createRoute({
  method: 'post',
  path: '/twilio',
  tags: ['intake'],
  summary: 'Twilio inbound SMS webhook (signature-checked); ?branch=&service= scope the answers of one survey number',
  request: {
    query: z.object({ branch: z.string().optional(), service: z.string().optional() }),
    body: { content: { 'application/x-www-form-urlencoded': { schema: z.looseObject({ MessageSid: z.string(), From: z.string(), Body: z.string() }) } }, required: true },
  },
  responses: {
    200: { content: { 'text/xml': { schema: z.string() } }, description: 'TwiML reply to the customer' },
    400: { content: { 'application/json': { schema: errorBodySchema } }, description: 'Not a Twilio form body' },
    403: { content: { 'application/json': { schema: errorBodySchema } }, description: 'Bad or missing signature, or SMS intake not configured' },
  },
});

export function smsRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const token = deps.config.TWILIO_AUTH_TOKEN;
    if (!token) throw new DomainError('FORBIDDEN', 'SMS intake is not configured (TWILIO_AUTH_TOKEN)');
    const params = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    // Twilio signs the public URL it was configured with, query string included.
    const url = new URL(c.req.url);
    const signedUrl = `${deps.config.publicUrl}${url.pathname}${url.search}`;
    if (!validTwilioSignature(token, signedUrl, params, c.req.header('x-twilio-signature') ?? '')) throw new DomainError('FORBIDDEN', 'Invalid X-Twilio-Signature');
    const answer = parseSmsAnswer(params.Body ?? '');
    if (!answer) return c.body(twiml('Please reply with a number from 0 to 10, then any comment.'), 200, { 'content-type': 'text/xml' });
    const { branch, service } = c.req.valid('query');
    const fb = normalizeFeedback({ channel: 'sms', type: 'nps', score: answer.score, comment: answer.comment, contact: { phone: params.From }, branch, service, externalId: params.MessageSid });
    await assertKnownRefs(deps, [fb]);
    await acceptFeedback(deps, fb, false);
    return c.body(twiml('Thank you for your feedback!'), 200, { 'content-type': 'text/xml' });
  });
  return app;
}
