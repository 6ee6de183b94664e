// What a collection page is rendered with: the language (the one asked for with ?lang= or the form's
// own, else the browser's Accept-Language, else English — domain/i18n), its texts, the organisation's
// name and logo, and the asset URLs.
import type { Context } from 'hono';
import { readBranch } from '../../db/org';
import type { CollectionPoint } from '../../domain/collection-point';
import { LOCALE_NAMES, LOCALES, preferredLocale, translator } from '../../domain/i18n';
import type { AppEnv } from '../deps';
import { assetUrl } from './assets';
import type { PageContext } from './pages';

/** The translator for this request: `requested` (a ?lang= or the form's hidden field) first. */
const translatorFor = (c: Context<AppEnv>, requested: string | undefined) => translator(requested, preferredLocale(c.req.header('accept-language')));

/** This page in another language: the same URL with ?lang= set (other parameters, such as a preselected score, kept). */
function languageHref(c: Context<AppEnv>, lang: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

export async function pageContext(c: Context<AppEnv>, point: CollectionPoint, requested?: string): Promise<PageContext> {
  const tr = translatorFor(c, requested);
  const branch = await readBranch(c.get('deps').db, point.branch);
  return {
    point,
    lang: tr.locale,
    dir: tr.dir,
    t: tr.t,
    org: { name: branch?.name ?? point.name, logoUrl: null },
    assets: { css: [assetUrl('collect.css')], kioskJs: assetUrl('kiosk.js') },
    languages: LOCALES.map((l) => ({ lang: l, label: LOCALE_NAMES[l], href: languageHref(c, l) })),
  };
}

/** The texts of a page that has no point (unknown or closed). */
export function bareContext(c: Context<AppEnv>) {
  const tr = translatorFor(c, c.req.query('lang'));
  return { lang: tr.locale, dir: tr.dir, t: tr.t, css: [assetUrl('collect.css')] };
}
