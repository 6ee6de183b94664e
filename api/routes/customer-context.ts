// The customer beside the ticket: their other tickets and feedback across channels, score history,
// CSAT answers and churn-risk trend, within the viewer's branches (the rest counted as hidden).
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { contactHistory, csatComments } from '../../db/customer-context';
import { customerContext, customerContextSchema } from '../../domain/customer-context';
import { contactKey } from '../../domain/feedback';
import type { AppEnv } from '../deps';
import { errorBodySchema } from '../errors';
import { idParam, loadTicket, ticketNumber } from '../ticket-commands';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

const route = createRoute({
  method: 'get',
  path: '/{id}/customer',
  tags: ['tickets'],
  summary: "The ticket's customer across channels (by e-mail, else phone): other tickets and feedback, score history, CSAT answers, churn-risk trend — within your branches",
  request: { params: idParam },
  responses: {
    200: { content: { 'application/json': { schema: customerContextSchema } }, description: 'The history you may see; hidden counts what lies in other branches' },
    401: err('Not signed in'),
    403: err('Not your branch'),
    404: err('No such ticket'),
  },
});

export function registerCustomerContext(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const number = ticketNumber(c.req.valid('param').id);
    const ticket = await loadTicket(deps, user, number);
    const contact = ticket.row?.contact ?? ticket.live?.contact ?? {};
    const key = contactKey(contact);
    const empty = { viewer: user, current: number, csatComments: new Map<number, string | null>() };
    if (!key) return c.json(customerContext({ ...empty, identifiedBy: null, tickets: [], feedback: [] }), 200);
    const history = await contactHistory(deps.db, key);
    const comments = await csatComments(deps.db, history.tickets.filter((t) => t.csatScore !== null).map((t) => t.number));
    return c.json(customerContext({ ...empty, identifiedBy: key.startsWith('email:') ? 'email' : 'phone', ...history, csatComments: comments }), 200);
  });
}
