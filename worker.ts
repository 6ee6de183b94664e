// Wires workflows and activities into a Temporal worker.
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { intakeTaskQueue } from './platform/temporal';

export const workflowsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workflows', 'index.ts');

/**
 * Product defaults. Many tickets falling due at one instant (a Monday-morning SLA storm) is a burst of
 * short workflow tasks: more task slots and pollers that scale with the backlog drain it several times
 * faster than the SDK's fixed 10 pollers (see `npm run bench -- escalation`).
 */
export const WORKER_TUNING: Partial<WorkerOptions> = {
  maxConcurrentWorkflowTaskExecutions: 100,
  workflowTaskPollerBehavior: { type: 'autoscaling', minimum: 2, initial: 5, maximum: 50 },
  activityTaskPollerBehavior: { type: 'autoscaling', minimum: 2, initial: 5, maximum: 50 },
};

const MiB = 2 ** 20;
/** What one cached ticket workflow holds, with room for a long history (measured ~0.2–0.45 MiB:
 * `npm run bench -- workflow-memory`). */
export const CACHED_TICKET_BYTES = 0.5 * MiB;

/**
 * How many workflows the worker keeps cached: as many as fit in three quarters of the memory it has —
 * the V8 heap limit (cached workflows live in it) or the machine's / container's memory, whichever is
 * smaller — after 300 MiB for everything else. An evicted ticket replays its whole history when it next
 * wakes, so a cache that holds every open ticket keeps a burst of them falling due cheap. The SDK's own
 * default assumes ~1.7 MiB per workflow, which a ticket no longer costs.
 */
export function workflowCacheSize(memory = { heapLimit: v8.getHeapStatistics().heap_size_limit, machine: Math.min(process.constrainedMemory?.() || Infinity, os.totalmem()) }): number {
  const usable = Math.min(memory.heapLimit, memory.machine) - 300 * MiB;
  return Math.max(10, Math.floor((usable * 0.75) / CACHED_TICKET_BYTES));
}

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: { code: string } | { codePath: string };
  tuning?: Partial<WorkerOptions>;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts.deps),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    maxCachedWorkflows: workflowCacheSize(),
    ...WORKER_TUNING,
    ...opts.tuning,
  });
}

/**
 * The second worker, in the same process, on `<taskQueue>-intake`: new feedback's intake workflows
 * (one workflow task each, with its local activity), `concurrency` at a time. Under a burst the server
 * then spends its CPU on accepting (each accept is a workflow start) and the evaluation — and the tickets
 * it opens, which run on the main queue — drains behind it with a bounded lag, as a queue-based intake
 * does. The main worker registers the intake workflow too, so intakes started on the main queue (before
 * this queue existed) still finish there.
 */
export async function createIntakeWorker(opts: Omit<Parameters<typeof createWorker>[0], 'tuning'> & { concurrency: number }): Promise<Worker> {
  const { concurrency, ...rest } = opts;
  return Worker.create({
    connection: rest.connection,
    namespace: rest.namespace,
    taskQueue: intakeTaskQueue(rest.taskQueue),
    // Tickets and webhook dispatchers the intake starts run on the main queue; the intake's fallback path
    // (data errors) uses activity tasks on this one.
    activities: createActivities({ ...rest.deps, mainTaskQueue: rest.taskQueue }),
    ...(rest.workflowBundle ? { workflowBundle: rest.workflowBundle } : { workflowsPath }),
    // An intake finishes in its first workflow task: nothing to keep cached, so no sticky queue either
    // and every poller takes new intakes.
    maxCachedWorkflows: 0,
    maxConcurrentWorkflowTaskExecutions: concurrency,
    maxConcurrentLocalActivityExecutions: concurrency,
    maxConcurrentActivityTaskExecutions: concurrency,
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: Math.max(2, concurrency) },
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: 2 },
  });
}
