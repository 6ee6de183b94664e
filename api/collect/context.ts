// What a collection page is rendered with: the language — the one asked for (?lang=, or the form's own),
// else the browser's Accept-Language, else the branch default, else English (domain/i18n) —, the
// branding, and the asset URLs.
import type { Context } from 'hono';
import { readBranding } from '../../db/branding';
import { readBranch } from '../../db/org';
import type { CollectionPoint } from '../../domain/collection-point';
import { LOCALE_NAMES, LOCALES, preferredLocale, toLocale, translator } from '../../domain/i18n';
import { escapeHtml } from '../../domain/templates';
import type { AppEnv } from '../deps';
import { renderPublicPage } from '../public-site';
import { assetUrl } from './assets';
import type { PageContext } from './pages';

/** This page in another language: the same URL with ?lang= set (other parameters, such as a preselected score, kept). */
function languageHref(c: Context<AppEnv>, lang: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

/** The customer's own language when the request says it (asked for, or the browser's), for their feedback and later mail. */
export const customerLocale = (c: Context<AppEnv>, requested: string | undefined) => toLocale(requested) ?? preferredLocale(c.req.header('accept-language')) ?? undefined;

export async function pageContext(c: Context<AppEnv>, point: CollectionPoint, requested?: string): Promise<PageContext> {
  const { db } = c.get('deps');
  const [branch, branding] = await Promise.all([readBranch(db, point.branch), readBranding(db)]);
  return {
    point,
    tr: translator(customerLocale(c, requested), branch?.locale),
    branding,
    assets: { css: assetUrl('collect.css'), kioskJs: assetUrl('kiosk.js') },
    languages: LOCALES.map((l) => ({ lang: l, label: LOCALE_NAMES[l], href: languageHref(c, l) })),
  };
}

/** 404 for an unknown or closed point: branded, in the visitor's language, nothing about any point. */
export async function notFoundPage(c: Context<AppEnv>, csp: string): Promise<Response> {
  const tr = translator(customerLocale(c, c.req.query('lang')));
  const main = `<h1>${escapeHtml(tr.t('collect.notFound.title'))}</h1><p>${escapeHtml(tr.t('collect.notFound.text'))}</p>`;
  return renderPublicPage({ tr, branding: await readBranding(c.get('deps').db), title: tr.t('collect.notFound.title'), main, status: 404, csp });
}
