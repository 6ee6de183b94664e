// The public collection pages under /c: the QR page (/c/<id>), the campaign link (/c/<id>/link, may
// preselect ?score=), the widget (/c/<id>/embed, framed by other sites), the kiosk (/c/<id>/kiosk) and
// their two asset files. A GET never records anything; only the person's POST does.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { readPoint } from '../../db/collection-points';
import { scoreRange, type CollectionPoint, type CollectSurface } from '../../domain/collection-point';
import { DomainError } from '../../domain/errors';
import type { MessageKey } from '../../domain/i18n';
import { limitAddress, limitPoint, refusedFields, submitAnswer } from '../collect/answer';
import { asset, isAssetName } from '../collect/assets';
import { customerLocale, notFoundPage, pageContext } from '../collect/context';
import { formPage, kioskPage, thanksPage, type FormState, type PageContext, type PageOptions } from '../collect/pages';
import { clientIp } from '../client-ip';
import type { AppEnv } from '../deps';

const POINT_ID = /^[a-z0-9]{6,64}$/;
const FORM_SURFACES = { '': 'qr', link: 'web', embed: 'web' } as const satisfies Record<string, CollectSurface>;
type FormPath = keyof typeof FORM_SURFACES;

/** A fresh id for one rendered form: submitting it twice (double tap, reload) records one answer. */
export const newFormId = () => randomBytes(12).toString('base64url');

/**
 * Strict CSP: files of our origin only, no inline script or style. The kiosk adds its script and its
 * calls to the API; `frameAncestors` says who may frame the page (nobody, or the widget's sites).
 */
