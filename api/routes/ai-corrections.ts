// An agent corrects the analyser's guess of a ticket's sentiment or themes. Kept in its own table
// (db/ai-corrections.ts) beside what the analyser said, so a new analysis never overwrites it and the
// rows serve later as labels; the workflow's analysis itself stays as the analyser wrote it.
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { saveAiCorrection } from '../../db/ai-corrections';
import { liveEntries } from '../../db/taxonomies';
import { aiCorrectionInputSchema, aiCorrectionsSchema } from '../../domain/ai-correction';
import { invalidFields } from '../../domain/errors';
import type { AppEnv } from '../deps';
import { errorBodySchema } from '../errors';
import { idParam, loadTicket, ticketNumber } from '../ticket-commands';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

const route = createRoute({
  method: 'put',
  path: '/{id}/ai-correction',
  tags: ['tickets'],
  summary: "Correct the analysis's sentiment and/or themes; kept over every later analysis (board, search and reports use it)",
  request: { params: idParam, body: { content: { 'application/json': { schema: aiCorrectionInputSchema } }, required: true } },
  responses: {
    200: { content: { 'application/json': { schema: aiCorrectionsSchema } }, description: "The ticket's corrections now" },
    400: err('Unknown sentiment or theme (details.fields)'),
    401: err('Not signed in'),
    403: err('Not your branch'),
    404: err('No such ticket'),
  },
});

export function registerAiCorrection(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const deps = c.get('deps');
    const user = c.get('user');
    const number = ticketNumber(c.req.valid('param').id);
    const input = c.req.valid('json');
    const ticket = await loadTicket(deps, user, number, { live: true });
    if (input.themes) {
      const known = new Map((await liveEntries(deps.db, 'theme')).map((t) => [t.name.toLowerCase(), t.name]));
      const unknown = input.themes.filter((t) => !known.has(t.toLowerCase()));
      if (unknown.length) throw invalidFields([{ path: 'themes', message: `not in the theme list: ${unknown.join(', ')}` }]);
      input.themes = [...new Set(input.themes.map((t) => known.get(t.toLowerCase())!))];
    }
    const ai = ticket.live?.ai ?? ticket.row?.ai ?? null;
    return c.json(await saveAiCorrection(deps.db, number, input, ai, { id: user.id, name: user.name }), 200);
  });
}
