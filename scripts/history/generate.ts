// A realistic feedback-and-ticket history, generated deterministically from a seed: branches of
// different size and quality, agents, weekly and yearly seasons, growth, root causes tied to services,
// SLA outcomes that follow response times, escalations, reopenings, CSAT answers that follow how fast
// and how well a ticket was handled, advocacy asks for promoters (some capped, some late), timelines.
// Pure: rows out, nothing written (./insert.ts does that).
import { DEFAULT_THEMES } from '../../domain/themes';
import { tierOf } from '../../domain/score-tiers';
import { PRIORITY_MULTIPLIER } from '../../domain/sla';
import type { CaptureType, Channel, Priority } from '../../domain/types';

const H = 3_600_000;
const DAY = 24 * H;

/** mulberry32: small, fast, good enough for test data, and the same run for the same seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[], weights?: readonly number[]): T => {
    if (!weights) return items[Math.floor(next() * items.length)];
    const total = weights.reduce((s, w) => s + w, 0);
    let r = next() * total;
    for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  };
  /** Log-normal around a median (spread = sigma of the log). */
  const logNormal = (median: number, spread: number) => {
    const u = Math.max(next(), 1e-9);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    return median * Math.exp(spread * z);
  };
  return { next, pick, logNormal, chance: (p: number) => next() < p };
}

export const BRANCHES = [
  { id: 'hist-amsterdam', name: 'Amsterdam', weight: 1.6, quality: 1.0 },
  { id: 'hist-berlin', name: 'Berlin', weight: 1.4, quality: 0.9 },
  { id: 'hist-lisbon', name: 'Lisbon', weight: 1.1, quality: 1.1 },
  { id: 'hist-madrid', name: 'Madrid', weight: 1.0, quality: 1.0 },
  { id: 'hist-paris', name: 'Paris', weight: 1.3, quality: 0.8 },
  { id: 'hist-prague', name: 'Prague', weight: 0.7, quality: 1.2 },
  { id: 'hist-rome', name: 'Rome', weight: 0.9, quality: 0.95 },
  { id: 'hist-vienna', name: 'Vienna', weight: 0.6, quality: 1.15 },
] as const;
export const SERVICES = [
  { id: 'hist-dine-in', name: 'Dine-in', weight: 4 },
  { id: 'hist-takeaway', name: 'Takeaway', weight: 2 },
  { id: 'hist-delivery', name: 'Delivery', weight: 3 },
  { id: 'hist-support', name: 'Customer support', weight: 1.5 },
  { id: 'hist-billing', name: 'Billing', weight: 1 },
] as const;
export const ROOT_CAUSES = [
  { id: 'hist-rc-wait', name: 'Long waiting time', theme: 'Waiting time', services: ['hist-dine-in', 'hist-takeaway', 'hist-support'] },
  { id: 'hist-rc-staff', name: 'Staff behaviour', theme: 'Staff attitude', services: ['hist-dine-in', 'hist-takeaway', 'hist-support'] },
  { id: 'hist-rc-quality', name: 'Product quality', theme: 'Product quality', services: ['hist-dine-in', 'hist-takeaway', 'hist-delivery'] },
  { id: 'hist-rc-late', name: 'Late delivery', theme: 'Delivery and orders', services: ['hist-delivery'] },
  { id: 'hist-rc-wrong', name: 'Wrong or missing item', theme: 'Delivery and orders', services: ['hist-delivery', 'hist-takeaway'] },
  { id: 'hist-rc-billing', name: 'Billing error', theme: 'Billing and refunds', services: ['hist-billing', 'hist-support'] },
  { id: 'hist-rc-clean', name: 'Cleanliness', theme: 'Cleanliness', services: ['hist-dine-in'] },
  { id: 'hist-rc-app', name: 'App or website problem', theme: 'App and website', services: ['hist-delivery', 'hist-support', 'hist-billing'] },
] as const;
export const ACTIONS = [
  { id: 'hist-act-apology', name: 'Apology and explanation', recovers: 0.55 },
  { id: 'hist-act-refund', name: 'Refund or credit', recovers: 0.8 },
  { id: 'hist-act-voucher', name: 'Voucher for next visit', recovers: 0.72 },
  { id: 'hist-act-replace', name: 'Replacement', recovers: 0.75 },
  { id: 'hist-act-coaching', name: 'Staff coaching', recovers: 0.5 },
  { id: 'hist-act-process', name: 'Process changed', recovers: 0.6 },
] as const;
export const RULES = [
  { id: 'hist-rule-detractors', name: 'History: detractors open a recovery ticket' },
  { id: 'hist-rule-passives', name: 'History: passives open an improvement ticket' },
  { id: 'hist-rule-promoters', name: 'History: promoters get an advocacy ask' },
] as const;
const AGENTS_PER_BRANCH = 6;
export const agentsOf = (branch: string) => Array.from({ length: AGENTS_PER_BRANCH }, (_, i) => `${branch}-agent-${i + 1}`);

