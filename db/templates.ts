// Mail templates as stored: an admin's edit per template and locale in the templates table, else the
// shipped default of that locale (domain/templates.ts, from the i18n resource files).
import { and, eq } from 'drizzle-orm';
import type { Db } from './client';
import { templates } from './schema';
import type { Locale } from '../domain/i18n';
import { defaultTemplate, renderTemplate, templateBodySchema, validateTemplate, type MailDress, type RenderedMail, type TemplateBody, type TemplateKey, type TemplateVars } from '../domain/templates';

export interface StoredTemplate {
  body: TemplateBody;
  locale: Locale;
  customised: boolean;
  updatedAt: Date | null;
}

/** The template of one locale as an admin sees it: their edit, else the shipped default (null: neither).
 * An edit that no longer validates (placeholders changed, e.g. {{ticketTitle}} in customer mail) is
 * ignored in favour of the default. */
export async function readTemplate(db: Pick<Db, 'select'>, key: TemplateKey, locale: Locale): Promise<StoredTemplate | null> {
  const [row] = await db.select().from(templates).where(and(eq(templates.key, key), eq(templates.locale, locale)));
  if (row) {
    const parsed = templateBodySchema.safeParse({ subject: row.subject, text: row.text, html: row.html });
    if (parsed.success && validateTemplate(key, parsed.data).length === 0) return { body: parsed.data, locale, customised: true, updatedAt: row.updatedAt };
  }
  const shipped = defaultTemplate(key, locale);
  return shipped ? { body: shipped, locale, customised: false, updatedAt: null } : null;
}

/** The template for a mail: the first locale of the chain (contact → branch → English) that has a variant. */
export async function resolveTemplate(db: Pick<Db, 'select'>, key: TemplateKey, chain: readonly Locale[]): Promise<StoredTemplate> {
  for (const locale of chain) {
    const t = await readTemplate(db, key, locale);
    if (t) return t;
  }
  return (await readTemplate(db, key, 'en'))!;
}

/** Renders the template in force for the chain; `dress` brands customer mail. */
export async function renderStoredTemplate(db: Pick<Db, 'select'>, key: TemplateKey, vars: TemplateVars, chain: readonly Locale[] = ['en'], dress?: MailDress): Promise<RenderedMail & { locale: Locale }> {
  const t = await resolveTemplate(db, key, chain);
  return { ...renderTemplate(t.body, vars, dress), locale: t.locale };
}

/** Stores a validated edit (the caller has checked validateTemplate and the locale). */
export async function writeTemplate(db: Db, key: TemplateKey, locale: Locale, body: TemplateBody): Promise<void> {
  const now = new Date();
  await db
    .insert(templates)
    .values({ key, locale, ...body, updatedAt: now })
    .onConflictDoUpdate({ target: [templates.key, templates.locale], set: { ...body, updatedAt: now } });
}

export async function resetTemplate(db: Db, key: TemplateKey, locale: Locale): Promise<void> {
  await db.delete(templates).where(and(eq(templates.key, key), eq(templates.locale, locale)));
}
