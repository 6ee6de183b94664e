// Files that came with customer mail, for signed-in users who may see the ticket's branch.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { attachmentWithBranch } from '../../db/attachments';
import { DomainError } from '../../domain/errors';
import { canSeeTicket } from '../../domain/ticket-access';
import { requireUser } from '../auth';
import type { AppEnv } from '../deps';
import { errorBody, errorBodySchema, validationHook } from '../errors';

const err = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

const download = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['tickets'],
  summary: "An attachment of a customer mail, or the mail's raw original as message/rfc822 (ids in the timeline event's data.attachments; the original has original: true)",
  request: { params: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/, 'attachment ids are 32 hex digits') }) },
  responses: {
    200: { content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } }, description: 'The file, as an attachment download' },
    400: err('Malformed id'),
    401: err('Not signed in'),
    403: err('Not your branch'),
    404: err('No such attachment'),
    410: err('Over the size cap when it arrived: listed, never stored'),
  },
});

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
const disposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

export function attachmentRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser());
  app.openapi(download, async (c) => {
    const row = await attachmentWithBranch(c.get('deps').db, c.req.valid('param').id);
    if (!row) throw new DomainError('NOT_FOUND', 'No such attachment');
    if (!canSeeTicket(c.get('user'), { branch: row.branch, assigneeId: row.assigneeId })) throw new DomainError('FORBIDDEN', 'This attachment belongs to a ticket of a branch you do not work');
    if (!row.a.content) return c.json(errorBody('GONE', `${row.a.filename} (${row.a.size} bytes) was over the size cap and was not stored`), 410);
    // Served as a download, never rendered in our origin: mail attachments are untrusted content.
    return new Response(new Uint8Array(row.a.content), {
      status: 200,
      headers: {
        'content-type': row.a.contentType,
        'content-length': String(row.a.content.length),
        'content-disposition': disposition(row.a.filename),
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=3600',
      },
    });
  });
  return app;
}
