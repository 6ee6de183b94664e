// Patches a workflow may take as applied without asking. patched() records a marker the first time a
// workflow asks, and sdk-core upserts the TemporalChangeVersion search attribute with it: two history
// events and a visibility write on the server per patch per workflow. A new ticket paid that six times
// (four at its start, the first projection, the first escalation) and every intake once, for code paths
// every new workflow takes anyway. A workflow started with `patchBaseline: 1` takes the patches of
// baseline 1 as applied and asks nothing; one started before baselines (none in its input) asks
// patched() as it always did, so saved and running histories replay unchanged (test/workflows/replay).
// A baseline never changes once shipped: a later patch is asked with patched() as usual, and a later
// baseline lists it with a fixture of its own.
import { patched } from '@temporalio/workflow';

const BASELINES: ReadonlyArray<ReadonlySet<string>> = [
  new Set(),
  new Set([
    // ticket workflow
    'listen-after-close',
    'reopen-window-by-clock',
    'status-reopened-reopens',
    'escalation-owner-capacity',
    'csat-early-answer',
    'csat-answer-policy',
    'data-error-backstop',
    'search-attributes-when-changed',
    'csat-reminder',
    'notify-assignee-on-unhappy-csat',
    'escalation-fewer-tasks',
    'advocacy-ask-recorded-without-email',
    // intake workflow
    'intake-local-activity',
  ]),
];

/** patched() for a workflow started with `baseline`: the baseline's patches are applied without a marker. */
export function patchGate(baseline: number | undefined): (patchId: string) => boolean {
  const applied = BASELINES[baseline ?? 0];
  // Started by newer code than this worker's: fail the workflow task (retried) until a newer worker takes it.
  if (!applied) throw new Error(`patch baseline ${baseline} is newer than this worker's code`);
  return (patchId) => applied.has(patchId) || patched(patchId);
}
