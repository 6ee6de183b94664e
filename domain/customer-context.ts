// A customer's history beside the ticket being worked: their other tickets and feedback on every
// channel (one contact key: e-mail, else phone — domain/feedback.ts contactKey), score history, CSAT
// answers and the churn-risk trend. What the viewer may not see is counted, never shown. Pure.
import { z } from 'zod';
import { SENTIMENTS } from './ai';
import { tierOf } from './score-tiers';
import { canSeeTicket, type Viewer } from './ticket-access';
import { captureTypeSchema, channelSchema, ticketStatusSchema, type CaptureType, type Channel, type TicketStatus } from './types';

/** Rows read per contact and kind: a customer with more has the newest shown and `truncated` set. */
export const CONTEXT_LIMIT = 100;

const epochMs = z.number().meta({ description: 'epoch milliseconds' });

export const customerContextSchema = z
  .object({
    identifiedBy: z.enum(['email', 'phone']).nullable().meta({ description: 'How the contact is recognised across channels; null: anonymous, no history' }),
    tickets: z.array(
      z.object({
        number: z.number().int(),
        title: z.string(),
        status: ticketStatusSchema,
        channel: channelSchema.nullable(),
        branch: z.string().nullable(),
        createdAt: epochMs,
        csatScore: z.number().int().nullable(),
        churnRisk: z.number().nullable(),
        sentiment: z.enum(SENTIMENTS).nullable(),
        current: z.boolean().meta({ description: 'The ticket being viewed' }),
      }),
    ).meta({ description: 'The contact\'s tickets the viewer may see, newest first' }),
    feedback: z.array(
      z.object({
        id: z.string(),
        channel: channelSchema,
        type: captureTypeSchema,
        score: z.number().int(),
        tier: z.enum(['detractor', 'passive', 'promoter']),
        comment: z.string().nullable().meta({ description: 'First 280 characters' }),
        branch: z.string().nullable(),
        submittedAt: epochMs,
        ticketNumber: z.number().int().nullable().meta({ description: 'The ticket it opened, if any' }),
      }),
    ).meta({ description: 'Every answer of the contact the viewer may see (score history), newest first, with or without a ticket' }),
    csat: z.array(z.object({ ticketNumber: z.number().int(), score: z.number().int(), comment: z.string().nullable(), answeredAt: epochMs })).meta({ description: 'CSAT answers, newest first' }),
    churnTrend: z.array(z.object({ ticketNumber: z.number().int(), at: epochMs, churnRisk: z.number() })).meta({ description: 'Churn risk of each analysed ticket, oldest first' }),
    hidden: z.object({ tickets: z.number().int(), feedback: z.number().int() }).meta({ description: 'Tickets and feedback of this contact in branches the viewer does not work (not shown)' }),
    truncated: z.boolean().meta({ description: `More than ${CONTEXT_LIMIT} tickets or answers: the newest are shown` }),
  })
  .meta({ id: 'CustomerContext' });
export type CustomerContext = z.infer<typeof customerContextSchema>;

export interface ContextTicketRow {
  number: number;
  title: string;
  status: TicketStatus;
  channel: Channel | null;
  branch: string | null;
  assigneeId: string | null;
  createdAt: number;
  csatScore: number | null;
  csatAnsweredAt: number | null;
  churnRisk: number | null;
  sentiment: CustomerContext['tickets'][number]['sentiment'];
}
export interface ContextFeedbackRow {
  id: string;
  channel: Channel;
  type: CaptureType;
  score: number;
  comment: string | null;
  branch: string | null;
  submittedAt: number;
  ticketNumber: number | null;
  /** The current assignee of the ticket it opened (an agent sees branch-less ones of their tickets). */
  ticketAssigneeId: string | null;
  ticketBranch: string | null;
}

export function customerContext(input: {
  viewer: Viewer;
  current: number;
  identifiedBy: CustomerContext['identifiedBy'];
  tickets: ContextTicketRow[];
  feedback: ContextFeedbackRow[];
  csatComments: ReadonlyMap<number, string | null>;
}): CustomerContext {
  const { viewer } = input;
  const tickets = input.tickets.filter((t) => canSeeTicket(viewer, t));
  // Feedback that opened a ticket is seen with its ticket; the rest by its own branch.
  const feedback = input.feedback.filter((f) => canSeeTicket(viewer, f.ticketNumber !== null ? { branch: f.ticketBranch, assigneeId: f.ticketAssigneeId } : { branch: f.branch, assigneeId: null }));
  return {
    identifiedBy: input.identifiedBy,
    tickets: tickets.map((t) => ({ number: t.number, title: t.title, status: t.status, channel: t.channel, branch: t.branch, createdAt: t.createdAt, csatScore: t.csatScore, churnRisk: t.churnRisk, sentiment: t.sentiment, current: t.number === input.current })),
    feedback: feedback.map((f) => ({
      id: f.id,
      channel: f.channel,
      type: f.type,
      score: f.score,
      tier: tierOf(f.type, f.score),
      comment: f.comment === null ? null : f.comment.length > 280 ? `${f.comment.slice(0, 279)}…` : f.comment,
      branch: f.branch,
      submittedAt: f.submittedAt,
      ticketNumber: f.ticketNumber,
    })),
    csat: tickets
      .filter((t) => t.csatScore !== null && t.csatAnsweredAt !== null)
      .sort((a, b) => b.csatAnsweredAt! - a.csatAnsweredAt!)
      .map((t) => ({ ticketNumber: t.number, score: t.csatScore!, comment: input.csatComments.get(t.number) ?? null, answeredAt: t.csatAnsweredAt! })),
    churnTrend: tickets
      .filter((t) => t.churnRisk !== null)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((t) => ({ ticketNumber: t.number, at: t.createdAt, churnRisk: t.churnRisk! })),
    hidden: { tickets: input.tickets.length - tickets.length, feedback: input.feedback.length - feedback.length },
    truncated: input.tickets.length >= CONTEXT_LIMIT || input.feedback.length >= CONTEXT_LIMIT,
  };
}
