// Saved board views: a name and the board's filters and sort as its URL carries them. The built-in
// "My open tickets" is every agent's default. Pure.
import { z } from 'zod';
import type { FieldError } from './errors';
import { OPEN_STATUSES } from './lifecycle';
import { notBlankText } from './text';
import { TICKET_FILTER_KEYS, ticketFilterSchema, type TicketFilter } from './ticket-list';

/** At most this many personal views per user and shared views in all: one count query each. */
export const MAX_VIEWS = 20;

export const MY_OPEN_TICKETS = { id: 'my-open', name: 'My open tickets', query: `assignee=me&status=${OPEN_STATUSES.join(',')}&sort=sla_due` } as const;

export const viewInputSchema = z
  .object({
    name: notBlankText(80, { safe: true, message: 'name must not be empty' }),
    query: z.string().max(1000).describe('The board\'s query string, e.g. "status=new&priority=high&sort=sla_due" ("assignee=me" means whoever opens it)'),
    shared: z.boolean().default(false).describe('Shared with everyone (admins only); otherwise personal'),
  })
  .strict()
  .meta({ id: 'SavedViewInput' });
export type ViewInput = z.infer<typeof viewInputSchema>;

/**
 * The filters of a board query string, written canonically (known keys in a fixed order, empty
 * values and the default sort dropped), or the fields that are wrong. Board-only keys (view, offset)
 * are ignored so a URL copied from the board saves as it is.
 */
export function canonicalViewQuery(query: string): { query: string; filter: TicketFilter } | { errors: FieldError[] } {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const raw: Record<string, string> = {};
  for (const k of TICKET_FILTER_KEYS) {
    const v = params.get(k);
    if (v) raw[k] = v;
  }
  const parsed = ticketFilterSchema.safeParse(raw);
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => ({ path: `query.${i.path.join('.')}`, message: i.message })) };
  const out = new URLSearchParams();
  for (const k of TICKET_FILTER_KEYS) {
    const v = parsed.data[k];
    if (v === undefined || (k === 'sort' && v === 'newest')) continue;
    out.set(k, String(v));
  }
  return { query: out.toString().replace(/%2C/g, ','), filter: parsed.data };
}

/** The query as the board's URL for one user: "assignee=me" becomes their id (the board's own "me"). */
export function boardQueryFor(query: string, userId: string): string {
  const params = new URLSearchParams(query);
  if (params.get('assignee') === 'me') params.set('assignee', userId);
  return params.toString().replace(/%2C/g, ',');
}
