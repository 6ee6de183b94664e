// The one place feedback becomes what a ticket workflow starts from (TicketInput): opened by the rule
// that matched it, or continuing a ticket that is closed for good (a follow-up: the same case, without
// the rules). Pure: the intake activities gather its inputs in one transaction and store the result
// as the feedback's decision, so a retry returns exactly this.
import type { Calendar } from './business-time';
import type { NormalizedFeedback } from './feedback';
import type { Rule } from './rules';
import { PATCH_BASELINE, type SlaTargets, type TicketInput, type TicketSettings } from './ticket';
import type { Contact, Priority, TicketKind } from './types';

/** The stored feedback the ticket answers. */
export type OpeningFeedback = NormalizedFeedback & { id: string; receivedAt: number };

/** The closed ticket a follow-up continues. */
export interface ContinuedTicket {
  number: number;
  kind: TicketKind;
  priority: Priority;
  contact: Contact;
  branch: string | null;
  service: string | null;
  ruleId: string | null;
  assigneeId: string | null;
}

/** What opens the ticket: the rule that matched (and whom its pool gave it to), or the ticket it
 * continues with the decision that opened that one (null for tickets older than stored decisions). */
export type TicketOrigin = { rule: Rule; assigneeId: string | null; repeatDetractor: boolean } | { continues: ContinuedTicket; decision: TicketInput | null };

/** What is in force now: SLA targets and ticket settings, and the business hours of the ticket's branch. */
export interface InForce {
  sla: SlaTargets;
  settings: TicketSettings;
  calendar: Calendar | null;
}

export interface TicketOpening {
  number: number;
  feedback: OpeningFeedback;
  origin: TicketOrigin;
  inForce: InForce;
  /** Chosen once by the caller: the stored decision keeps it on a retry. */
  replyToken: string;
}

export function ticketInputFrom({ number, feedback: fb, origin, inForce, replyToken }: TicketOpening): TicketInput {
  if ('rule' in origin) {
    const { rule } = origin;
    return {
      number,
      feedbackId: fb.id,
      createdAt: fb.receivedAt,
      kind: rule.outcome.kind,
      priority: rule.outcome.priority,
      channel: fb.channel,
      captureType: fb.type,
      score: fb.score,
      comment: fb.comment ?? null,
      contact: fb.contact ?? {},
      branch: fb.branch ?? null,
      service: fb.service ?? null,
      ruleId: rule.id,
      ruleName: rule.name,
      assigneeId: origin.assigneeId,
      slaTargets: { ...inForce.sla, ...stripNullish(rule.outcome.sla ?? {}) }, // the rule's override wins
      calendar: inForce.calendar,
      escalationChain: rule.outcome.escalationChain,
      settings: inForce.settings,
      repeatDetractor: origin.repeatDetractor,
      csatSurvey: rule.outcome.csatSurvey,
      replyToken,
      ...(fb.locale ? { locale: fb.locale } : {}),
      patchBaseline: PATCH_BASELINE,
    };
  }
  // A follow-up continues the old case: its contact, branch, service, kind, owner, targets and chain.
  const { continues: old, decision: before } = origin;
  return {
    number,
    feedbackId: fb.id,
    createdAt: fb.receivedAt,
    kind: old.kind,
    priority: old.priority,
    channel: 'email',
    captureType: null, // a message, not a rating
    score: null,
    comment: fb.comment ?? null,
    contact: old.contact,
    branch: old.branch,
    service: old.service,
    ruleId: old.ruleId,
    ruleName: before?.ruleName ?? null,
    assigneeId: old.assigneeId,
    slaTargets: before?.slaTargets ?? inForce.sla,
    calendar: before ? before.calendar : inForce.calendar,
    escalationChain: before?.escalationChain ?? [],
    settings: inForce.settings,
    repeatDetractor: false,
    csatSurvey: before?.csatSurvey ?? true,
    linkedTicketNumber: old.number,
    replyToken,
    ...(fb.locale ?? before?.locale ? { locale: fb.locale ?? before?.locale } : {}),
    patchBaseline: PATCH_BASELINE,
  };
}

function stripNullish<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v != null)) as Partial<T>;
}
