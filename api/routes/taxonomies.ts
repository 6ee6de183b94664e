// Admin-managed taxonomies: root causes and actions taken (required to resolve), CSAT reasons, and
// the AI theme list (each theme with its keywords and a suggested action, kept in `data`).
// Entries can be renamed or retired; an entry a ticket references is never deleted.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NOT_BLANK, notBlankText } from '../../domain/text';
import { deleteEntry, entryNamed, insertEntry, listEntries, readEntry, updateEntry, type TaxonomyEntryPatch, type TaxonomyEntryRow } from '../../db/taxonomies';
import { DomainError, invalidFields } from '../../domain/errors';
import type { ThemeData } from '../../domain/themes';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

export const TAXONOMY_KINDS = ['root_cause', 'action', 'csat_reason', 'theme'] as const;

export const taxonomyEntrySchema = z
  .object({
    id: z.string(),
    kind: z.enum(TAXONOMY_KINDS),
    name: z.string(),
    retired: z.boolean(),
    inUse: z.number().int(),
    keywords: z.array(z.string()).optional().describe('Themes only: words or short phrases that put a ticket in this theme'),
    action: z.string().nullable().optional().describe('Themes only: the suggested next action for tickets in this theme'),
  })
  .meta({ id: 'TaxonomyEntry' });
const keywordsSchema = z.array(z.string().trim().toLowerCase().min(1).meta(NOT_BLANK).max(60)).max(100);
const actionSchema = notBlankText(300).nullable();
const THEME_ONLY = 'keywords and action apply to themes only';
const createSchema = z
  .object({ kind: z.enum(TAXONOMY_KINDS), name: notBlankText(120), keywords: keywordsSchema.optional(), action: actionSchema.optional() })
  .refine((b) => b.kind === 'theme' || (b.keywords === undefined && b.action === undefined), { message: THEME_ONLY, path: ['keywords'] })
  // The refine in the document: a theme, or neither keywords nor action.
  .meta({ anyOf: [{ properties: { kind: { const: 'theme' } } }, { not: { anyOf: [{ required: ['keywords'] }, { required: ['action'] }] } }] });
const patchSchema = z.object({
  name: notBlankText(120).optional(),
  retired: z.boolean().optional(),
  keywords: keywordsSchema.optional(),
  action: actionSchema.optional(),
});
const idParam = z.object({ id: z.string().min(1) });

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['taxonomies'],
  summary: 'List taxonomy entries (retired ones included, flagged)',
  request: { query: z.object({ kind: z.enum(TAXONOMY_KINDS).optional() }) },
  responses: { 200: json(z.object({ items: z.array(taxonomyEntrySchema) }), 'Entries by kind and name'), 401: err('Not signed in') },
});
const createEntryRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['taxonomies'],
  summary: 'Add an entry (admin)',
  request: { body: { content: { 'application/json': { schema: createSchema } }, required: true } },
  responses: { 201: json(taxonomyEntrySchema, 'Created'), 400: err('Invalid body'), 403: err('Not an admin'), 409: err('Name already used for this kind') },
});
const patchRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags: ['taxonomies'],
  summary: 'Rename, retire / un-retire an entry, or edit a theme\'s keywords and action (admin)',
  request: { params: idParam, body: { content: { 'application/json': { schema: patchSchema } }, required: true } },
  responses: { 200: json(taxonomyEntrySchema, 'Updated'), 400: err('Invalid body'), 403: err('Not an admin'), 404: err('No such entry') },
});
const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags: ['taxonomies'],
  summary: 'Delete an entry no ticket references (admin); referenced entries must be retired instead',
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, 403: err('Not an admin'), 404: err('No such entry'), 409: err('Referenced by tickets') },
});

export function taxonomyRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  const adminOnly = requireUser('admin');
  app.use('/', async (c, next) => (c.req.method === 'GET' ? next() : adminOnly(c, next)));
  app.use('/:id', adminOnly);

  const out = (r: TaxonomyEntryRow) => {
    const base = { id: r.id, kind: r.kind, name: r.name, retired: r.retiredAt !== null, inUse: Number(r.inUse) };
    if (r.kind !== 'theme') return base;
    const data = (r.data ?? {}) as Partial<ThemeData>;
    return { ...base, keywords: data.keywords ?? [], action: data.action ?? null };
  };

  app.openapi(listRoute, async (c) => {
    const { kind } = c.req.valid('query');
    const rows = await listEntries(c.get('deps').db, kind ? [kind] : [...TAXONOMY_KINDS]);
    return c.json({ items: rows.map(out) }, 200);
  });

  app.openapi(createEntryRoute, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.get('deps');
    const dup = await entryNamed(db, body.kind, body.name);
    if (dup) throw new DomainError('CONFLICT', `"${body.name}" already exists`, { id: dup });
    const id = randomUUID();
    const data: ThemeData | null = body.kind === 'theme' ? { keywords: body.keywords ?? [], action: body.action ?? null } : null;
    await insertEntry(db, { id, kind: body.kind, name: body.name, data });
    return c.json(out((await readEntry(db, id))!), 201);
  });

  app.openapi(patchRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const { db } = c.get('deps');
    const set: TaxonomyEntryPatch = {};
    if (body.keywords !== undefined || body.action !== undefined) {
      const current = await readEntry(db, id);
      if (!current) throw new DomainError('NOT_FOUND', `No taxonomy entry ${id}`);
      if (current.kind !== 'theme') throw invalidFields([{ path: 'keywords', message: THEME_ONLY }]);
      const data = (current.data ?? { keywords: [] }) as ThemeData;
      set.data = { keywords: body.keywords ?? data.keywords ?? [], action: body.action !== undefined ? body.action : (data.action ?? null) } satisfies ThemeData;
    }
    if (body.name !== undefined) set.name = body.name;
    if (body.retired !== undefined) set.retiredAt = body.retired ? new Date() : null;
    await updateEntry(db, id, set);
    const row = await readEntry(db, id);
    if (!row) throw new DomainError('NOT_FOUND', `No taxonomy entry ${id}`);
    return c.json(out(row), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.get('deps');
    const row = await readEntry(db, id);
    if (!row) throw new DomainError('NOT_FOUND', `No taxonomy entry ${id}`);
    if (Number(row.inUse) > 0) throw new DomainError('CONFLICT', `"${row.name}" is referenced by ${row.inUse} ticket(s); retire it instead`, { inUse: Number(row.inUse) });
    await deleteEntry(db, id);
    return c.body(null, 204);
  });
  return app;
}
