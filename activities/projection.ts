// Projects the ticket workflow's state into the Postgres read model. Idempotent: a retried call
// never duplicates a timeline event (primary key ticket+seq) and an older snapshot never
// overwrites a newer one (version guard).
import { sql } from 'drizzle-orm';
import { correctedColumns } from '../db/ai-corrections';
import type { Db } from '../db/client';
import { ticketEvents, tickets } from '../db/schema';
import type { TimelineEvent } from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';
import { recordAgentNotifications, sendNotificationMails } from './agent-notifications';
import { ticketChange } from './live-publish';
import { publishLive } from '../db/live-channel';
import type { Mailer } from './mailer';
import { enqueueTicketWebhooks, wakeDispatchers } from './webhook-outbox';
import { observeTicketEvents } from '../platform/metrics';

const date = (ms: number | null | undefined) => (ms == null ? null : new Date(ms));

/** `mail`: where agents' notification mails go (without it they are only shown in the app). */
export function createProjectionActivities(db: Db, publicUrl: string, mail?: { mailer: Mailer; mailDomain: string }) {
  return {
    async projectTicket(view: TicketView, events: TimelineEvent[]): Promise<void> {
      const row = {
        number: view.number,
        workflowId: view.workflowId,
        feedbackId: view.feedbackId,
        status: view.status,
        priority: view.priority,
        kind: view.kind,
        channel: view.channel,
        captureType: view.captureType,
        score: view.score,
        branch: view.branch,
        service: view.service,
        ruleId: view.ruleId,
        assigneeId: view.assigneeId,
        escalationLevel: view.escalationLevel,
        escalationExhausted: view.escalationExhausted,
        breached: view.breached,
        sla: view.sla,
        firstResponseDueAt: date(view.sla.firstResponse.dueAt),
        resolutionDueAt: date(view.sla.resolution.dueAt),
        title: view.title,
        comment: view.comment,
        contact: view.contact,
        ai: view.ai,
        sentiment: view.ai?.sentiment ?? null,
        urgency: view.ai?.urgency ?? null,
        churnRisk: view.ai?.churnRisk ?? null,
        rootCauseId: view.rootCauseId,
        actionId: view.actionId,
        resolutionNote: view.resolutionNote,
        csatScore: view.csat?.score ?? null,
        reopenCount: view.reopenCount,
        linkedTicketNumber: view.linkedTicketNumber,
        replyToken: view.replyToken ?? null,
        locale: view.locale ?? null,
        version: view.version,
        createdAt: new Date(view.createdAt),
        updatedAt: new Date(view.updatedAt),
        firstRespondedAt: date(view.firstRespondedAt),
        resolvedAt: date(view.resolvedAt),
        closedAt: date(view.closedAt),
        firstResponseMs: view.metrics.firstResponseBusinessMs,
        resolutionMs: view.metrics.resolutionBusinessMs,
        firstResponseSla: view.metrics.firstResponseSla,
        resolutionSla: view.metrics.resolutionSla,
        maxEscalationLevel: view.metrics.maxEscalationLevel,
        repeatDetractor: view.metrics.repeatDetractor,
        themes: view.ai?.themes ?? [],
        csatSentAt: date(view.csat?.sentAt),
        csatAnsweredAt: date(view.csat?.answeredAt),
        csatRecovered: view.csat?.recovered ?? null,
      };
      const { hooked, fresh, pendingMail } = await db.transaction(async (tx) => {
        Object.assign(row, await correctedColumns(tx, view.number)); // an agent's correction outlives every new analysis
        const { number: _n, workflowId: _w, ...changes } = row;
        await tx
          .insert(tickets)
          .values(row)
          .onConflictDoUpdate({ target: tickets.number, set: changes, setWhere: sql`${tickets.version} < ${view.version}` });
        let fresh: Array<{ type: string; to: string | null }> = [];
        if (events.length) {
          fresh = await tx
            .insert(ticketEvents)
            .values(
              events.map((e) => ({
                ticketNumber: view.number,
                seq: e.seq,
                type: e.type,
                actorId: e.actor.id,
                actorName: e.actor.name,
                at: new Date(e.at),
                from: e.from ?? null,
                to: e.to ?? null,
                reason: e.reason ?? null,
                data: e.data ?? null,
              })),
            )
            .onConflictDoNothing()
            .returning({ type: ticketEvents.type, to: ticketEvents.to });
        }
        const notified = await recordAgentNotifications(tx, view, events);
        await publishLive(tx, [ticketChange(view, events), ...notified.live]);
        return { hooked: await enqueueTicketWebhooks(tx, view, events, publicUrl), fresh, pendingMail: notified.mail };
      });
      observeTicketEvents(fresh); // only events this call inserted: a retried projection counts nothing twice
      await wakeDispatchers(hooked);
      if (mail) await sendNotificationMails(db, { ...mail, publicUrl }, pendingMail);
    },
  };
}
