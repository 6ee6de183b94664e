// Wires workflows and activities into a Temporal worker.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities';

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

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  workflowBundle?: { code: string };
  tuning?: Partial<WorkerOptions>;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts.deps),
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    ...WORKER_TUNING,
    ...opts.tuning,
  });
}