function collectCsp(frameAncestors: string, kiosk = false): string {
  return [
    "default-src 'none'",
    kiosk ? "script-src 'self'" : '',
    kiosk ? "connect-src 'self'" : '',
    kiosk ? "manifest-src 'self'" : '',
    "style-src 'self'",
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors}`,
  ]
    .filter(Boolean)
    .join('; ');
}

/** How a page of this point may be shown: the widget on the sites the admin listed (else any), the rest nowhere framed. */
function pageOptions(point: CollectionPoint, path: FormPath | 'kiosk'): PageOptions {
  if (path === 'embed') return { csp: collectCsp(point.embedOrigins.length ? point.embedOrigins.join(' ') : '*') };
  return { csp: collectCsp("'none'", path === 'kiosk'), headers: { 'X-Frame-Options': 'DENY' } };
}

const ERROR_TEXT: Record<string, MessageKey> = { score: 'collect.errors.score', comment: 'collect.errors.comment', email: 'collect.errors.email', phone: 'collect.errors.phone', consent: 'collect.errors.consent' };

/** The form's fields as the answer schema reads them; anything that is not a plain string is ignored. */
function answerFromForm(body: Record<string, unknown>) {
  const str = (k: string) => (typeof body[k] === 'string' && body[k] !== '' ? (body[k] as string) : undefined);
  const score = str('score');
  return {
    ...(score !== undefined && /^\d{1,2}$/.test(score) ? { score: Number(score) } : {}),
    ...(str('comment') !== undefined ? { comment: str('comment') } : {}),
    ...(str('email') !== undefined ? { email: str('email') } : {}),
    ...(str('phone') !== undefined ? { phone: str('phone') } : {}),
    consent: str('consent') === 'yes',
    externalId: str('externalId') ?? '',
    ...(str('website') !== undefined ? { website: str('website') } : {}),
  };
}

/**
 * True when the browser says the post comes from another site (Origin / Sec-Fetch-Site, checked by
 * Hono's csrf middleware): a hostile page cannot make its visitors answer. A post with neither header
 * (curl, old clients) passes; rate limits still hold.
 */
async function fromAnotherSite(c: Context<AppEnv>): Promise<boolean> {
  if (!c.req.header('sec-fetch-site') && !c.req.header('origin')) return false;
  const check = csrf({ origin: (origin) => origin === new URL(c.req.url).origin || origin === new URL(c.get('deps').config.publicUrl).origin, secFetchSite: ['same-origin'] });
  try {
    await check(c, async () => undefined);
    return false;
  } catch (e) {
    if (e instanceof HTTPException && e.status === 403) return true;
    throw e;
  }
}

export function collectPageRoutes() {
  const app = new Hono<AppEnv>();

  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const file = isAssetName(name) ? asset(name) : null;
    if (!file) return c.text('Not found', 404);
    c.header('Content-Type', file.type);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', c.req.query('v') === file.hash ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    return c.body(new Uint8Array(file.body));
  });

  /** The point behind the URL, or a 404 page (unknown id, closed point). */
  async function pointOr404(c: Context<AppEnv>): Promise<CollectionPoint | Response> {
    const id = c.req.param('id') ?? '';
    const point = POINT_ID.test(id) ? await readPoint(c.get('deps').db, id) : null;
    return point?.active ? point : notFoundPage(c, collectCsp("'none'"));
  }

  for (const path of Object.keys(FORM_SURFACES) as FormPath[]) {
    const surface = FORM_SURFACES[path];
    const route = path ? `/:id/${path}` : '/:id';

    app.get(route, async (c) => {
      const point = await pointOr404(c);
      if (point instanceof Response) return point;
      const ctx = await pageContext(c, point, c.req.query('lang'));
      // The campaign link may preselect a score; it is only recorded when the person presses Send.
      const asked = c.req.query('score') ?? '';
      const { min, max } = scoreRange(point.captureType);
      const score = path === 'link' && /^\d{1,2}$/.test(asked) && Number(asked) >= min && Number(asked) <= max ? Number(asked) : undefined;
      return formPage(ctx, surface, { externalId: newFormId(), score }, pageOptions(point, path));
    });

    app.post(
      route,
      async (c) => {
        const point = await pointOr404(c);
        if (point instanceof Response) return point;
        const body = await c.req.parseBody();
        const lang = typeof body.lang === 'string' ? body.lang : undefined;
        const ctx = await pageContext(c, point, lang);
        const raw = answerFromForm(body);
        const state: FormState = {
          externalId: /^[A-Za-z0-9_-]{8,64}$/.test(raw.externalId) ? raw.externalId : newFormId(),
          score: raw.score,
          comment: raw.comment,
          email: raw.email,
          phone: raw.phone,
          consent: raw.consent,
        };
        const opts = pageOptions(point, path);
        if (await fromAnotherSite(c)) return formPage(ctx, surface, { ...state, alert: ctx.tr.t('collect.errors.crossSite') }, { ...opts, status: 403 });
        try {
          await limitAddress(c.get('deps'), clientIp(c));
          await limitPoint(c.get('deps'), point.id);
          const outcome = await submitAnswer(c.get('deps'), point, surface, { ...raw, locale: customerLocale(c, lang) });
          return thanksPage(ctx, surface, outcome.tier, c.req.path, opts);
        } catch (err) {
          return refusedPage(ctx, surface, state, err, opts);
        }
      },
    );
  }

  app.get('/:id/kiosk', async (c) => {
    const point = await pointOr404(c);
    if (point instanceof Response) return point;
    const ctx = await pageContext(c, point, c.req.query('lang'));
    return kioskPage(ctx, `/api/v1/collect/${point.id}/answers`, pageOptions(point, 'kiosk'));
  });

  app.get('/:id/kiosk.webmanifest', async (c) => {
    const point = await pointOr404(c);
    if (point instanceof Response) return point;
    c.header('Content-Type', 'application/manifest+json');
    // Added to a tablet's home screen, the kiosk opens full-screen without browser chrome.
    return c.body(JSON.stringify({ name: point.name, short_name: point.name.slice(0, 12), start_url: `/c/${point.id}/kiosk`, display: 'fullscreen', background_color: '#ffffff', theme_color: '#ffffff' }));
  });

  return app;
}

/** The form again with what went wrong: fields named (400), too many answers (429), intake down (503). */
function refusedPage(ctx: PageContext, surface: CollectSurface, state: FormState, err: unknown, opts: PageOptions): Response {
  if (!(err instanceof DomainError)) throw err;
  const retryAfter = err.details?.retryAfterSeconds;
  const headers = { ...opts.headers, ...(typeof retryAfter === 'number' ? { 'Retry-After': String(retryAfter) } : {}) };
  if (err.code === 'RATE_LIMITED') return formPage(ctx, surface, { ...state, alert: ctx.tr.t('collect.errors.rate') }, { ...opts, headers, status: 429 });
  if (err.code === 'UNAVAILABLE') return formPage(ctx, surface, { ...state, alert: ctx.tr.t('collect.errors.unavailable') }, { ...opts, headers, status: 503 });
  if (err.code !== 'INVALID_INPUT') throw err;
  const errors: FormState['errors'] = {};
  for (const path of refusedFields(err)) {
    const key = ERROR_TEXT[path];
    if (key) errors[path as keyof typeof errors] = ctx.tr.t(key);
    else errors.form = ctx.tr.t('collect.errors.form');
  }
  return formPage(ctx, surface, { ...state, errors }, { ...opts, status: 400 });
}
