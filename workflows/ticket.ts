// One long-running workflow per ticket: the authority for its state. Handlers are one-liners onto
// TicketState; the main loop sleeps on a durable timer until the next SLA/escalation/follow-up
// instant or until a message arrives, then carries out the effects the state queued.
import {
  type ActivityOptions,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair, UpdateDefinition } from '@temporalio/common';
import type { Activities } from '../activities';
import { dataErrorOf } from './data-errors';
import { DomainError } from '../domain/errors';
import type { TicketInput } from '../domain/ticket';
import {
  checkAssignCommand,
  checkCommentCommand,
  checkPriorityCommand,
  checkReopenCommand,
  checkResolveCommand,
  checkStatusCommand,
} from '../domain/ticket-commands';
import { SA } from './search-attributes';
import {
  addCommentUpdate,
  assignUpdate,
  changePriorityUpdate,
  changeStatusUpdate,
  csatAnswerSignal,
  csatAnswerUpdate,
  csatSurveyQuery,
  customerMessageSignal,
  deleteGoogleReplyUpdate,
  googleRatingSignal,
  reanalyseUpdate,
  reopenUpdate,
  resolveUpdate,
  ticketStateQuery,
} from './ticket-messages';
import { patchGate } from './patch-baseline';
import { TicketState, type Effect, type Patches, type TicketData } from './ticket-state';
import type { TicketView } from '../domain/ticket-view';
import type { CsatReceipt } from '../domain/csat';

const ACTIVITY_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};
const acts = proxyActivities<Activities>(ACTIVITY_OPTIONS);
/** A one-line summary on the activity's events in the Temporal UI (metadata only, so replay-safe). */
const titled = (summary: string): ActivityOptions => ({ ...ACTIVITY_OPTIONS, summary });

/** Effects that may run side by side (escalation-fewer-tasks): neither reads what the other changes. */
const SIDE_BY_SIDE = new Set<Effect['type']>(['pick_escalation_owner', 'notify_escalation']);

/** Continue-as-new well before Temporal's own limits; state, timers and dedupe sets travel along. */
const MAX_HISTORY_EVENTS = 5_000;

/** Validators must throw synchronously; domain errors become failures the API maps back to 4xx. */
function rejectInvalid(check: () => void): void {
  try {
    check();
  } catch (e) {
    if (e instanceof DomainError) {
      throw ApplicationFailure.create({ type: e.code, message: e.message, details: [e.details ?? {}], nonRetryable: true });
    }
    throw e;
  }
}

