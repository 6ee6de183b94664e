// Wires workflows and activities into a Temporal worker.
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';
import { workflowBundlerOptions } from './platform/workflow-bundle';

export const workflowsPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'workflows', 'index.ts');

/**
 * Product defaults. Many tickets falling due at one instant (a Monday-morning SLA storm) is a burst of
 * short workflow tasks: pollers that scale with the backlog drain it several times faster than the SDK's
 * fixed 10 pollers. The workflow thread runs one activation at a time, so 20 task slots keep it busy
 * without holding tasks it cannot start. The sticky queue's schedule-to-start timeout is 30 s, not the
 * SDK's 10 s: in a burst a task queued behind the backlog for 10 s was moved to the shared queue, behind
 * the whole backlog again, and replayed from its full history there — that was the burst's tail. The
 * price: tasks on a crashed worker's sticky queue wait up to 30 s before another worker takes them.
 * `npm run bench -- escalation 1000 --explain`, README "Performance" (issue 20).
 */
export const WORKER_TUNING: Partial<WorkerOptions> = {
  maxConcurrentWorkflowTaskExecutions: 20,
  stickyQueueScheduleToStartTimeout: '30s',
  workflowTaskPollerBehavior: { type: 'autoscaling', minimum: 2, initial: 5, maximum: 50 },
  activityTaskPollerBehavior: { type: 'autoscaling', minimum: 2, initial: 5, maximum: 50 },
};

const MiB = 2 ** 20;
/** What one cached ticket workflow may hold: an open ticket measures 0.04–0.12 MiB of heap with the
 * workflow modules preloaded (`npm run bench -- workflow-memory`); the rest is room for a long history's
 * state, so a ticket with years of events still fits the budget. */
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
    // A prebuilt bundle carries its bundler options (platform/workflow-bundle.ts): it must have been built with these.
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath, bundlerOptions: workflowBundlerOptions }),
    maxCachedWorkflows: workflowCacheSize(),
    ...WORKER_TUNING,
    ...opts.tuning,
  });
}
