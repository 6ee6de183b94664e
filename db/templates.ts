// Mail templates as stored: an admin's override in the templates table, else the default.
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { templates } from './schema';
import { renderTemplate, TEMPLATES, templateBodySchema, validateTemplate, type RenderedMail, type TemplateBody, type TemplateKey, type TemplateVars } from '../domain/templates';

export interface StoredTemplate {
  body: TemplateBody;
  customised: boolean;
  updatedAt: Date | null;
}

/** The template in force; an override that no longer validates (placeholders changed) falls back to the default. */
export async function readTemplate(db: Pick<Db, 'select'>, key: TemplateKey): Promise<StoredTemplate> {
  const [row] = await db.select().from(templates).where(eq(templates.key, key));
  if (row) {
    const parsed = templateBodySchema.safeParse({ subject: row.subject, text: row.text, html: row.html });
    if (parsed.success && validateTemplate(key, parsed.data).length === 0) return { body: parsed.data, customised: true, updatedAt: row.updatedAt };
  }
  return { body: TEMPLATES[key].default, customised: false, updatedAt: null };
}

export async function renderStoredTemplate(db: Pick<Db, 'select'>, key: TemplateKey, vars: TemplateVars): Promise<RenderedMail> {
  return renderTemplate((await readTemplate(db, key)).body, vars);
}

/** Stores a validated override (the caller has checked validateTemplate). */
export async function writeTemplate(db: Db, key: TemplateKey, body: TemplateBody): Promise<void> {
  const now = new Date();
  await db.insert(templates).values({ key, ...body, updatedAt: now }).onConflictDoUpdate({ target: templates.key, set: { ...body, updatedAt: now } });
}

export async function resetTemplate(db: Db, key: TemplateKey): Promise<void> {
  await db.delete(templates).where(eq(templates.key, key));
}
