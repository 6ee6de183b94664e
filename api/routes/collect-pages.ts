// The public collection pages under /c: the QR page (/c/<id>), the campaign link (/c/<id>/link, may
// preselect ?score=), the widget (/c/<id>/embed, framed by other sites), the kiosk (/c/<id>/kiosk) and
// their two asset files. A GET never records anything; only the person's POST does.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { readPoint } from '../../db/collection-points';
import { scoreRange, type CollectionPoint, type CollectSurface } from '../../domain/collection-point';
import { DomainError } from '../../domain/errors';
import { limitAddress, limitPoint, refusedFields, submitAnswer } from '../collect/answer';
import { asset, isAssetName } from '../collect/assets';
import { bareContext, pageContext } from '../collect/context';
import { formPage, kioskPage, messagePage, thanksPage, type FormState, type PageContext } from '../collect/pages';
import type { MessageKey } from '../../domain/i18n';
import { clientIp } from '../client-ip';
import type { AppEnv } from '../deps';

const POINT_ID = /^[a-z0-9]{6,64}$/;
const FORM_SURFACES = { '': 'qr', link: 'web', embed: 'web' } as const satisfies Record<string, CollectSurface>;
type FormPath = keyof typeof FORM_SURFACES;

/** A fresh id for one rendered form: submitting it twice (double tap, reload) records one answer. */
export const newFormId = () => randomBytes(12).toString('base64url');

/** Strict CSP: files from our origin only; `frameAncestors` decides who may frame the page. */
function securityHeaders(c: Context, frameAncestors: string) {
  c.header(
    'Content-Security-Policy',
    [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      "manifest-src 'self'",
      `frame-ancestors ${frameAncestors}`,
    ].join('; '),
  );
  if (frameAncestors === "'none'") c.header('X-Frame-Options', 'DENY');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store'); // each form carries its own answer id
}

/** The widget's own framing policy: the sites the admin listed, else any site. */
const embedAncestors = (point: CollectionPoint) => (point.embedOrigins.length ? point.embedOrigins.join(' ') : '*');

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
    if (point?.active) return point;
    securityHeaders(c, "'none'");
    const b = bareContext(c);
    return c.html(messagePage({ lang: b.lang, dir: b.dir, title: b.t('collect.notFound.title'), text: b.t('collect.notFound.text'), css: b.css }), 404);
  }

  const requestedLang = (c: Context) => c.req.query('lang');

  for (const path of Object.keys(FORM_SURFACES) as FormPath[]) {
    const surface = FORM_SURFACES[path];
    const route = path ? `/:id/${path}` : '/:id';
    const ancestors = (point: CollectionPoint) => (path === 'embed' ? embedAncestors(point) : "'none'");

    app.get(route, async (c) => {
      const point = await pointOr404(c);
      if (point instanceof Response) return point;
      const ctx = await pageContext(c, point, requestedLang(c));
      // The campaign link may preselect a score; it is only recorded when the person presses Send.
      const pre = Number(c.req.query('score'));
      const { min, max } = scoreRange(point.captureType);
      const score = path === 'link' && /^\d{1,2}$/.test(c.req.query('score') ?? '') && pre >= min && pre <= max ? pre : undefined;
      securityHeaders(c, ancestors(point));
      return c.html(formPage(ctx, surface, { externalId: newFormId(), score }));
    });

    app.post(
      route,
      bodyLimit({
        maxSize: 16 * 1024,
        onError: (c) => c.text('Request body too large', 413),
      }),
      async (c) => {
        const point = await pointOr404(c);
        if (point instanceof Response) return point;
        const body = await c.req.parseBody();
        const ctx = await pageContext(c, point, typeof body.lang === 'string' ? body.lang : undefined);
        securityHeaders(c, ancestors(point));
        const raw = answerFromForm(body);
        const again: FormState = {
          externalId: /^[A-Za-z0-9_-]{8,64}$/.test(raw.externalId) ? raw.externalId : newFormId(),
          score: raw.score,
          comment: raw.comment,
          email: raw.email,
          phone: raw.phone,
          consent: raw.consent,
        };
        try {
          await limitAddress(c.get('deps'), clientIp(c));
          await limitPoint(c.get('deps'), point.id);
          const outcome = await submitAnswer(c.get('deps'), point, surface, raw);
          return c.html(thanksPage(ctx, surface, outcome.tier, c.req.path));
        } catch (err) {
          return refusedPage(c, ctx, surface, again, err);
        }
      },
    );
  }

  app.get('/:id/kiosk', async (c) => {
    const point = await pointOr404(c);
    if (point instanceof Response) return point;
    const ctx = await pageContext(c, point, requestedLang(c));
    securityHeaders(c, "'none'");
    return c.html(kioskPage(ctx, `/api/v1/collect/${point.id}/answers`));
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
function refusedPage(c: Context<AppEnv>, ctx: PageContext, surface: CollectSurface, state: FormState, err: unknown) {
  if (!(err instanceof DomainError)) throw err;
  const retryAfter = err.details?.retryAfterSeconds;
  if (typeof retryAfter === 'number') c.header('Retry-After', String(retryAfter));
  if (err.code === 'RATE_LIMITED') return c.html(formPage(ctx, surface, { ...state, alert: ctx.t('collect.errors.rate') }), 429);
  if (err.code === 'UNAVAILABLE') return c.html(formPage(ctx, surface, { ...state, alert: ctx.t('collect.errors.unavailable') }), 503);
  if (err.code !== 'INVALID_INPUT') throw err;
  const errors: FormState['errors'] = {};
  for (const path of refusedFields(err)) {
    const key = ERROR_TEXT[path];
    if (key) errors[path as keyof typeof errors] = ctx.t(key);
    else errors.form = ctx.t('collect.errors.form');
  }
  return c.html(formPage(ctx, surface, { ...state, errors }), 400);
}
