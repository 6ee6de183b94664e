// Message definitions of the ticket workflow, shared by the workflow and its callers (API, mail reader).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AssignCommand,
  CommentCommand,
  CsatAnswer,
  CustomerMessage,
  GoogleRatingChange,
  PriorityCommand,
  ReopenCommand,
  ResolveCommand,
  StatusCommand,
  WithActor,
} from '../domain/ticket';
import type { CsatReceipt, CsatSurvey } from '../domain/csat';
import type { TicketView } from '../domain/ticket-view';

export const ticketStateQuery = defineQuery<TicketView>('ticketState');
/** The survey behind a token, for its public page: a query, so opening a link records nothing. */
export const csatSurveyQuery = defineQuery<CsatSurvey, [string]>('csatSurvey');

export const addCommentUpdate = defineUpdate<TicketView, [WithActor<CommentCommand>]>('addComment');
export const changeStatusUpdate = defineUpdate<TicketView, [WithActor<StatusCommand>]>('changeStatus');
export const assignUpdate = defineUpdate<TicketView, [WithActor<AssignCommand>]>('assign');
export const changePriorityUpdate = defineUpdate<TicketView, [WithActor<PriorityCommand>]>('changePriority');
export const resolveUpdate = defineUpdate<TicketView, [WithActor<ResolveCommand>]>('resolve');
export const reopenUpdate = defineUpdate<TicketView, [WithActor<ReopenCommand>]>('reopen');
/** An answer sent from the survey page: validated (token, window, policy: domain/csat.ts) before it enters history. */
export const csatAnswerUpdate = defineUpdate<CsatReceipt, [CsatAnswer]>('answerCsat');
/** Removes the owner's reply to the Google review behind the ticket. */
export const deleteGoogleReplyUpdate = defineUpdate<TicketView, [{ actor: { id: string; name: string } }]>('deleteGoogleReply');
export const reanalyseUpdate = defineUpdate<TicketView, [{ actor: { id: string; name: string } }]>('reanalyse');

/** No verdict needed: inbound email (deduped by Message-ID). csatAnswer is how older tickets were answered
 * (one-click GET links); kept so their histories replay, no longer sent. */
export const customerMessageSignal = defineSignal<[CustomerMessage]>('customerMessage');
/** From the Google reviews poll (deduplicated by review and updateTime). */
export const googleRatingSignal = defineSignal<[GoogleRatingChange]>('googleRatingChanged');
export const csatAnswerSignal = defineSignal<[CsatAnswer]>('csatAnswer');
