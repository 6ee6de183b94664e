// Typed calls to the API: types come from the modules the API itself uses (zod schemas, the ticket
// view of domain/ticket-view.ts), so the two cannot drift. Only `import type` from server modules:
// nothing of the server is bundled.
import type { z } from 'zod';
import type { meSchema, totpEnrolmentSchema } from '../../api/routes/auth';
import type { branchSchema, serviceSchema } from '../../api/routes/org';
import type { CollectionPointView, KioskDevice, kioskPairingSchema } from '../../api/routes/collection-points';
import type { intakeKeySchema } from '../../api/routes/intake-keys';
import type { GoogleLocationView, GoogleStatus } from '../../api/routes/google';
import type { Integrations } from '../../api/routes/integrations';
import type { Macro, MacroApplication } from '../../api/routes/macros';
import type { SavedView } from '../../api/routes/views';
import type { Notification, NotificationList } from '../../api/routes/notifications';
import type { NotificationPreferences } from '../../domain/notifications';
import type { NotificationSettings } from '../../domain/notification-digest';
import type { DashboardPanel, RoleDashboard } from '../../api/routes/dashboards';
import type { AiCorrections } from '../../domain/ai-correction';
import type { BulkResult } from '../../domain/bulk';
import type { CustomerContext } from '../../domain/customer-context';
import type { signInMethodsSchema } from '../../api/routes/auth';
import type { ApiToken, ApiTokenInput } from '../../api/routes/api-tokens';
import type { WebhookEventLog, WebhookSubscription } from '../../api/routes/webhooks';
import type { WebhookSubscriptionInput } from '../../domain/webhooks';
import type { taxonomyEntrySchema } from '../../api/routes/taxonomies';
import type { ticketListQuerySchema } from '../../api/routes/tickets';
import type { User, UserInput, UserPatch } from '../../api/routes/users';
import type { Ticket, TicketPage, TicketSummary } from '../../api/ticket-schemas';
import type { Calendar } from '../../domain/business-time';
import type { Rule, RuleDefinition } from '../../domain/rules';
import type { SettingKey, SettingValue } from '../../domain/settings';
import type { SimulationResult } from '../../domain/simulate';
import type { AiView, ClockView, TimelineEntry } from '../../domain/ticket-view';

export type { AiCorrections, BulkResult, CustomerContext, DashboardPanel, GoogleLocationView, GoogleStatus, Integrations, Macro, MacroApplication, RoleDashboard, SavedView };
export type { Notification, NotificationList, NotificationPreferences, NotificationSettings };
export type { AiView, Calendar, ClockView, Rule, RuleDefinition, SettingKey, SettingValue, SimulationResult, Ticket, TicketPage, TicketSummary, TimelineEntry, User, UserInput, UserPatch };
export type { Priority, Role, TicketKind, TicketStatus } from '../../domain/types';

export type { ApiToken, ApiTokenInput, WebhookEventLog, WebhookSubscription, WebhookSubscriptionInput };
export type Me = z.infer<typeof meSchema>;
export type TotpEnrolment = z.infer<typeof totpEnrolmentSchema>;
export type CollectionPoint = CollectionPointView;
export type { CollectionPointInput } from '../../domain/collection-point';
export type { KioskDevice };
export type KioskPairing = z.infer<typeof kioskPairingSchema>;
export type SignInMethods = z.infer<typeof signInMethodsSchema>;
export type Branch = z.infer<typeof branchSchema>;
export type Service = z.infer<typeof serviceSchema>;
export type IntakeKey = z.infer<typeof intakeKeySchema>;
export type TaxonomyEntry = z.infer<typeof taxonomyEntrySchema>;
export type TaxonomyKind = TaxonomyEntry['kind'];
export type TicketListQuery = z.input<typeof ticketListQuerySchema>;
export type TicketSort = NonNullable<TicketListQuery['sort']>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Field-level messages of a 400, keyed by path ("outcome.pool", "name"). */
  get fields(): Record<string, string> {
    const list = Array.isArray(this.details?.fields) ? (this.details!.fields as Array<{ path: string; message: string }>) : [];
    return Object.fromEntries(list.map((f) => [f.path, f.message]));
  }
}

let csrf = '';
export const setCsrf = (token: string) => (csrf = token);
export const getCsrf = () => csrf;

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-csrf-token': csrf } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = (json as { error?: { code: string; message: string; details?: Record<string, unknown> } }).error;
    throw new ApiError(res.status, e?.code ?? 'ERROR', e?.message ?? res.statusText, e?.details);
  }
  return json as T;
}

/** Churn risk is an integer percentage (0–100). */
export const percent = (n: number | null | undefined) => (n == null ? '–' : `${Math.round(n)}%`);
export const label = (s: string) => s.replace(/_/g, ' ');
