// The CSAT survey as the public page sees it, and the second-answer policy in words. Types only (the
// workflow imports them with `import type`); the rules are in workflows/ticket-csat.ts.
//
// Second answers (answers through the survey page, patch `csat-answer-policy`):
// - A GET of the survey page records nothing; only the customer's POST answers.
// - The first answer is recorded at once. What it does to the ticket (1–2 reopen it and tell the
//   assignee, 4–5 close it, 3 waits for the follow-up window) happens when the change window ends
//   (setting tickets.csatChangeMinutes, 15 by default; 0: at once, and no change of mind), with the
//   answer on record then, and only if the ticket is still resolved.
// - Within that window the customer may change their mind: a new score replaces the one on record
//   (a comment or reason sent with it replaces theirs too).
// - After the window the score stands: a different score is refused (409, and the page says what is on
//   record); the comment (or reason) may still follow once, within a day of the answer, as before.
// - Sending the same answer again changes nothing and is not an error (a double click).
// - A survey whose follow-up window ended unanswered is closed (410); an answer before the survey is
//   recorded as sent is refused as "not ready" (503), never held.

/** How long after the first answer the customer may still change it (and the consequence waits), when
 * the ticket's settings do not say (tickets started before the setting existed). */

/** The reason on the timeline when an unhappy answer reopens the ticket (notifications key on it). */
export const UNHAPPY_CSAT_REOPEN = 'unhappy CSAT answer';
export const DEFAULT_CSAT_CHANGE_MINUTES = 15;
export const csatChangeWindowMs = (settings: { csatChangeMinutes?: number }) => (settings.csatChangeMinutes ?? DEFAULT_CSAT_CHANGE_MINUTES) * 60_000;

export type CsatSurveyState =
  | 'unknown' // not this ticket's current survey (forged, or replaced by a later survey)
  | 'pending' // the survey mail is on its way; its bookkeeping is not done yet
  | 'open' // waiting for the answer
  | 'answered'
  | 'closed'; // the follow-up window ended without an answer

/** What a survey link may know of its ticket (a workflow query: no history, nothing recorded). */
export interface CsatSurvey {
  state: CsatSurveyState;
  ticketNumber: number;
  captureType: 'smile' | 'star' | 'nps' | null;
  locale: string | null;
  branch: string | null;
  score: number | null;
  answeredAt: number | null;
  /** Until when a different score replaces the one on record (epoch ms); null when not answered. */
  changeUntil: number | null;
  /** Until when a comment may still follow the score; 0 when one is on record or none is expected. */
  commentUntil: number;
  followUpDays: number;
}

export type CsatReceiptOutcome = 'scored' | 'changed' | 'commented' | 'unchanged';

/** The answer of the csatAnswer update: what the workflow did, and the survey now. */
export interface CsatReceipt {
  outcome: CsatReceiptOutcome;
  survey: CsatSurvey;
}

/** Why an answer was refused (details of the update's DomainError). */
export type CsatRefusal = 'not_ready' | 'closed' | 'already_answered';
