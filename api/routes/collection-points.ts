// Collection points (admin): create, edit, close or delete the places customers answer at; each one's
// public URLs, embed snippet and answers of the last 7 days; printable QR codes; kiosk pairing.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notBlankText } from '../../domain/text';
import { deletePoint, insertPairing, insertPoint, listDevices, listPoints, readPoint, responseCounts, revokeDevice, updatePoint, type DeviceRow, type StoredPoint } from '../../db/collection-points';
import { knownBranches, knownServices } from '../../db/org';
import { collectionPointInputSchema, type CollectionPointInput } from '../../domain/collection-point';
import { DomainError, invalidFields, type FieldError } from '../../domain/errors';
import { randomCode, sha256 } from '../../platform/security';
import { requireUser } from '../auth';
import { qrCodePng, qrCodeSvg } from '../collect/qr-code';
import type { ApiDeps, AppEnv } from '../deps';
import { validationHook } from '../errors';
import { err, json, jsonBody } from '../openapi';

const WEEK_MS = 7 * 86_400_000;
const PAIRING_TTL_MS = 15 * 60_000;
const POINT_ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 characters: no 0/o, 1/l
const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const collectionPointSchema = collectionPointInputSchema
  .extend({
    id: z.string().describe('Random and public: it is in the point\'s URLs'),
    createdAt: z.string(),
    updatedAt: z.string(),
    responsesLast7Days: z.number().int().describe('Feedback given at this point in the last 7 days'),
    urls: z.object({
      qr: z.string().describe('Mobile page the printed QR code opens (channel qr)'),
      link: z.string().describe('Campaign link for e-mail / SMS; add ?score=N to preselect a score (recorded only when sent; channel web)'),
      embed: z.string().describe('Widget page for an iframe on another site (channel web)'),
      kiosk: z.string().describe('Kiosk page for a paired tablet (channel kiosk)'),
    }),
    embedSnippet: z.string().describe('HTML to paste into a web page'),
  })
  .meta({ id: 'CollectionPoint' });
export type CollectionPointView = z.infer<typeof collectionPointSchema>;

export const kioskDeviceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.enum(['pending', 'paired', 'revoked']),
    createdAt: z.string(),
    pairingExpiresAt: z.string().nullable(),
    pairedAt: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
  })
  .meta({ id: 'KioskDevice' });
export type KioskDevice = z.infer<typeof kioskDeviceSchema>;

export const kioskPairingSchema = z
  .object({
    device: kioskDeviceSchema,
    code: z.string().describe('One-time code to type on the kiosk (XXXX-XXXX), valid 15 minutes'),
    url: z.string().describe('Or open this link on the kiosk: it pairs and starts the kiosk page'),
  })
  .meta({ id: 'KioskPairingCode' });

