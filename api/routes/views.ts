// Saved board views with their counts: the built-in "My open tickets" (an agent's default), views an
// admin shares with everyone, and each user's own. A count is one count query per view over what the
// user may see; there are at most MAX_VIEWS shared and MAX_VIEWS personal views, counted a few at a time.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { z } from 'zod';
import { countViews, deleteView, insertView, updateView, viewFor, viewsFor, type SavedViewRow } from '../../db/saved-views';
import { countTickets } from '../../db/ticket-list';
import { DomainError, invalidFields } from '../../domain/errors';
import { boardQueryFor, canonicalViewQuery, MAX_VIEWS, MY_OPEN_TICKETS, viewInputSchema, type ViewInput } from '../../domain/saved-views';
import { ownerOf, requireUser } from '../auth';
import type { AppEnv, ApiDeps, SessionUser } from '../deps';
import { errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const body = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

export const savedViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    query: z.string().meta({ description: 'As stored ("assignee=me" stays symbolic)' }),
    boardQuery: z.string().meta({ description: "The board's URL query for you (assignee=me becomes your id)" }),
    kind: z.enum(['builtin', 'shared', 'personal']),
    isDefault: z.boolean().meta({ description: 'The board opens on it (agents: My open tickets)' }),
    canEdit: z.boolean(),
    count: z.number().int().nullable().meta({ description: 'Tickets it shows you now (null in the answer of a change)' }),
  })
  .meta({ id: 'SavedView' });
export type SavedView = z.infer<typeof savedViewSchema>;

const idParam = z.object({ id: z.string().min(1) });
const routes = {
  list: createRoute({ method: 'get', path: '/', tags: ['views'], summary: 'Your board views with how many tickets each shows you: built-in, shared, your own', responses: { 200: json(z.object({ items: z.array(savedViewSchema) }), 'Views'), 401: err('Not signed in') } }),
  create: createRoute({ method: 'post', path: '/', tags: ['views'], summary: 'Save the board\'s filters and sort as a view (shared: admins)', request: body(viewInputSchema), responses: { 201: json(savedViewSchema, 'Saved'), 400: err('Invalid name or query'), 401: err('Not signed in'), 403: err('Only admins share views'), 409: err('Too many views') } }),
  update: createRoute({ method: 'put', path: '/{id}', tags: ['views'], summary: 'Replace a view (yours, or a shared one as an admin)', request: { params: idParam, ...body(viewInputSchema) }, responses: { 200: json(savedViewSchema, 'Updated'), 400: err('Invalid name or query'), 401: err('Not signed in'), 403: err('Not yours to change'), 404: err('No such view') } }),
  remove: createRoute({ method: 'delete', path: '/{id}', tags: ['views'], summary: 'Delete a view (yours, or a shared one as an admin)', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, 401: err('Not signed in'), 403: err('Not yours to delete'), 404: err('No such view') } }),
};

/** View counts running at once for one request. */
const COUNT_CONCURRENCY = 4;

const canEdit = (user: SessionUser, v: { ownerId: string | null }) => (v.ownerId === null ? user.role === 'admin' : v.ownerId === user.id);
const out = (user: SessionUser, v: { id: string; name: string; query: string; ownerId: string | null }, count: number | null, kind: SavedView['kind']): SavedView => ({
  id: v.id,
  name: v.name,
  query: v.query,
  boardQuery: boardQueryFor(v.query, user.id),
  kind,
  isDefault: kind === 'builtin' && user.role === 'agent',
  canEdit: kind !== 'builtin' && canEdit(user, v),
  count,
});

function checked(user: SessionUser, input: ViewInput): { query: string } {
  if (input.shared && user.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only admins share views; save it as your own');
  const c = canonicalViewQuery(input.query);
  if ('errors' in c) throw invalidFields(c.errors);
  return { query: c.query };
}

async function editable(deps: ApiDeps, user: SessionUser, id: string): Promise<SavedViewRow> {
  const v = await viewFor(deps.db, user.id, id);
  if (!v) throw new DomainError('NOT_FOUND', 'No such view');
  if (!canEdit(user, v)) throw new DomainError('FORBIDDEN', 'Only an admin changes a shared view');
  return v;
}

export function viewRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());

  app.openapi(routes.list, async (c) => {
    const { db } = c.get('deps');
    const user = c.get('user');
    const stored = await viewsFor(db, user.id);
    const all = [{ ...MY_OPEN_TICKETS, ownerId: user.id, kind: 'builtin' as const }, ...stored.map((v) => ({ ...v, kind: v.ownerId === null ? ('shared' as const) : ('personal' as const) }))];
    const limit = pLimit(COUNT_CONCURRENCY);
    const items = await Promise.all(
      all.map((v) =>
        limit(async () => {
          const c = canonicalViewQuery(v.query);
          // A view saved before a filter changed meaning still lists; it counts nothing it cannot parse.
          return out(user, v, 'errors' in c ? null : await countTickets(db, user, c.filter), v.kind);
        }),
      ),
    );
    return c.json({ items }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const user = c.get('user');
    const input = c.req.valid('json');
    const { query } = checked(user, input);
    const { db } = c.get('deps');
    const owner = input.shared ? null : ownerOf(user, 'a personal view');
    if ((await countViews(db, owner)) >= MAX_VIEWS) throw new DomainError('CONFLICT', `At most ${MAX_VIEWS} ${owner ? 'personal' : 'shared'} views; delete one first`);
    const row = await insertView(db, { id: randomUUID(), name: input.name, query, ownerId: owner });
    return c.json(out(user, row, null, owner ? 'personal' : 'shared'), 201);
  });

  app.openapi(routes.update, async (c) => {
    const user = c.get('user');
    const input = c.req.valid('json');
    const v = await editable(c.get('deps'), user, c.req.valid('param').id);
    const { query } = checked(user, input); // a shared view is an admin's to edit (editable), so are both ways of sharing
    const row = await updateView(c.get('deps').db, v.id, { name: input.name, query, ownerId: input.shared ? null : ownerOf(user, 'a personal view') });
    return c.json(out(user, row, null, row.ownerId === null ? 'shared' : 'personal'), 200);
  });

  app.openapi(routes.remove, async (c) => {
    const v = await editable(c.get('deps'), c.get('user'), c.req.valid('param').id);
    await deleteView(c.get('deps').db, v.id);
    return c.body(null, 204);
  });
  return app;
}
