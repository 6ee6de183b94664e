// Message definitions of the ticket workflow, shared by the workflow and its callers (API, mail reader).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignCommand,
  CommentCommand,
  CsatAnswer,
  CustomerMessage,
  PriorityCommand,
  ReopenCommand,
  ResolveCommand,
  StatusCommand,
  WithActor,
} from '../domain/ticket';
import type { TicketView } from '../domain/ticket-view';

export const ticketStateQuery = defineQuery<TicketView>('ticketState');

export const addCommentUpdate = defineUpdate<TicketView, [WithActor<CommentCommand>]>('addComment');
export const changeStatusUpdate = defineUpdate<TicketView, [WithActor<StatusCommand>]>('changeStatus');
export const assignUpdate = defineUpdate<TicketView, [WithActor<AssignCommand>]>('assign');
export const changePriorityUpdate = defineUpdate<TicketView, [WithActor<PriorityCommand>]>('changePriority');
export const resolveUpdate = defineUpdate<TicketView, [WithActor<ResolveCommand>]>('resolve');
export const reopenUpdate = defineUpdate<TicketView, [WithActor<ReopenCommand>]>('reopen');
export const reanalyseUpdate = defineUpdate<TicketView, [{ actor: { id: string; name: string } }]>('reanalyse');

/** No verdict needed: inbound email (deduped by Message-ID) and CSAT answers (single-use token). */
export const customerMessageSignal = defineSignal<[CustomerMessage]>('customerMessage');
export const csatAnswerSignal = defineSignal<[CsatAnswer]>('csatAnswer');
