// Builders for ticket-workflow tests: a TicketInput with sensible defaults and the people it names.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import { DEFAULT_TICKET_SETTINGS, ticketWorkflowId, type TicketInput } from '../../domain/ticket';
import { followUpIntakeWorkflow } from '../../workflows/follow-up';
import type { Stack } from './stack';
import type { Patches } from '../../workflows/ticket-state';

let nextNumber = 50_000 + Math.floor(Math.random() * 10_000) * 10;

/** The patches a ticket started by today's workflow code runs with. */
export const NEW_TICKET_PATCHES: Patches = { listenAfterClose: true, reopenWindowByClock: true, statusReopens: true, escalationOwnerByCapacity: true };

export function ticketInput(createdAt: number, over: Partial<TicketInput> = {}): TicketInput {
  return {
    number: nextNumber++,
    feedbackId: null,
    createdAt,
    kind: 'recovery',
    priority: 'medium',
    channel: 'kiosk',
    captureType: 'star',
    score: 1,
    comment: 'The food was cold and nobody came',
    contact: { name: 'Ann Lee', email: 'ann@example.com' },
    branch: 'main',
    service: null,
    ruleId: null,
    ruleName: 'test rule',
    assigneeId: null,
    slaTargets: { firstResponseHours: 2, resolutionHours: 8, nextReplyHours: null },
    calendar: null,
    escalationChain: [],
    settings: { ...DEFAULT_TICKET_SETTINGS },
    repeatDetractor: false,
    csatSurvey: false,
    ...over,
  };
}

export async function insertUser(db: Db, name: string, over: Partial<typeof users.$inferInsert> = {}) {
  const id = randomUUID();
  await db.insert(users).values({ id, email: `${name.toLowerCase()}-${id.slice(0, 6)}@staff.test`, name, passwordHash: 'x', role: 'agent', branches: ['main'], ...over });
  return { id, email: `${name.toLowerCase()}-${id.slice(0, 6)}@staff.test`, name };
}

/** A follow-up of ticket `linked`, opened the way a late customer answer opens one (the follow-up intake). */
export async function openFollowUp(s: Stack, linked: number, email: string, comment: string): Promise<number> {
  const feedbackId = `feedback-email-followup-${randomUUID()}`;
  const result = await s.temporal.env.client.workflow.execute(followUpIntakeWorkflow, {
    taskQueue: s.taskQueue,
    workflowId: feedbackId,
    args: [feedbackId, { channel: 'email', type: 'smile', score: 1, comment, contact: { email } }, Date.now(), linked],
  });
  return result.ticketNumber!;
}

/** Deletes a ticket's workflow as Temporal does past its retention: from then on only the read model knows it. */
export async function forgetWorkflow(s: Stack, n: number): Promise<void> {
  const { client } = s.temporal.env;
  await client.workflowService.deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: { workflowId: ticketWorkflowId(n) } });
  // Deletion is asynchronous: wait until the workflow no longer answers.
  await s.eventually(async () => {
    try {
      await client.workflow.getHandle(ticketWorkflowId(n)).describe();
      return false;
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return true;
      throw e;
    }
  });
}
