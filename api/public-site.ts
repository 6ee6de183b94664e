// The public, customer-facing site outside /api/v1: the CSAT page and the collection pages are
// server-rendered with renderPublicPage() (i18n, branding, a strict Content-Security-Policy: no inline
// script or style, so the stylesheet and the accent colour are files), and their assets live here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { readBranding, readLogo, type BrandingView } from '../db/branding';
import { readSetting } from '../db/settings';
import { escapeHtml } from '../domain/templates';
import type { Translator } from '../domain/i18n';
import type { AppEnv } from './deps';

const PAGE_CSS = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'public/page.css'), 'utf8');

/** No inline script or style anywhere; forms post only to ourselves; nobody frames these pages. */
export const PUBLIC_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface PublicPage {
  tr: Translator;
  branding: BrandingView;
  title: string;
  /** Trusted HTML of <main> (escape every value in it). */
  main: string;
  status?: 200 | 400 | 403 | 404 | 409 | 410 | 413 | 429 | 503;
  headers?: Record<string, string>;
  /** Overrides PUBLIC_CSP (a page meant to be framed declares its own frame-ancestors). */
  csp?: string;
  /** A page's own files (our origin only, as the CSP demands): stylesheets after the shared ones, module scripts, a web app manifest. */
  stylesheets?: string[];
  scripts?: string[];
  manifest?: string;
  /** A class on <body> for a page's own layout (the kiosk fills the screen). */
  bodyClass?: string;
}

/** A whole branded page: lang and dir from the translator, logo and name in the header, footer lines. */
export function renderPublicPage(p: PublicPage): Response {
  const b = p.branding;
  const logo = b.logoPath ? `<img class="brand-logo" src="${escapeHtml(b.logoPath)}" alt="">` : '';
  const footer = b.footer ? `<footer class="brand-footer">${b.footer.split('\n').map(escapeHtml).join('<br>')}</footer>` : '';
  const html =
    `<!doctype html><html lang="${p.tr.locale}" dir="${p.tr.dir}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer">` +
    `<title>${escapeHtml(p.title)} – ${escapeHtml(b.displayName)}</title>` +
    `<link rel="stylesheet" href="/public/page.css"><link rel="stylesheet" href="${escapeHtml(b.cssPath)}">` +
    (p.stylesheets ?? []).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('') +
    (p.manifest ? `<link rel="manifest" href="${escapeHtml(p.manifest)}">` : '') +
    (p.scripts ?? []).map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`).join('') +
    `</head><body${p.bodyClass ? ` class="${escapeHtml(p.bodyClass)}"` : ''}><header class="brand-header">${logo}<span class="brand-name">${escapeHtml(b.displayName)}</span></header>` +
    `<main id="main">${p.main}</main>${footer}</body></html>`;
  return new Response(html, {
    status: p.status ?? 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': p.csp ?? PUBLIC_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      ...p.headers,
    },
  });
}

/** /public/*: the page stylesheet, the accent colour as a stylesheet, the logo. */
export function publicAssetRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/page.css', (c) => c.body(PAGE_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }));
  app.get('/brand.css', async (c) => {
    const { accentColor } = await readSetting(c.get('deps').db, 'branding');
    return c.body(`:root{--accent:${accentColor}}\n`, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' });
  });
  app.get('/logo/:sha', async (c) => {
    const logo = await readLogo(c.get('deps').db, c.req.param('sha'));
    if (!logo) return c.body('Not found', 404);
    // The URL changes with the image, so it can be cached for good; nosniff keeps it an image.
    return c.body(new Uint8Array(logo.content), 200, { 'content-type': logo.contentType, 'cache-control': 'public, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' });
  });
  return app;
}

export { readBranding };
