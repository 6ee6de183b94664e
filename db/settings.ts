// Settings as stored: an admin's value in the settings table, else the default (domain/settings.ts).
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { settings } from './schema';
import { SETTINGS, type SettingKey, type SettingValue } from '../domain/settings';

/** Reads a setting, falling back to its default; a stored value that no longer parses is ignored. */
export async function readSetting<K extends SettingKey>(db: Pick<Db, 'select'>, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  const spec = SETTINGS[key];
  const parsed = row ? spec.schema.safeParse(row.value) : null;
  return (parsed?.success ? parsed.data : spec.default) as SettingValue<K>;
}

export async function writeSetting<K extends SettingKey>(db: Db, key: K, value: SettingValue<K>): Promise<void> {
  const v = SETTINGS[key].schema.parse(value);
  await db.insert(settings).values({ key, value: v }).onConflictDoUpdate({ target: settings.key, set: { value: v } });
}