const idParam = z.object({ id: z.string().min(1).max(64) });
const tag = ['collection points'];
const routes = {
  list: createRoute({ method: 'get', path: '/', tags: tag, summary: 'Collection points with their URLs and answers of the last 7 days (admin)', responses: { 200: json(z.object({ items: z.array(collectionPointSchema) }), 'Points'), 401: err('Not signed in'), 403: err('Not an admin') } }),
  create: createRoute({ method: 'post', path: '/', tags: tag, summary: 'Create a collection point (admin)', request: jsonBody(collectionPointInputSchema), responses: { 201: json(collectionPointSchema, 'Created'), 400: err('Invalid body, unknown branch or service'), 401: err('Not signed in'), 403: err('Not an admin') } }),
  get: createRoute({ method: 'get', path: '/{id}', tags: tag, summary: 'One collection point (admin)', request: { params: idParam }, responses: { 200: json(collectionPointSchema, 'Point'), 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No such point') } }),
  update: createRoute({ method: 'put', path: '/{id}', tags: tag, summary: 'Change a collection point (admin); its URLs and QR codes stay valid', request: { params: idParam, ...jsonBody(collectionPointInputSchema) }, responses: { 200: json(collectionPointSchema, 'Updated'), 400: err('Invalid body, unknown branch or service'), 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No such point') } }),
  remove: createRoute({ method: 'delete', path: '/{id}', tags: tag, summary: 'Delete a collection point and unpair its kiosks (admin); its feedback stays', request: { params: idParam }, responses: { 204: { description: 'Deleted' }, 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No such point') } }),
  qr: createRoute({
    method: 'get',
    path: '/{id}/qr',
    tags: tag,
    summary: 'Printable QR code of the point\'s mobile page, with its name under it (admin)',
    request: { params: idParam, query: z.object({ format: z.enum(['svg', 'png']).default('png') }) },
    responses: {
      200: { content: { 'image/svg+xml': { schema: z.string() }, 'image/png': { schema: z.string().meta({ format: 'binary' }) } }, description: 'The QR code (as a download)' },
      400: err('Unknown format'),
      401: err('Not signed in'),
      403: err('Not an admin'),
      404: err('No such point'),
    },
  }),
  devices: createRoute({ method: 'get', path: '/{id}/devices', tags: tag, summary: 'Kiosks paired with the point, and pairings not used yet (admin)', request: { params: idParam }, responses: { 200: json(z.object({ items: z.array(kioskDeviceSchema) }), 'Devices'), 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No such point') } }),
  pair: createRoute({
    method: 'post',
    path: '/{id}/pairings',
    tags: tag,
    summary: 'Start pairing a kiosk: a one-time code (15 minutes) the kiosk trades for its device token (admin)',
    request: { params: idParam, ...jsonBody(z.object({ name: notBlankText(120) }).strict()) },
    responses: { 201: json(kioskPairingSchema, 'Pairing code'), 400: err('Invalid body'), 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No such point') },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/{id}/devices/{deviceId}',
    tags: tag,
    summary: 'Unpair a kiosk (or cancel a pairing): its token stops working at once (admin)',
    request: { params: idParam.extend({ deviceId: z.string().min(1).max(64) }) },
    responses: { 204: { description: 'Revoked' }, 401: err('Not signed in'), 403: err('Not an admin'), 404: err('No such device') },
  }),
};

const iso = (d: Date | null) => d?.toISOString() ?? null;
const attr = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function pointUrls(publicUrl: string, id: string) {
  const base = `${publicUrl.replace(/\/$/, '')}/c/${id}`;
  return { qr: base, link: `${base}/link`, embed: `${base}/embed`, kiosk: `${base}/kiosk` };
}

function view(deps: ApiDeps, p: StoredPoint, responses: number): CollectionPointView {
  const urls = pointUrls(deps.config.publicUrl, p.id);
  const { createdAt, updatedAt, ...rest } = p;
  return {
    ...rest,
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
    responsesLast7Days: responses,
    urls,
    // Sized for the form with every step; sites can change height and width freely.
    embedSnippet: `<iframe src="${attr(urls.embed)}" title="${attr(p.name)}" width="100%" height="560" style="border:0;max-width:480px" loading="lazy"></iframe>`,
  };
}

function deviceView(d: DeviceRow): KioskDevice {
  return {
    id: d.id,
    name: d.name,
    state: d.revokedAt ? 'revoked' : d.tokenHash ? 'paired' : 'pending',
    createdAt: d.createdAt.toISOString(),
    pairingExpiresAt: iso(d.pairingExpiresAt),
    pairedAt: iso(d.pairedAt),
    lastSeenAt: iso(d.lastSeenAt),
  };
}

async function assertRefs(deps: ApiDeps, input: CollectionPointInput) {
  const fields: FieldError[] = [];
  if (!(await knownBranches(deps.db, [input.branch])).has(input.branch)) fields.push({ path: 'branch', message: `unknown branch "${input.branch}"` });
  if (input.service && !(await knownServices(deps.db, [input.service])).has(input.service)) fields.push({ path: 'service', message: `unknown service "${input.service}"` });
  if (fields.length) throw invalidFields(fields);
}

async function pointOr404(deps: ApiDeps, id: string): Promise<StoredPoint> {
  const point = await readPoint(deps.db, id);
  if (!point) throw new DomainError('NOT_FOUND', 'No such collection point');
  return point;
}

const since = () => new Date(Date.now() - WEEK_MS);
const countOf = async (deps: ApiDeps, id: string) => (await responseCounts(deps.db, [id], since())).get(id) ?? 0;

export function collectionPointRoutes() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.use('*', requireUser('admin'));

  app.openapi(routes.list, async (c) => {
    const deps = c.get('deps');
    const points = await listPoints(deps.db);
    const counts = await responseCounts(deps.db, points.map((p) => p.id), since());
    return c.json({ items: points.map((p) => view(deps, p, counts.get(p.id) ?? 0)) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    await assertRefs(deps, input);
    const point = await insertPoint(deps.db, randomCode(12, POINT_ID_ALPHABET), input);
    return c.json(view(deps, point, 0), 201);
  });

  app.openapi(routes.get, async (c) => {
    const deps = c.get('deps');
    const point = await pointOr404(deps, c.req.valid('param').id);
    return c.json(view(deps, point, await countOf(deps, point.id)), 200);
  });

  app.openapi(routes.update, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    await pointOr404(deps, c.req.valid('param').id);
    await assertRefs(deps, input);
    const point = await updatePoint(deps.db, c.req.valid('param').id, input);
    if (!point) throw new DomainError('NOT_FOUND', 'No such collection point');
    return c.json(view(deps, point, await countOf(deps, point.id)), 200);
  });

  app.openapi(routes.remove, async (c) => {
    if (!(await deletePoint(c.get('deps').db, c.req.valid('param').id))) throw new DomainError('NOT_FOUND', 'No such collection point');
    return c.body(null, 204);
  });

  app.openapi(routes.qr, async (c) => {
    const deps = c.get('deps');
    const point = await pointOr404(deps, c.req.valid('param').id);
    const { format } = c.req.valid('query');
    const url = pointUrls(deps.config.publicUrl, point.id).qr;
    c.header('Content-Disposition', `attachment; filename="qr-${point.id}.${format}"`);
    c.header('Cache-Control', 'no-store');
    if (format === 'svg') {
      c.header('Content-Type', 'image/svg+xml; charset=utf-8');
      return c.body(await qrCodeSvg(url, point.name), 200);
    }
    c.header('Content-Type', 'image/png');
    return c.body(new Uint8Array(await qrCodePng(url, point.name)), 200);
  });

  app.openapi(routes.devices, async (c) => {
    const deps = c.get('deps');
    const point = await pointOr404(deps, c.req.valid('param').id);
    return c.json({ items: (await listDevices(deps.db, point.id, new Date())).map(deviceView) }, 200);
  });

  app.openapi(routes.pair, async (c) => {
    const deps = c.get('deps');
    const point = await pointOr404(deps, c.req.valid('param').id);
    const code = randomCode(8, PAIRING_ALPHABET);
    const device = await insertPairing(deps.db, { id: randomUUID(), pointId: point.id, name: c.req.valid('json').name, codeHash: sha256(code), expiresAt: new Date(Date.now() + PAIRING_TTL_MS) });
    return c.json({ device: deviceView(device), code: `${code.slice(0, 4)}-${code.slice(4)}`, url: `${pointUrls(deps.config.publicUrl, point.id).kiosk}#pair=${code}` }, 201);
  });

  app.openapi(routes.revoke, async (c) => {
    const { id, deviceId } = c.req.valid('param');
    if (!(await revokeDevice(c.get('deps').db, id, deviceId, new Date()))) throw new DomainError('NOT_FOUND', 'No such kiosk');
    return c.body(null, 204);
  });
  return app;
}
