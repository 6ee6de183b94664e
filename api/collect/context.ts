// What a collection page is rendered with: the language (asked for, else the browser's, else the
// default), its texts, the organisation's name and logo, and the asset URLs.
import type { Context } from 'hono';
import { readBranch } from '../../db/org';
import type { CollectionPoint } from '../../domain/collection-point';
import type { AppEnv } from '../deps';
import { assetUrl } from './assets';
import type { PageContext } from './pages';
import { collectText } from './strings';

export async function pageContext(c: Context<AppEnv>, point: CollectionPoint, _requested?: string): Promise<PageContext> {
  const branch = await readBranch(c.get('deps').db, point.branch);
  return {
    point,
    lang: 'en',
    dir: 'ltr',
    t: collectText,
    org: { name: branch?.name ?? point.name, logoUrl: null },
    assets: { css: [assetUrl('collect.css')], kioskJs: assetUrl('kiosk.js') },
    languages: [],
  };
}

/** The texts of a page that has no point (unknown or closed). */
export function bareContext(_c: Context<AppEnv>) {
  return { lang: 'en', dir: 'ltr' as const, t: collectText, css: [assetUrl('collect.css')] };
}