export async function ticketWorkflow(input: TicketInput, carried?: TicketData): Promise<TicketView> {
  const isPatched = patchGate(input.patchBaseline);
  // TicketState's patches (see Patches): evaluated at the start of every run, where they always were.
  const patches: Patches = {
    listenAfterClose: isPatched('listen-after-close'),
    reopenWindowByClock: isPatched('reopen-window-by-clock'),
    statusReopens: isPatched('status-reopened-reopens'),
    escalationOwnerByCapacity: isPatched('escalation-owner-capacity'),
  };
  const t = carried ? TicketState.restore(carried, patches) : TicketState.create(input, patches);
  let dirty = false;
  // Tickets started with their search attributes (the intake does) keep them current for the Temporal UI;
  // a server without them registered (the time-skipping test server) gets none.
  const indexed = workflowInfo().typedSearchAttributes.get(SA.ticketNumber) !== undefined;
  // Declared before the handlers: an update that came with the run's first task runs inside setHandler()
  // and projects at once.
  let projecting: Promise<void> = Promise.resolve();

  const now = () => Date.now(); // workflow time: deterministic on replay
  const apply = async (fn: () => void) => {
    fn();
    t.tick(now());
    dirty = true;
    await project(); // the caller reads its own write from the read model
    return t.view();
  };
  /** An update: its validator checks the command's shape (domain/ticket-commands: no zod in the workflow)
   * and asks the state (synchronously, before anything enters history); its handler changes the state,
   * then projects it and answers with the new view. */
  function onUpdate<C>(update: UpdateDefinition<TicketView, [C]>, shape: ((cmd: unknown) => void) | null, check: (cmd: C) => void, change: (cmd: C) => void) {
    setHandler(update, (cmd: C) => apply(() => change(cmd)), { validator: (cmd: C) => rejectInvalid(() => { shape?.(cmd); check(cmd); }) });
  }

  setHandler(ticketStateQuery, () => t.view());
  onUpdate(addCommentUpdate, checkCommentCommand, () => t.validateOpen('comment on'), (cmd) => t.addComment(cmd, now()));
  onUpdate(changeStatusUpdate, checkStatusCommand, (cmd) => t.validateStatus(cmd, now()), (cmd) => t.changeStatus(cmd, now()));
  onUpdate(assignUpdate, checkAssignCommand, (cmd) => t.validateAssign(cmd), (cmd) => t.assign(cmd, now()));
  onUpdate(changePriorityUpdate, checkPriorityCommand, () => t.validateOpen('re-prioritise'), (cmd) => t.changePriority(cmd, now()));
  onUpdate(resolveUpdate, checkResolveCommand, (cmd) => t.validateResolve(cmd), (cmd) => t.resolve(cmd, now()));
  onUpdate(reopenUpdate, checkReopenCommand, () => t.validateReopen(now()), (cmd) => t.reopen(cmd, now()));
  onUpdate(reanalyseUpdate, null, () => t.validateOpen('analyse'), () => t.requestAnalysis('requested by agent'));
  // Added with replies on Google: only new commands reach it, so running tickets replay unchanged.
  onUpdate(deleteGoogleReplyUpdate, null, () => t.validateDeleteGoogleReply(), (cmd) => t.deleteGoogleReply(cmd.actor));
  setHandler(googleRatingSignal, (change) => { if (t.googleRatingChanged(change, now())) dirty = true; }); // false: a duplicate
  setHandler(customerMessageSignal, (msg) => { if (t.customerMessage(msg, now())) dirty = true; }); // false: a duplicate
  // A fast click can arrive while the survey activity is still completing; older tickets dropped it.
  setHandler(csatAnswerSignal, (answer) => { t.csatAnswer(answer, now(), isPatched('csat-early-answer')); dirty = true; });
  // Answers from the survey page: refused in the validator (nothing enters history) or recorded and
  // projected before the page says so. csat-answer-policy: a change of mind within the window replaces
  // the answer and its consequence waits for the window (domain/csat.ts); without the patch the
  // answer works as the older signal did.
  setHandler(csatSurveyQuery, (token) => t.csatSurvey(token));
  setHandler(
    csatAnswerUpdate,
    async (answer) => {
      if (!isPatched('csat-answer-policy')) {
        await apply(() => t.csatAnswer(answer, now(), true));
        return { outcome: 'scored', survey: t.csatSurvey(answer.token) };
      }
      let receipt: CsatReceipt | null = null;
      await apply(() => (receipt = t.submitCsat(answer, now())));
      return receipt!;
    },
    { validator: (answer) => rejectInvalid(() => t.validateCsatAnswer(answer, now())) },
  );

  /** One projection of the unprojected events; a data error Postgres refuses is recorded, not retried for ever. */
  async function projectOnce(): Promise<void> {
    const events = t.unprojected();
    const view = t.view();
    await acts.projectTicket.executeWithOptions(titled(`read model: #${view.number} ${view.status}, ${events.length} new event(s)`), [view, events]);
    if (events.length) t.markProjected(events[events.length - 1].seq);
  }

  /**
   * False when the read model could not take this state. data-error-backstop: a write Postgres refuses
   * (DATA_ERROR, activities/data-errors.ts) used to be retried without end and wedged the ticket; now the
   * state's unstorable text is replaced, the failure goes on the timeline and to the admins, and the save
   * is tried once more. If that fails too, these events are given up on (the workflow keeps them in its
   * history), so every later command still works.
   */
  async function saveToReadModel(): Promise<boolean> {
    try {
      await projectOnce();
      t.saveSucceeded();
      return true;
    } catch (e) {
      const sqlState = dataErrorOf(e);
      if (sqlState === null || !isPatched('data-error-backstop')) throw e;
      t.saveFailed(sqlState, now());
    }
    try {
      await projectOnce();
      return true;
    } catch (e) {
      if (dataErrorOf(e) === null) throw e;
      const pending = t.unprojected();
      if (pending.length) t.markProjected(pending[pending.length - 1].seq);
      return false;
    }
  }

  async function project(): Promise<void> {
    // Serialise projections so events reach Postgres in order; each call is idempotent anyway.
    projecting = projecting.then(async () => {
      const saved = await saveToReadModel();
      if (!indexed || !saved) return;
      const view = t.view();
      const pairs: SearchAttributeUpdatePair[] = [
        { key: SA.status, value: view.status },
        { key: SA.priority, value: view.priority },
        { key: SA.branch, value: view.branch ?? '' },
        { key: SA.service, value: view.service ?? '' },
        { key: SA.assignee, value: view.assigneeId ?? '' },
        { key: SA.escalationLevel, value: view.escalationLevel },
        { key: SA.breached, value: view.breached },
        { key: SA.ticketNumber, value: view.number },
      ];
      // search-attributes-when-changed: only what differs from the workflow's current attributes (each
      // upsert is a history event and a visibility write on the server); before, all of them every time.
      if (!isPatched('search-attributes-when-changed')) return upsertSearchAttributes(pairs);
      const current = workflowInfo().typedSearchAttributes;
      const changed = pairs.filter((p) => current.get(p.key) !== p.value);
      if (changed.length) upsertSearchAttributes(changed);
    });
    return projecting;
  }

  /** Carries out one effect's activity; what it did is applied to the state by the returned step, so
   * effects run side by side still change the state in the order they were queued. */
  async function performEffect(effect: Effect): Promise<() => void> {
    const at = now();
    const view = t.view();
    switch (effect.type) {
      case 'analyse': {
        // The newest customer message may not be projected yet, so it travels along.
        const ai = await acts.analyseTicket.executeWithOptions(titled(`AI analysis of #${view.number}`), [view, effect.message === undefined ? {} : { message: effect.message }]);
        return () => { if (ai) t.recordAi(ai, now()); };
      }
      case 'pick_escalation_owner': {
        const pick = await acts.pickEscalationOwner.executeWithOptions(titled(`escalation L${effect.level}: pick the owner among ${effect.candidates.length}`), [view.number, effect.candidates, view.assigneeId]);
        return () => t.applyEscalationOwner(effect.level, pick, now());
      }
      case 'notify_escalation': {
        const sent = await acts.notifyEscalation.executeWithOptions(titled(`escalation L${effect.level}: notify ${effect.users.length} user(s)`), [view, effect.level, effect.users]);
        return () => t.recordEffect('notification_sent', at, { level: effect.level, recipients: sent });
      }
      case 'notify_unassigned': {
        const sent = await acts.notifyUnassigned.executeWithOptions(titled('nobody available: notify level 1'), [view, input.escalationChain.find((l) => l.level === 1)?.users ?? []]);
        return () => t.recordEffect('notification_sent', at, { level: 1, recipients: sent }, 'no available assignee');
      }
      case 'send_reply': {
        const out = await acts.sendPublicReply.executeWithOptions(titled(`public reply by ${effect.actor.name} to the customer`), [view, effect.seq, effect.body, effect.actor]);
        // A Google review's ticket is answered on Google (the activity says which it did).
        return () => { if (out) t.recordEffect('kind' in out ? out.kind : 'email_out', at, out, 'kind' in out ? out.error ?? null : null); };
      }
      case 'delete_google_reply': {
        const out = await acts.deleteGoogleReply.executeWithOptions(titled('delete the reply on Google'), [view, effect.seq]);
        return () => t.recordEffect(out.kind, at, { ...out, by: effect.actor.name }, out.error ?? null);
      }
      case 'send_csat': {
        const out = await acts.sendCsatSurvey.executeWithOptions(titled('CSAT survey to the customer'), [view]);
        // The optional reminder is a timer added after tickets were already running: patched.
        return () => { if (out) t.markCsatSent(out.token, now(), input.settings.csatReminder && isPatched('csat-reminder')); };
      }
      case 'send_csat_reminder': {
        const out = await acts.sendCsatReminder.executeWithOptions(titled('CSAT reminder to the customer'), [view]);
        return () => { if (out) t.recordEffect('email_out', at, { ...out, kind: 'csat_reminder' }); };
      }
      case 'notify_assignee': {
        // Added after tickets were already running: their histories have no such activity here.
        if (!isPatched('notify-assignee-on-unhappy-csat')) return () => undefined;
        const sent = await acts.notifyAssignee.executeWithOptions(titled(`notify the assignee: ${effect.reason}`), [view, effect.reason]);
        return () => t.recordEffect('notification_sent', at, { recipients: sent }, effect.reason);
      }
      case 'notify_save_failed': {
        const sent = await acts.notifySaveFailure.executeWithOptions(titled(`tell the admins: #${view.number} could not be saved`), [{ ticketNumber: view.number, seq: effect.seq, sqlState: effect.sqlState }]);
        return () => t.recordEffect('notification_sent', at, { recipients: sent }, 'could not save the ticket');
      }
      case 'send_advocacy_ask': {
        const out = await acts.sendAdvocacyAsk.executeWithOptions(titled('review invitation to the customer'), [view]);
        return () => t.recordEffect('advocacy_ask', at, out, out.sent ? null : out.reason);
      }
    }
  }

  /** data-error-backstop: an effect whose activity Postgres refuses for its data is recorded (timeline,
   * admins) and skipped; before, it failed the ticket's workflow — or, retried, wedged it. */
  function recordFailedEffect(effect: Effect, e: unknown): void {
    const sqlState = dataErrorOf(e);
    if (sqlState === null || !isPatched('data-error-backstop')) throw e;
    if (effect.type !== 'notify_save_failed') t.saveFailed(sqlState, now()); // else: no loop of notices
  }

  async function runEffectOrRecord(effect: Effect): Promise<void> {
    try {
      (await performEffect(effect))();
    } catch (e) {
      recordFailedEffect(effect, e);
    }
  }

  /** escalation-fewer-tasks: an escalation's owner pick and its notification do not depend on each other
   * (the notice names the ticket, not its owner), so their activities run side by side; what they did is
   * applied in the order they were queued, so the timeline reads the same. */
  async function runSideBySide(effects: Effect[]): Promise<void> {
    const done = await Promise.allSettled(effects.map((e) => performEffect(e)));
    done.forEach((d, i) => {
      if (d.status === 'rejected') return recordFailedEffect(effects[i], d.reason);
      try {
        d.value();
      } catch (e) {
        recordFailedEffect(effects[i], e);
      }
    });
  }

  async function runEffects(effects: Effect[]): Promise<void> {
    for (let i = 0; i < effects.length; ) {
      let j = i;
      while (j < effects.length && SIDE_BY_SIDE.has(effects[j].type)) j++;
      if (j - i > 1 && isPatched('escalation-fewer-tasks')) {
        await runSideBySide(effects.slice(i, j));
        i = j;
      } else {
        await runEffectOrRecord(effects[i]);
        i += 1;
      }
    }
  }

  // An advocacy ask that cannot go out (no e-mail address) is on the timeline too; tickets started
  // before this patch recorded nothing for it.
  if (!carried && input.kind === 'advocacy' && !input.contact.email && isPatched('advocacy-ask-recorded-without-email')) {
    t.recordEffect('advocacy_ask', input.createdAt, { sent: false, reason: 'no e-mail address' }, 'no e-mail address');
  }
  await project();
  for (;;) {
    const effects = t.takeEffects();
    if (effects.length) {
      await runEffects(effects);
      dirty = true;
    }
    t.tick(now());
    // escalation-fewer-tasks: what the tick queued (an escalation's owner pick and notification) is carried
    // out first, so one projection takes the escalation, the new owner and the notice to the read model
    // (before: one projection before the effects and one after).
    if (t.hasEffects() && isPatched('escalation-fewer-tasks')) continue;
    if (dirty || t.unprojected().length) {
      dirty = false;
      await project();
    }
    if (t.isSettled(now())) break;
    if (workflowInfo().historyLength > (input.maxHistoryEvents ?? MAX_HISTORY_EVENTS) || workflowInfo().continueAsNewSuggested) {
      await project();
      // Nothing may await between this and the hand-over, or a newly admitted update would be cut off.
      await condition(allHandlersFinished);
      await continueAsNew<typeof ticketWorkflow>(input, t.carryOver());
    }
    const wake = t.nextWake();
    const woke = () => dirty || t.hasEffects();
    if (wake) await condition(woke, Math.max(wake.at - now(), 1), { summary: `${wake.what} at ${new Date(wake.at).toISOString()}` });
    else await condition(woke);
  }
  await condition(allHandlersFinished);
  return t.view();
}
