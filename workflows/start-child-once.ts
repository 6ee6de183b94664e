// A child workflow whose id makes it once-only (a ticket, an intake): "already started" means an
// earlier attempt of this workflow task, or another starter, started it, which is what was wanted.
import { startChild, type ChildWorkflowOptions, type WithWorkflowArgs, type Workflow } from '@temporalio/workflow';

export async function startChildOnce<T extends Workflow>(workflow: T, options: WithWorkflowArgs<T, Omit<ChildWorkflowOptions, 'typeInfo'> & { typeInfo?: never }>): Promise<void> {
  await startChild(workflow, options).catch((err: Error) => {
    if (err.name !== 'WorkflowExecutionAlreadyStartedError') throw err;
  });
}
