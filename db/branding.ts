// Branding as stored: the text fields in settings ('branding'), the logo in brand_assets (Postgres, so
// every API process serves it). Collection pages, the CSAT page and customer mails all read it here.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Branding } from '../domain/branding';
import type { Db } from './client';
import { brandAssets } from './schema';
import { readSetting } from './settings';

export interface BrandingView extends Branding {
  /** Path of the logo under the public site (`/public/logo/<sha256>`, cached for good), or null. */
  logoPath: string | null;
  /** Path of the stylesheet with the accent colour (`/public/brand.css?v=…`). */
  cssPath: string;
  /** The display name customer mail is sent under. */
  fromName: string;
}

export const LOGO_PATH = '/public/logo';

export async function readBranding(db: Pick<Db, 'select'>): Promise<BrandingView> {
  const b = await readSetting(db, 'branding');
  const [logo] = await db.select({ sha256: brandAssets.sha256 }).from(brandAssets).where(eq(brandAssets.name, 'logo'));
  return {
    ...b,
    logoPath: logo ? `${LOGO_PATH}/${logo.sha256}` : null,
    // The accent colour is in the URL, so a changed colour is a new URL (the file is cached for a day).
    cssPath: `/public/brand.css?v=${b.accentColor.slice(1)}`,
    fromName: b.senderName || b.displayName,
  };
}

/** The logo's bytes, if `sha256` names the current one (older URLs answer 404, never a stale image). */
export async function readLogo(db: Pick<Db, 'select'>, sha256: string): Promise<{ contentType: string; content: Buffer } | null> {
  const [row] = await db.select().from(brandAssets).where(eq(brandAssets.name, 'logo'));
  return row && row.sha256 === sha256 ? { contentType: row.contentType, content: row.content } : null;
}

/** Stores a checked logo (domain/branding.ts checkLogo) in place of the current one. */
export async function writeLogo(db: Db, contentType: string, content: Buffer): Promise<string> {
  const sha256 = createHash('sha256').update(content).digest('hex');
  const now = new Date();
  await db
    .insert(brandAssets)
    .values({ name: 'logo', contentType, content, sha256, updatedAt: now })
    .onConflictDoUpdate({ target: brandAssets.name, set: { contentType, content, sha256, updatedAt: now } });
  return sha256;
}

export async function deleteLogo(db: Db): Promise<void> {
  await db.delete(brandAssets).where(eq(brandAssets.name, 'logo'));
}
