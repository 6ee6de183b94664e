// The public, customer-facing routes outside /api/v1 (CSAT survey, collection pages, their assets) in
// the OpenAPI document, each with every status it answers. They are server-rendered HTML (plain Hono
// routes, api/routes/csat.ts, api/routes/collect-pages.ts, api/public-site.ts), so they are registered
// here by hand; each operation names its own server ("/"), no security, and the tag `public`.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
const asText = (type: string, description: string) => ({ description, content: { [type]: { schema: z.string() } } });
const retry = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' as const } } };
const limited = (description: string) => ({ ...html(description), headers: retry });
const base = { tags: ['public'], security: [], servers: [{ url: '/', description: 'The public site (no /api/v1 prefix)' }] };

const token = z.object({ token: z.string().describe('The survey link token `<ticket>.<32 hex>`; anything else is a 404 page') });
const pointId = z.object({ id: z.string().describe('Collection point id; unknown or closed → 404 page') });
const lang = z.object({ lang: z.string().optional().describe('Page language (else Accept-Language, then the branch locale)') });
const csatForm = z.object({
  score: z.string().describe('The answer on the survey scale (1–5; the smiley scale sends the same numbers)'),
  comment: z.string().optional().describe('At most 2000 characters'),
  reasonId: z.string().optional().describe('A CSAT reason (taxonomy) id'),
});
const collectForm = z.object({
  // What answerFromForm reads as a number (one or two digits) on the widest scale, NPS 0–10: an empty or
  // other score is the form again (400), as is one outside the point's own scale.
  score: z.string().regex(/^(?:0?\d|10)$/).describe("On the point's scale (smiley 0–2, stars 1–5, NPS 0–10)"),
  comment: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  consent: z.string().optional(),
  externalId: z.string().optional().describe('Client-generated id, 8–64 of A–Z a–z 0–9 _ -: a resend is recorded once'),
  lang: z.string().optional(),
  website: z.string().optional().describe('Honeypot: a filled one is dropped silently'),
});

const manifest = z.object({ name: z.string(), short_name: z.string(), start_url: z.string(), display: z.literal('fullscreen'), background_color: z.string(), theme_color: z.string() });

export function registerPublicPages(registry: OpenAPIRegistry): void {
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/csat/{token}',
    summary: 'The CSAT survey page behind a mail link: shows the survey with ?score= preselected; records nothing (scanners open every link)',
    request: { params: token, query: z.object({ score: z.string().optional().describe('Preselected answer') }) },
    responses: { 200: html('The survey (or what is on record)'), 404: html('No such survey'), 410: html('The survey is closed'), 503: limited('Survey cannot be read now') },
  });
  registry.registerPath({
    ...base,
    method: 'post',
    path: '/csat/{token}',
    summary: 'Answer the survey (form post from its own page); the second-answer policy decides what is stored, and the page says exactly that',
    request: { params: token, body: { content: { 'application/x-www-form-urlencoded': { schema: csatForm } }, required: true } },
    responses: {
      200: html('Stored: the receipt'),
      400: html('No valid answer chosen, or a comment with NUL / unpaired surrogates: the form again'),
      403: html('Posted from another site (Origin / Sec-Fetch-Site)'),
      404: html('No such survey'),
      409: html('Already answered (outside the change window): what is on record'),
      410: html('The survey is closed'),
      413: html('Body larger than 16 KB'),
      429: limited('Too many posts from this address or for this link (30 / 10 per minute)'),
      503: limited('The survey cannot take answers now: nothing recorded'),
    },
  });
  registry.registerPath({ ...base, method: 'get', path: '/public/page.css', summary: 'Stylesheet of the public pages', responses: { 200: asText('text/css', 'CSS') } });
  registry.registerPath({ ...base, method: 'get', path: '/public/brand.css', summary: 'The accent colour as a stylesheet', responses: { 200: asText('text/css', 'CSS') } });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/public/logo/{sha}',
    summary: 'The uploaded logo by its SHA-256 (cacheable for good)',
    request: { params: z.object({ sha: z.string() }) },
    responses: { 200: { description: 'The image', content: { 'image/*': { schema: z.string().meta({ format: 'binary' }) } } }, 404: asText('text/plain', 'No such logo') },
  });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/c/assets/{name}',
    summary: "The collection pages' stylesheet and the kiosk script",
    request: { params: z.object({ name: z.string() }), query: z.object({ v: z.string().optional().describe('Content hash: cached for good when it matches') }) },
    responses: { 200: asText('text/plain', 'The file (text/css or text/javascript)'), 404: asText('text/plain', 'No such asset') },
  });
  for (const [suffix, what] of [
    ['', 'QR page (mobile-first)'],
    ['/link', 'campaign link (may preselect ?score=, recorded only when sent)'],
    ['/embed', 'embeddable widget (framed by the sites the point names)'],
  ] as const) {
    registry.registerPath({
      ...base,
      method: 'get',
      path: `/c/{id}${suffix}`,
      summary: `Collection point: ${what}`,
      request: { params: pointId, query: suffix === '/link' ? lang.extend({ score: z.string().optional() }) : lang },
      responses: { 200: html('The form'), 404: html('No such point, or it is closed') },
    });
    registry.registerPath({
      ...base,
      method: 'post',
      path: `/c/{id}${suffix}`,
      summary: `Send an answer from the ${what}`,
      request: { params: pointId, body: { content: { 'application/x-www-form-urlencoded': { schema: collectForm } }, required: true } },
      responses: {
        200: html('Thank-you page'),
        400: html('The form again, the wrong fields marked; nothing stored'),
        403: html('Posted from another site'),
        404: html('No such point, or it is closed'),
        413: html('Body larger than 16 KB'),
        429: limited('Too many answers from this address or for this point'),
        503: limited('The intake is not available: nothing stored'),
      },
    });
  }
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/c/{id}/kiosk',
    summary: 'Kiosk page (full-screen, offline queue; posts to /api/v1/collect/{id}/answers with its device token)',
    request: { params: pointId, query: lang },
    responses: { 200: html('The kiosk'), 404: html('No such point, or it is closed') },
  });
  registry.registerPath({
    ...base,
    method: 'get',
    path: '/c/{id}/kiosk.webmanifest',
    summary: 'Web app manifest: the kiosk opens full-screen from a home screen',
    request: { params: pointId },
    responses: { 200: { description: 'Manifest', content: { 'application/manifest+json': { schema: manifest } } }, 404: html('No such point, or it is closed') },
  });
}
