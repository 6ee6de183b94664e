// Read-model rows → the API's ticket shapes (api/ticket-schemas.ts). The one place that turns stored
// columns back into a TicketView, so a ticket looks the same whether its workflow answers or not.
import type { tickets, ticketEvents } from '../db/schema';
import type { summaryColumns } from '../db/ticket-list';
import { upgradeAnalysis } from '../domain/ai';
import { manualTransitions } from '../domain/lifecycle';
import type { TicketView, TimelineEntry } from '../domain/ticket-view';
import type { TicketSummary } from './ticket-schemas';

type TicketRow = typeof tickets.$inferSelect;
type TimelineRow = typeof ticketEvents.$inferSelect;

const ms = (d: Date | null) => (d === null ? null : d.getTime());

/** The workflow's own view, in today's shape. */
export function liveViewOf(live: TicketView): TicketView {
  // Surveys sent before the CSAT comment existed carry no comment / reason keys.
  return { ...live, csat: live.csat && { ...live.csat, comment: live.csat.comment ?? null, reasonId: live.csat.reasonId ?? null } };
}

/**
 * The live view when the workflow answered, else the view rebuilt from the row the workflow last
 * projected. The read model does not keep allowedTransitions (empty: no workflow takes a command),
 * lastActor, csat.comment and csat.reasonId (null; the timeline keeps the CSAT answer).
 */
export function ticketViewOf(row: TicketRow, live: TicketView | null): TicketView {
  if (live) return liveViewOf(live);
  return {
    number: row.number,
    workflowId: row.workflowId,
    feedbackId: row.feedbackId,
    status: row.status,
    priority: row.priority,
    kind: row.kind,
    channel: row.channel,
    captureType: row.captureType,
    score: row.score,
    title: row.title,
    comment: row.comment,
    contact: row.contact,
    branch: row.branch,
    service: row.service,
    ruleId: row.ruleId,
    assigneeId: row.assigneeId,
    escalationLevel: row.escalationLevel,
    escalationExhausted: row.escalationExhausted,
    breached: row.breached,
    sla: row.sla,
    allowedTransitions: [],
    rootCauseId: row.rootCauseId,
    actionId: row.actionId,
    resolutionNote: row.resolutionNote,
    ai: row.ai && upgradeAnalysis(row.ai),
    csat:
      row.csatSentAt === null
        ? null
        : { sentAt: row.csatSentAt.getTime(), score: row.csatScore, answeredAt: ms(row.csatAnsweredAt), recovered: row.csatRecovered, comment: null, reasonId: null },
    reopenCount: row.reopenCount,
    linkedTicketNumber: row.linkedTicketNumber,
    replyToken: row.replyToken,
    locale: row.locale,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    firstRespondedAt: ms(row.firstRespondedAt),
    resolvedAt: ms(row.resolvedAt),
    closedAt: ms(row.closedAt),
    lastActor: null,
    version: row.version,
    metrics: {
      firstResponseBusinessMs: row.firstResponseMs,
      resolutionBusinessMs: row.resolutionMs,
      firstResponseSla: row.firstResponseSla,
      resolutionSla: row.resolutionSla,
      maxEscalationLevel: row.maxEscalationLevel,
      repeatDetractor: row.repeatDetractor,
    },
  };
}

/**
 * The view of an open ticket from the read model alone (the ticket page after a live event, with no
 * workflow query): its workflow runs, so the moves are the lifecycle's for its status.
 */
export function readModelViewOf(row: TicketRow): TicketView {
  return { ...ticketViewOf(row, null), allowedTransitions: manualTransitions(row.status) };
}

export function ticketSummaryOf(row: Pick<TicketRow, keyof typeof summaryColumns>): TicketSummary {
  return {
    ...row,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
    firstRespondedAt: ms(row.firstRespondedAt),
    resolvedAt: ms(row.resolvedAt),
    closedAt: ms(row.closedAt),
  };
}

export function timelineEntryOf(row: TimelineRow): TimelineEntry {
  return { ...row, at: row.at.getTime() };
}
