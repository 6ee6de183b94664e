// Mail templates (admin), per locale: list, read, change (placeholders validated), preview and reset to
// the shipped default of that locale. Customer templates exist in every shipped locale, staff notices in English.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { readBranding } from '../../db/branding';
import { readTemplate, resetTemplate, writeTemplate } from '../../db/templates';
import { mailDress as previewDress } from '../../domain/mail-dress';
import { DomainError, invalidFields } from '../../domain/errors';
import { LOCALES, localeSchema, translator, type Locale } from '../../domain/i18n';
import { defaultTemplate, renderTemplate, sampleVars, TEMPLATE_KEYS, templateLocales, TEMPLATES, templateBodySchema, validateTemplate, type TemplateKey } from '../../domain/templates';
import { requireUser } from '../auth';
import type { AppEnv, ApiDeps } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

export const templateSchema = z
  .object({
    key: z.enum(TEMPLATE_KEYS),
    locale: localeSchema.meta({ description: 'The language of this variant' }),
    locales: z.array(localeSchema).meta({ description: 'The languages this template has (staff notices: English only)' }),
    description: z.string(),
    audience: z.enum(['customer', 'staff']),
    placeholders: z.array(z.object({ name: z.string(), description: z.string() })),
    required: z.array(z.array(z.string())).describe('Each list: at least one of these placeholders must appear'),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    customised: z.boolean(),
    updatedAt: z.string().nullable(),
    default: templateBodySchema.meta({ description: 'The shipped default in this locale' }),
  })
  .meta({ id: 'MailTemplate' });
export type MailTemplate = z.infer<typeof templateSchema>;
const previewSchema = z.object({ subject: z.string(), text: z.string(), html: z.string() }).meta({ id: 'MailPreview' });
const keyParam = z.object({ key: z.string().describe(`One of ${TEMPLATE_KEYS.join(', ')}`) });
const localeQuery = z.object({ locale: localeSchema.default('en').meta({ description: `One of ${LOCALES.join(', ')}; English when left out` }) });

const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['templates'], summary: 'Every mail template in one locale with its placeholders (admin)', request: { query: localeQuery }, responses: { 200: json(z.object({ items: z.array(templateSchema) }), 'Templates'), 401: err('Not signed in'), 403: err('Not an admin') } }),
  get: createRoute({ method: 'get', path: '/{key}', tags: ['templates'], summary: 'One template in one locale (admin)', request: { params: keyParam, query: localeQuery }, responses: { 200: json(templateSchema, 'Template'), 403: err('Not an admin'), 404: err('No such template') } }),
  put: createRoute({
    method: 'put',
    path: '/{key}',
    tags: ['templates'],
    summary: 'Change a template (admin); unknown placeholders or a missing required one are refused with 400',
    request: { params: keyParam, query: localeQuery, body: { content: { 'application/json': { schema: templateBodySchema } }, required: true } },
    responses: { 200: json(templateSchema, 'Stored'), 400: err('Invalid template, or a locale this template does not have: details.fields names each problem'), 403: err('Not an admin'), 404: err('No such template') },
  }),
  reset: createRoute({ method: 'delete', path: '/{key}', tags: ['templates'], summary: 'Reset a template in one locale to its shipped default (admin)', request: { params: keyParam, query: localeQuery }, responses: { 200: json(templateSchema, 'The default, now in force'), 403: err('Not an admin'), 404: err('No such template') } }),
  preview: createRoute({
    method: 'post',
    path: '/{key}/preview',
    tags: ['templates'],
    summary: 'Render a template body with example values in a locale, without storing it (admin)',
    request: { params: keyParam, query: localeQuery, body: { content: { 'application/json': { schema: templateBodySchema } }, required: true } },
    responses: { 200: json(previewSchema, 'Rendered subject, text and HTML'), 400: err('Invalid template'), 403: err('Not an admin'), 404: err('No such template') },
  }),
};

function templateKey(key: string): TemplateKey {
  if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) throw new DomainError('NOT_FOUND', `No template ${key}; templates: ${TEMPLATE_KEYS.join(', ')}`);
  return key as TemplateKey;
}

function assertValid(key: TemplateKey, body: z.infer<typeof templateBodySchema>) {
  const fields = validateTemplate(key, body);
  if (fields.length) throw invalidFields(fields);
}

function templateLocale(key: TemplateKey, locale: Locale): Locale {
  if (!templateLocales(key).includes(locale)) throw invalidFields([{ path: 'locale', message: `${key} is a staff notice and has one version, in en` }]);
  return locale;
}

async function out(db: ApiDeps['db'], key: TemplateKey, locale: Locale) {
  const spec = TEMPLATES[key];
  const t = (await readTemplate(db, key, templateLocale(key, locale)))!;
  return {
    key,
    locale,
    locales: [...templateLocales(key)],
    description: spec.description,
    audience: spec.audience,
    placeholders: Object.entries(spec.placeholders).map(([name, description]) => ({ name, description })),
    required: spec.required,
    ...t.body,
    customised: t.customised,
    updatedAt: t.updatedAt?.toISOString() ?? null,
    default: defaultTemplate(key, locale) ?? spec.default,
  };
}

export function templateRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));
  // The list shows staff notices in English whatever the locale asked for.
  app.openapi(routes.list, async (c) => {
    const { locale } = c.req.valid('query');
    return c.json({ items: await Promise.all(TEMPLATE_KEYS.map((k) => out(c.get('deps').db, k, templateLocales(k).includes(locale) ? locale : 'en'))) }, 200);
  });
  app.openapi(routes.get, async (c) => c.json(await out(c.get('deps').db, templateKey(c.req.valid('param').key), c.req.valid('query').locale), 200));
  app.openapi(routes.put, async (c) => {
    const key = templateKey(c.req.valid('param').key);
    const locale = templateLocale(key, c.req.valid('query').locale);
    const body = c.req.valid('json');
    assertValid(key, body);
    await writeTemplate(c.get('deps').db, key, locale, body);
    return c.json(await out(c.get('deps').db, key, locale), 200);
  });
  app.openapi(routes.reset, async (c) => {
    const key = templateKey(c.req.valid('param').key);
    const locale = templateLocale(key, c.req.valid('query').locale);
    await resetTemplate(c.get('deps').db, key, locale);
    return c.json(await out(c.get('deps').db, key, locale), 200);
  });
  app.openapi(routes.preview, async (c) => {
    const key = templateKey(c.req.valid('param').key);
    const locale = templateLocale(key, c.req.valid('query').locale);
    const body = c.req.valid('json');
    assertValid(key, body);
    const tr = translator(locale);
    const dress = TEMPLATES[key].audience === 'customer' ? previewDress(tr, await readBranding(c.get('deps').db), c.get('deps').config.publicUrl) : undefined;
    return c.json(renderTemplate(body, sampleVars(key, tr), dress), 200);
  });
  return app;
}