const CHANNELS: Channel[] = ['kiosk', 'qr', 'web', 'app', 'sms', 'email', 'google'];
const CHANNEL_WEIGHTS = [30, 20, 20, 14, 8, 5, 3];
const CAPTURE_OF: Record<Channel, CaptureType[]> = { kiosk: ['smile'], qr: ['star', 'nps'], web: ['nps', 'star'], app: ['star', 'nps'], sms: ['nps'], email: ['nps', 'star'], google: ['star'] };
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2, 4, 5, 6, 8, 10, 9, 7, 6, 6, 7, 9, 9, 7, 5, 3, 2];
const WEEKDAY_WEIGHTS = [0.7, 1.1, 1.0, 1.0, 1.05, 1.2, 1.35]; // Sunday … Saturday
const COMMENTS: Record<string, string[]> = {
  'Waiting time': ['Waited forty minutes for a table', 'The queue was endless', 'Nobody answered for ages'],
  'Staff attitude': ['The cashier was rude', 'Staff ignored us', 'The manager was unfriendly', 'Great, friendly staff'],
  'Product quality': ['The food was cold', 'The bread was stale', 'Lovely fresh food'],
  'Delivery and orders': ['Delivery was two hours late', 'Item arrived damaged', 'My order was missing a drink'],
  'Billing and refunds': ['I was charged twice', 'The invoice is wrong', 'Still waiting for my refund'],
  Cleanliness: ['The toilets were dirty', 'Tables were not clean'],
  'App and website': ['The app crashed at checkout', 'Could not log in to order', 'Website error when paying'],
  'Price and value': ['Too expensive for what you get', 'Prices went up again'],
};
const THEME_NAMES = DEFAULT_THEMES.map((t) => t.name);

export interface HistoryOptions {
  tickets: number;
  days: number;
  seed: number;
  now: number;
  firstNumber: number;
}

export interface TicketRow {
  number: number;
  feedbackId: string;
  status: string;
  priority: Priority;
  kind: 'recovery' | 'improvement' | 'advocacy';
  channel: Channel;
  captureType: CaptureType;
  score: number;
  branch: string;
  service: string;
  ruleId: string;
  assigneeId: string | null;
  escalationLevel: number;
  breached: boolean;
  sla: unknown;
  firstResponseDueAt: number;
  resolutionDueAt: number | null;
  title: string;
  comment: string;
  contact: { name: string; email?: string };
  sentiment: string | null;
  urgency: string | null;
  churnRisk: number | null;
  rootCauseId: string | null;
  actionId: string | null;
  csatScore: number | null;
  reopenCount: number;
  createdAt: number;
  updatedAt: number;
  firstRespondedAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  firstResponseMs: number | null;
  resolutionMs: number | null;
  firstResponseSla: 'met' | 'breached' | null;
  resolutionSla: 'met' | 'breached' | null;
  maxEscalationLevel: number;
  repeatDetractor: boolean;
  themes: string[];
  csatSentAt: number | null;
  csatAnsweredAt: number | null;
  csatRecovered: boolean | null;
}
export interface FeedbackRow {
  id: string;
  channel: Channel;
  type: CaptureType;
  score: number;
  comment: string;
  contactKey: string;
  branch: string;
  service: string;
  submittedAt: number;
  ruleId: string | null;
  outcome: 'ticket' | 'no_match';
  ticketNumber: number | null;
  assigneeId: string | null;
}
export interface EventRow {
  ticketNumber: number;
  seq: number;
  type: string;
  actorId: string;
  at: number;
  from: string | null;
  to: string | null;
  reason: string | null;
  data: unknown;
}

