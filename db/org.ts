// The organisation as stored: branches with their business-hours calendar (one calendar row per
// branch, keyed by the branch id) and services.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Calendar } from '../domain/business-time';
import { storedCalendarSchema } from '../domain/calendar-schema';
import { toLocale, type Locale } from '../domain/i18n/locales';
import type { Db } from './client';
import { branches, calendars, services } from './schema';

export interface Branch {
  id: string;
  name: string;
  calendar: Calendar | null;
  /** The branch's default customer language; null = English. */
  locale: Locale | null;
}

const branchColumns = { id: branches.id, name: branches.name, locale: branches.locale, timeZone: calendars.timeZone, weekly: calendars.weekly, holidays: calendars.holidays };
const branchOf = (row: { id: string; name: string; locale: string | null; timeZone: string | null; weekly: unknown; holidays: string[] | null }): Branch => ({
  id: row.id,
  name: row.name,
  locale: toLocale(row.locale),
  calendar: row.timeZone ? storedCalendarSchema.parse({ timeZone: row.timeZone, weekly: row.weekly, holidays: row.holidays }) : null,
});

export async function readBranch(db: Pick<Db, 'select'>, id: string): Promise<Branch | null> {
  const [row] = await db.select(branchColumns).from(branches).leftJoin(calendars, eq(calendars.id, branches.calendarId)).where(eq(branches.id, id));
  return row ? branchOf(row) : null;
}

/** The business hours SLA time runs in at a branch; null without a calendar (or an unknown branch). */
export async function branchCalendar(db: Pick<Db, 'select'>, id: string): Promise<Calendar | null> {
  return (await readBranch(db, id))?.calendar ?? null;
}

export async function listBranches(db: Pick<Db, 'select'>): Promise<Branch[]> {
  const rows = await db.select(branchColumns).from(branches).leftJoin(calendars, eq(calendars.id, branches.calendarId)).orderBy(asc(branches.name));
  return rows.map(branchOf);
}

/** False when the id is taken. */
export async function insertBranch(db: Db, branch: { id: string; name: string }): Promise<boolean> {
  return (await db.insert(branches).values(branch).onConflictDoNothing().returning()).length > 0;
}

/** Renames a branch or sets its default customer language; false when there is no such branch. */
export async function updateBranch(db: Db, id: string, patch: { name?: string; locale?: Locale | null }): Promise<boolean> {
  if (patch.name === undefined && patch.locale === undefined) return (await readBranch(db, id)) !== null;
  return (await db.update(branches).set(patch).where(eq(branches.id, id)).returning()).length > 0;
}

/** Sets (or with null clears) the branch's calendar. */
export async function setBranchCalendar(db: Db, id: string, cal: Calendar | null): Promise<void> {
  if (cal) {
    await db
      .insert(calendars)
      .values({ id, name: `${id} hours`, timeZone: cal.timeZone, weekly: cal.weekly, holidays: cal.holidays })
      .onConflictDoUpdate({ target: calendars.id, set: { timeZone: cal.timeZone, weekly: cal.weekly, holidays: cal.holidays } });
  }
  await db.update(branches).set({ calendarId: cal ? id : null }).where(eq(branches.id, id));
}

export async function listServices(db: Pick<Db, 'select'>) {
  return db.select().from(services).orderBy(asc(services.name));
}

/** False when the id is taken. */
export async function insertService(db: Db, service: { id: string; name: string }): Promise<boolean> {
  return (await db.insert(services).values(service).onConflictDoNothing().returning()).length > 0;
}

/** The renamed service, or undefined when there is none. */
export async function renameService(db: Db, id: string, name: string) {
  const [row] = await db.update(services).set({ name }).where(eq(services.id, id)).returning();
  return row;
}

/** Which of `ids` are branches. */
export async function knownBranches(db: Pick<Db, 'select'>, ids: string[]): Promise<Set<string>> {
  return ids.length ? new Set((await db.select({ id: branches.id }).from(branches).where(inArray(branches.id, ids))).map((r) => r.id)) : new Set();
}

/** Which of `ids` are services. */
export async function knownServices(db: Pick<Db, 'select'>, ids: string[]): Promise<Set<string>> {
  return ids.length ? new Set((await db.select({ id: services.id }).from(services).where(inArray(services.id, ids))).map((r) => r.id)) : new Set();
}
