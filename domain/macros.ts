// Macros: canned replies with placeholders (the mail templates' {{name}} syntax) that may also set
// status, priority or assignee — applied as the usual ticket commands, so every refusal is the
// workflow's own. Pure.
import { z } from 'zod';
import { fillPlaceholders, placeholderIssues } from './templates';
import { notBlankText } from './text';
import { prioritySchema } from './types';

/** The moves a macro may make: the manual ones of POST /tickets/:n/status that open work. */
export const MACRO_STATUSES = ['in_progress', 'pending_customer', 'escalated'] as const;

export const MACRO_PLACEHOLDERS: Readonly<Record<string, string>> = {
  customerName: 'The customer name, or "there" when unknown',
  customerFirstName: 'The customer first name, or "there" when unknown',
  ticketNumber: 'The ticket number, e.g. 1042',
  ticketTitle: 'The ticket title',
  branch: 'The branch name (empty when the ticket has none)',
  service: 'The service name (empty when the ticket has none)',
  priority: 'low, medium or high',
  agentName: 'Your name (whoever applies the macro)',
  agentFirstName: 'Your first name',
};

export const macroActionsSchema = z
  .object({
    status: z.enum(MACRO_STATUSES).optional(),
    priority: prioritySchema.optional(),
    assignee: z.string().min(1).max(200).optional().describe('"me" (whoever applies it), "none" (unassign) or a user id'),
  })
  .strict()
  .meta({ id: 'MacroActions', description: 'What applying the macro also changes, each as the usual ticket command (status, priority, assign)' });
export type MacroActions = z.infer<typeof macroActionsSchema>;

const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export const macroInputSchema = z
  .object({
    name: notBlankText(100, { safe: true, message: 'name must not be empty' }),
    body: notBlankText(20_000, { safe: true, message: 'body must not be empty' }),
    shared: z.boolean().default(false).describe('Shared with everyone (admins only); otherwise personal'),
    locale: z.string().regex(LOCALE, 'a BCP 47 language tag such as "en" or "de-CH"').nullable().default(null).describe('Language of the text; null = any (matching it to the customer comes with the i18n work)'),
    actions: macroActionsSchema.default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    for (const message of placeholderIssues(m.body, MACRO_PLACEHOLDERS)) ctx.addIssue({ code: 'custom', path: ['body'], message });
  })
  .meta({ id: 'MacroInput' });
export type MacroInput = z.infer<typeof macroInputSchema>;

export interface MacroContext {
  ticket: { number: number; title: string; contact: { name?: string }; priority: string };
  branchName: string | null;
  serviceName: string | null;
  agentName: string;
}

const first = (name: string | undefined) => name?.trim().split(/\s+/)[0] || undefined;

/** The macro's text for one ticket, as the agent's draft. */
export function renderMacro(body: string, c: MacroContext): string {
  const vars: Record<string, string> = {
    customerName: c.ticket.contact.name?.trim() || 'there',
    customerFirstName: first(c.ticket.contact.name) ?? 'there',
    ticketNumber: String(c.ticket.number),
    ticketTitle: c.ticket.title,
    branch: c.branchName ?? '',
    service: c.serviceName ?? '',
    priority: c.ticket.priority,
    agentName: c.agentName,
    agentFirstName: first(c.agentName) ?? c.agentName,
  };
  return fillPlaceholders(body, (n) => vars[n] ?? '');
}

/** Case- and accent-insensitive words of a search, each found in the name or the body. */
export function macroMatches(m: { name: string; body: string }, search: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const hay = fold(`${m.name} ${m.body}`);
  return fold(search).split(/\s+/).filter(Boolean).every((w) => hay.includes(w));
}
