// Branding (admin): what customers see on every page and mail. The text fields are the `branding`
// setting (PUT /settings/branding, validated there: contrast of the accent colour, no NUL); this router
// reads the whole of it and takes the logo upload (checked by its bytes, at most LOGO_MAX_BYTES).
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { deleteLogo, readBranding, writeLogo } from '../../db/branding';
import { brandingSchema, checkLogo, LOGO_MAX_BYTES, LOGO_TYPES } from '../../domain/branding';
import { DomainError, invalidFields } from '../../domain/errors';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
export const brandingViewSchema = brandingSchema
  .extend({
    logoPath: z.string().nullable().meta({ description: 'Public path of the logo (/public/logo/<sha256>), null without one' }),
    cssPath: z.string().meta({ description: 'Public stylesheet with the accent colour' }),
    fromName: z.string().meta({ description: 'Display name customer mail is sent under' }),
  })
  .meta({ id: 'BrandingView' });
export type BrandingViewBody = z.infer<typeof brandingViewSchema>;
const ok = (description: string) => ({ content: { 'application/json': { schema: brandingViewSchema } }, description });

const routes = {
  get: createRoute({ method: 'get', path: '/', tags: ['settings'], summary: 'The branding customers see, with the logo and stylesheet paths (admin); change the text fields with PUT /settings/branding', responses: { 200: ok('Branding'), 401: err('Not signed in'), 403: err('Not an admin') } }),
  putLogo: createRoute({
    method: 'put',
    path: '/logo',
    tags: ['settings'],
    summary: `Upload the logo (admin): the raw image as the body, ${LOGO_TYPES.join(', ')}, at most ${LOGO_MAX_BYTES / 1024} KB`,
    request: { body: { content: Object.fromEntries(LOGO_TYPES.map((t) => [t, { schema: z.any().meta({ type: 'string', format: 'binary' }) }])), required: true } },
    responses: { 200: ok('Stored; logoPath is the new one'), 400: err('Not a PNG, JPEG, GIF or WebP image (checked by its bytes), or empty'), 403: err('Not an admin'), 413: err('Larger than the limit') },
  }),
  deleteLogo: createRoute({ method: 'delete', path: '/logo', tags: ['settings'], summary: 'Remove the logo (admin)', responses: { 200: ok('Removed'), 403: err('Not an admin') } }),
};

export function brandingRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));
  app.openapi(routes.get, async (c) => c.json(await readBranding(c.get('deps').db), 200));
  app.openapi(routes.putLogo, async (c) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const checked = checkLogo(bytes);
    if (!checked.ok) throw checked.message.includes('at most') ? new DomainError('PAYLOAD_TOO_LARGE', `logo: ${checked.message}`) : invalidFields([{ path: 'logo', message: checked.message }]);
    const { db } = c.get('deps');
    await writeLogo(db, checked.contentType, Buffer.from(bytes));
    return c.json(await readBranding(db), 200);
  });
  app.openapi(routes.deleteLogo, async (c) => {
    const { db } = c.get('deps');
    await deleteLogo(db);
    return c.json(await readBranding(db), 200);
  });
  return app;
}