const SLA_HOURS = { firstResponse: 4, resolution: 24 };
const clock = (startedAt: number, targetMs: number, state: string, metAt: number | null) => ({ startedAt, targetMs, dueAt: startedAt + targetMs, warnAt: startedAt + targetMs * 0.8, state, paused: false, pausedMs: 0, metAt });

/** Day weights over the period: weekday pattern, a summer and a December peak, 30 % growth. */
function dayWeights(o: HistoryOptions): number[] {
  const start = o.now - o.days * DAY;
  return Array.from({ length: o.days }, (_, i) => {
    const d = new Date(start + i * DAY);
    const yearFrac = (d.getUTCMonth() * 30.4 + d.getUTCDate()) / 365;
    const season = 1 + 0.18 * Math.cos(2 * Math.PI * (yearFrac - 0.55)) + 0.22 * Math.exp(-(((yearFrac - 0.96) * 20) ** 2));
    return WEEKDAY_WEIGHTS[d.getUTCDay()] * season * (1 + (0.3 * i) / o.days);
  });
}

/** Yields batches of tickets (with their feedback and timeline) so memory stays flat at any size. */
export function* generateHistory(o: HistoryOptions, batchSize = 5000): Generator<{ tickets: TicketRow[]; feedback: FeedbackRow[]; events: EventRow[] }> {
  const r = rng(o.seed);
  const weights = dayWeights(o);
  const cumulative: number[] = [];
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0);
  const total = cumulative[cumulative.length - 1];
  const start = o.now - o.days * DAY;
  const dayOf = () => {
    const x = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const customers = Math.max(50, Math.round(o.tickets / 2.5));

  let tickets: TicketRow[] = [];
  let feedback: FeedbackRow[] = [];
  let events: EventRow[] = [];
  for (let i = 0; i < o.tickets; i++) {
    const number = o.firstNumber + i;
    const branch = r.pick(BRANCHES, BRANCHES.map((b) => b.weight));
    const service = r.pick(SERVICES, SERVICES.map((s) => s.weight));
    const channel = r.pick(CHANNELS, CHANNEL_WEIGHTS);
    const captureType = r.pick(CAPTURE_OF[channel]);
    // Worse branches get more detractors.
    const tierRoll = r.next() * branch.quality;
    const tier = tierRoll < 0.55 ? 'detractor' : tierRoll < 0.75 ? 'passive' : 'promoter';
    const score = scoreFor(captureType, tier, r);
    const createdAt = Math.min(o.now - 60_000, start + dayOf() * DAY + r.pick(HOUR_WEIGHTS.map((_, h) => h), HOUR_WEIGHTS) * H + Math.floor(r.next() * H));
    const kind = tier === 'detractor' ? 'recovery' : tier === 'passive' ? 'improvement' : 'advocacy';
    const ruleId = RULES[tier === 'detractor' ? 0 : tier === 'passive' ? 1 : 2].id;
    const priority: Priority = tier === 'detractor' ? (r.chance(0.45) ? 'high' : 'medium') : 'low';
    const mult = PRIORITY_MULTIPLIER[priority];
    const agents = agentsOf(branch.id);
    const age = o.now - createdAt;
    // Only the newest tickets still wait for an owner.
    const assigneeId = age < 2 * DAY && r.chance(0.3) ? null : r.pick(agents);
    const customer = Math.floor(r.next() * customers);
    const contact = r.chance(0.85) ? { name: `Customer ${customer}`, email: `customer${customer}@example.com` } : { name: `Customer ${customer}` };
    const rc = ROOT_CAUSES.filter((c) => (c.services as readonly string[]).includes(service.id));
    const cause = r.pick(rc.length ? rc : ROOT_CAUSES);
    const themes = tier === 'promoter' ? (r.chance(0.5) ? [cause.theme] : []) : [...new Set([cause.theme, ...(r.chance(0.35) ? [r.pick(THEME_NAMES)] : [])])];
    const comment = r.pick(COMMENTS[cause.theme] ?? COMMENTS['Staff attitude']);
    const feedbackId = `hist-fb-${number}`;
    const ev: EventRow[] = [];
    const event = (type: string, at: number, e: Partial<EventRow> = {}) => ev.push({ ticketNumber: number, seq: ev.length + 1, type, actorId: e.actorId ?? 'system', at, from: e.from ?? null, to: e.to ?? null, reason: e.reason ?? null, data: e.data ?? null });
    event('created', createdAt, { to: 'new', reason: `rule "${RULES.find((x) => x.id === ruleId)!.name}"`, data: { priority, assigneeId } });
    if (assigneeId) event('assigned', createdAt, { to: assigneeId, reason: 'assignment strategy' });

    // Response and resolution, slower in weaker branches and for lower priorities.
    const speed = 1 / branch.quality;
    const frTarget = SLA_HOURS.firstResponse * H * mult;
    const resTarget = SLA_HOURS.resolution * H * mult;
    const frMs = Math.max(60_000, r.logNormal(frTarget * 0.45 * speed, 0.8));
    const resMs = Math.max(frMs + 60_000, r.logNormal(resTarget * 0.55 * speed, 0.7));
    const responded = assigneeId !== null && frMs < age;
    const resolved = responded && resMs < age && !(age < 3 * DAY && r.chance(0.1));
    const firstRespondedAt = responded ? createdAt + frMs : null;
    let resolvedAt = resolved ? createdAt + resMs : null;
    const frBreached = frMs > frTarget && (responded || age > frTarget);
    const resBreached = resMs > resTarget && (resolved || age > resTarget);
    if (firstRespondedAt) {
      event('comment', firstRespondedAt, { actorId: assigneeId!, data: { visibility: 'public', body: 'Thank you for telling us. We are looking into it.' } });
      event('status_changed', firstRespondedAt, { actorId: assigneeId!, from: 'new', to: 'in_progress', reason: 'public reply' });
    }
    if (frBreached) event('sla_breached', createdAt + frTarget, { to: 'firstResponse' });
    if (resBreached) event('sla_breached', createdAt + resTarget, { to: 'resolution' });
    let maxEsc = 0;
    if (resBreached && kind === 'recovery') {
      maxEsc = r.chance(0.3) ? 2 : 1;
      for (let l = 1; l <= maxEsc; l++) event('escalated', createdAt + resTarget + (l - 1) * 2 * H, { from: `L${l - 1}`, to: `L${l}`, reason: 'unresolved past the escalation step' });
    }

    let status = resolved ? 'resolved' : responded ? r.pick(['in_progress', 'pending_customer', 'escalated'], [6, 2, maxEsc ? 4 : 0]) : 'new';
    let reopenCount = 0;
    let rootCauseId: string | null = null;
    let actionId: string | null = null;
    let csatSentAt: number | null = null;
    let csatAnsweredAt: number | null = null;
    let csatScore: number | null = null;
    let closedAt: number | null = null;
    if (resolvedAt) {
      rootCauseId = cause.id;
      const action = r.pick(ACTIONS, cause.id === 'hist-rc-billing' ? [1, 5, 0.5, 0, 0, 1] : cause.id === 'hist-rc-staff' ? [4, 0.5, 1, 0, 3, 0.5] : [3, 1.5, 2, 2, 0.3, 1]);
      actionId = action.id;
      event('status_changed', resolvedAt, { actorId: assigneeId ?? 'system', from: 'in_progress', to: 'resolved' });
      event('resolved', resolvedAt, { actorId: assigneeId ?? 'system', data: { rootCauseId, actionId, note: null } });
      if (contact.email && kind === 'recovery') {
        csatSentAt = resolvedAt;
        event('csat_sent', csatSentAt);
        if (r.chance(0.42)) {
          const pHappy = action.recovers * branch.quality * (resBreached ? 0.7 : 1.05);
          const score5 = r.chance(Math.min(0.95, pHappy)) ? r.pick([4, 5], [2, 3]) : r.pick([1, 2, 3], [2, 2, 3]);
          csatAnsweredAt = csatSentAt + r.logNormal(10 * H, 1);
          if (csatAnsweredAt < o.now) {
            csatScore = score5;
            event('csat_answered', csatAnsweredAt, { actorId: 'customer', to: String(score5) });
          } else csatAnsweredAt = null;
        }
      }
      // Unhappy answers, and some replies after resolution, reopen the ticket.
      const reopened = (csatScore !== null && csatScore <= 2) || r.chance(0.05);
      if (reopened) {
        const at = csatAnsweredAt ?? resolvedAt + r.logNormal(2 * DAY, 0.6);
        if (at < o.now) {
          reopenCount = 1;
          event('status_changed', at, { from: 'resolved', to: 'reopened', reason: csatScore !== null ? 'unhappy CSAT answer' : 'customer replied after resolution' });
          event('reopened', at);
          const again = at + r.logNormal(20 * H * mult, 0.6);
          if (again < o.now) {
            resolvedAt = again;
            event('status_changed', again, { from: 'reopened', to: 'resolved' });
            event('resolved', again, { data: { rootCauseId, actionId, note: 'second pass' } });
            // The second survey replaces the first in the read model (as the workflow does).
            if (csatSentAt) {
              csatSentAt = again;
              csatScore = null;
              csatAnsweredAt = null;
              event('csat_sent', again);
              if (r.chance(0.3) && again + 12 * H < o.now) {
                csatScore = r.pick([3, 4, 5], [2, 3, 3]);
                csatAnsweredAt = again + 12 * H;
                event('csat_answered', csatAnsweredAt, { actorId: 'customer', to: String(csatScore) });
              }
            }
          } else {
            resolvedAt = null;
            status = 'reopened';
          }
        }
      }
      if (resolvedAt) {
        const closeAt = csatScore !== null && csatScore >= 4 ? csatAnsweredAt! : resolvedAt + 7 * DAY;
        if (closeAt < o.now) {
          closedAt = closeAt;
          status = 'closed';
          event('status_changed', closeAt, { from: 'resolved', to: 'closed' });
          event('closed', closeAt);
        } else status = 'resolved';
      }
    }
    if (kind === 'advocacy' && contact.email) {
      // The per-customer cap holds some asks back; a few are sent late (after the 48 h window).
      const sent = r.chance(0.85);
      const at = createdAt + (r.chance(0.9) ? r.logNormal(5 * 60_000, 0.5) : r.logNormal(3 * DAY, 0.3));
      if (at < o.now) event('advocacy_ask', at, { data: { sent, reason: sent ? null : 'asked within the cap period' }, reason: sent ? null : 'asked within the cap period' });
    }

    const currentEsc = resolvedAt || reopenCount ? 0 : maxEsc;
    const row: TicketRow = {
      number,
      feedbackId,
      status,
      priority,
      kind,
      channel,
      captureType,
      score,
      branch: branch.id,
      service: service.id,
      ruleId,
      assigneeId,
      escalationLevel: reopenCount ? 0 : currentEsc,
      breached: !reopenCount && (frBreached || resBreached),
      sla: { firstResponse: clock(createdAt, frTarget, frBreached ? 'breached' : responded ? 'met' : 'running', firstRespondedAt), resolution: clock(createdAt, resTarget, resBreached ? 'breached' : resolvedAt ? 'met' : 'running', resolvedAt), nextReply: null },
      firstResponseDueAt: createdAt + frTarget,
      resolutionDueAt: resolvedAt ? null : createdAt + resTarget,
      title: `${captureType.toUpperCase()} ${score} from ${contact.name}: ${comment}`,
      comment,
      contact,
      sentiment: r.chance(0.04) ? null : tier === 'detractor' ? r.pick(['negative', 'angry', 'neutral'], [65, 20, 15]) : tier === 'passive' ? r.pick(['neutral', 'negative', 'positive'], [70, 15, 15]) : r.pick(['positive', 'neutral'], [85, 15]),
      urgency: priority === 'high' ? 'high' : priority === 'medium' ? 'medium' : 'low',
      churnRisk: r.chance(0.04) ? null : Math.round(Math.min(100, Math.max(0, tier === 'detractor' ? r.logNormal(55, 0.35) : tier === 'passive' ? r.logNormal(25, 0.35) : r.logNormal(8, 0.5)))),
      rootCauseId,
      actionId,
      csatScore,
      reopenCount,
      createdAt,
      updatedAt: ev[ev.length - 1].at,
      firstRespondedAt,
      resolvedAt,
      closedAt,
      firstResponseMs: firstRespondedAt ? firstRespondedAt - createdAt : null,
      resolutionMs: resolvedAt ? resolvedAt - createdAt : null,
      firstResponseSla: frBreached ? 'breached' : responded ? 'met' : null,
      resolutionSla: resBreached ? 'breached' : resolvedAt ? 'met' : null,
      maxEscalationLevel: maxEsc,
      repeatDetractor: tier === 'detractor' && r.chance(0.08),
      themes,
      csatSentAt,
      csatAnsweredAt,
      csatRecovered: csatScore === null ? null : csatScore >= 4,
    };
    ev.sort((a, b) => a.at - b.at).forEach((e, k) => (e.seq = k + 1));
    tickets.push(row);
    events.push(...ev);
    feedback.push({ id: feedbackId, channel, type: captureType, score, comment, contactKey: `email:customer${customer}@example.com`, branch: branch.id, service: service.id, submittedAt: createdAt - 1000, ruleId, outcome: 'ticket', ticketNumber: number, assigneeId });
    // Some answers open no ticket (neutral scores outside every rule's scope).
    if (r.chance(0.25)) {
      const type = r.pick(CAPTURE_OF[channel]);
      feedback.push({ id: `hist-fb-${number}-x`, channel, type, score: scoreFor(type, 'passive', r), comment: '', contactKey: `email:customer${Math.floor(r.next() * customers)}@example.com`, branch: branch.id, service: service.id, submittedAt: createdAt - 2 * H, ruleId: null, outcome: 'no_match', ticketNumber: null, assigneeId: null });
    }
    if (tickets.length >= batchSize) {
      yield { tickets, feedback, events };
      tickets = [];
      feedback = [];
      events = [];
    }
  }
  if (tickets.length) yield { tickets, feedback, events };
}

function scoreFor(type: CaptureType, tier: 'detractor' | 'passive' | 'promoter', r: ReturnType<typeof rng>): number {
  const range = type === 'smile' ? [0, 1, 2] : type === 'star' ? [1, 2, 3, 4, 5] : Array.from({ length: 11 }, (_, i) => i);
  const candidates = range.filter((s) => tierOf(type, s) === tier);
  return r.pick(candidates);
}
