// The optional daily digest of an agent's notifications: when it is due, and what it says. Pure.
//
// The hour is the user's choice (off by default), read in the time zone of their first branch that has
// a calendar, else UTC. Users have no time zone of their own; the branch calendar is where the
// organisation already says what local time is (SLA hours), so one more setting per user is not needed.
import { z } from 'zod';
import { notificationPreferencesSchema } from './notifications';

export const digestHourSchema = z.number().int().min(0).max(23).nullable().meta({ description: 'Local hour (0–23) of the daily digest, in your branch time zone; null: no digest (the default)' });

/** GET answers every field; PUT may leave the digest out (it stays as it was). */
export const notificationSettingsSchema = notificationPreferencesSchema
  .extend({ digestHour: digestHourSchema, digestTimeZone: z.string().meta({ description: 'The time zone the digest hour is read in (your first branch with a calendar; else UTC). Read-only' }) })
  .meta({ id: 'NotificationSettings', description: 'Per kind: shown in the app, sent by e-mail; and the daily digest' });
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;
export const notificationSettingsInputSchema = notificationPreferencesSchema
  .extend({ digestHour: digestHourSchema.optional() })
  .meta({ id: 'NotificationSettingsInput', description: 'Per kind: shown in the app, sent by e-mail; and the daily digest (left out: unchanged)' });

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The local calendar day (YYYY-MM-DD) and hour (0–23) of an instant in a time zone. */
export function localDayHour(now: number, timeZone: string): { day: string; hour: number } {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' })));
  const p = Object.fromEntries(f.formatToParts(new Date(now)).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) };
}

/**
 * The local day whose digest is due now, or null: from the chosen hour on, so an hourly run that was
 * missed (worker down) still sends it later that day. Once per day is the caller's unique key.
 */
export function digestDueDay(hour: number | null, timeZone: string, now: number): string | null {
  if (hour === null) return null;
  const local = localDayHour(now, timeZone);
  return local.hour >= hour ? local.day : null;
}

export interface DigestItem {
  title: string;
  ticketNumber: number | null;
}
export interface DigestRiskTicket {
  number: number;
  title: string;
}

/** The digest mail, or null when there is nothing to say (nothing is sent then). */
export function digestMail(input: { name: string; day: string; unread: DigestItem[]; atRisk: DigestRiskTicket[]; atRiskTotal: number; publicUrl: string }): { subject: string; text: string } | null {
  const { unread, atRisk, publicUrl } = input;
  if (!unread.length && !input.atRiskTotal) return null;
  const link = (n: number | null) => (n === null ? publicUrl : `${publicUrl}/tickets/${n}`);
  const lines = [`Hello ${input.name},`, '', `Your Closeloop digest for ${input.day}.`];
  if (unread.length) {
    lines.push('', `Unread notifications since your last digest (${unread.length}):`);
    for (const n of unread) lines.push(`- ${n.title}`, `  ${link(n.ticketNumber)}`);
  }
  if (input.atRiskTotal) {
    lines.push('', `Your open tickets at SLA risk (${input.atRiskTotal}):`);
    for (const t of atRisk) lines.push(`- #${t.number} ${t.title}`, `  ${link(t.number)}`);
    if (input.atRiskTotal > atRisk.length) lines.push(`- and ${input.atRiskTotal - atRisk.length} more: ${publicUrl}/tickets`);
  }
  lines.push('', `You get this daily digest because you chose it: ${publicUrl}/account`);
  const parts = [unread.length ? `${unread.length} unread` : null, input.atRiskTotal ? `${input.atRiskTotal} at SLA risk` : null].filter(Boolean);
  return { subject: `[Closeloop] Your digest for ${input.day}: ${parts.join(', ')}`, text: lines.join('\n') };
}

/** The digest's time zone: the user's first branch that has a calendar, else UTC. */
export function digestTimeZone(userBranches: readonly string[], branchZones: ReadonlyMap<string, string>): string {
  for (const b of userBranches) {
    const tz = branchZones.get(b);
    if (tz) return tz;
  }
  return 'UTC';
}
