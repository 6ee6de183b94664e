// The outbound webhooks in the OpenAPI document (3.1 `webhooks`): one entry per event type with its
// payload schema and the signature headers.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, webhookEnvelopeSchema } from '../domain/webhooks';

export const WEBHOOK_SIGNATURE_DOC =
  'Signed as Standard Webhooks do (standardwebhooks.com): webhook-signature holds one or more space-separated `v1,<base64 HMAC-SHA256>`, ' +
  'keyed with the base64-decoded part of the subscription secret after `whsec_`, over `<webhook-id>.<webhook-timestamp>.<raw body>`. ' +
  'During a secret rotation there is one signature per valid secret: accept the delivery if any matches. Refuse timestamps more than 5 minutes away from your clock (replay window), and dedupe on webhook-id. ' +
  'Answer 2xx within 10 seconds; anything else is retried with exponential backoff (15 s doubling to 1 h, 15 attempts), after which the subscription is paused and admins are told. Events of one ticket arrive in order; redirects are not followed.';

const headers = z.object({
  'webhook-id': z.string().meta({ description: 'The event id (evt_…): the same on every retry and redelivery' }),
  'webhook-timestamp': z.string().meta({ description: 'Unix seconds when this attempt was signed' }),
  'webhook-signature': z.string().meta({ description: 'v1,<base64 signature> [v1,<signature with the previous secret>]' }),
  'closeloop-event-type': z.string().meta({ description: 'The event type, as in the body' }),
});

export function registerWebhookPayloads(registry: OpenAPIHono['openAPIRegistry']): void {
  for (const type of WEBHOOK_EVENT_TYPES) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags: ['webhooks'],
      summary: WEBHOOK_EVENT_DESCRIPTIONS[type],
      description: WEBHOOK_SIGNATURE_DOC,
      request: { headers, body: { content: { 'application/json': { schema: webhookEnvelopeSchema(type) } }, required: true } },
      responses: { 200: { description: 'Any 2xx acknowledges the delivery' } },
    });
  }
}
