// zod schemas of the ticket's vocabulary for what comes from outside (API bodies, rules, settings). The
// types are hand-written in domain/ticket.ts, which the workflow bundle imports without zod; each schema
// here is checked to produce exactly its type. The workflow's own update validators, which must agree
// with these, are domain/ticket-commands.ts (domain/ticket-commands.test.ts compares them).
import { pgInt } from './ids';
import { notBlankText, safeText } from './text';
import { z } from 'zod';
import type { Actor, AssignCommand, CommentCommand, EscalationLevel, PriorityCommand, ReopenCommand, ResolveCommand, SlaTargets, StatusCommand } from './ticket';
import { prioritySchema, ticketStatusSchema } from './types';
import type { SameType } from './same-type';

/** Ten years: far beyond any service level, well inside what a date holds. An unbounded target (1e300
 * hours) made every due date of a new ticket an Invalid Date its projection could never write. */
export const MAX_SLA_HOURS = 87_600;
/** Hours of an SLA target or an escalation delay. */
export const slaHours = () => z.number().positive().max(MAX_SLA_HOURS, `at most ${MAX_SLA_HOURS} hours (ten years)`);

export const slaTargetsSchema = z.object({
  firstResponseHours: slaHours(),
  resolutionHours: slaHours(),
  nextReplyHours: slaHours().nullable().default(null),
});

export const escalationUserSchema = z.object({
  userId: z.string(),
  channel: z.enum(['email', 'slack']),
  slackTarget: z.string().optional(),
});
export const escalationLevelSchema = z.object({
  level: pgInt({ min: 1 }),
  afterHours: slaHours(),
  users: z.array(escalationUserSchema).min(1),
});

export const actorSchema = z.object({ id: z.string(), name: z.string() });

export const commentCommandSchema = z.object({
  body: notBlankText(20_000, { safe: true, message: 'body must not be empty' }),
  visibility: z.enum(['public', 'internal']),
});
export const statusCommandSchema = z.object({ to: ticketStatusSchema, reason: safeText().max(2000).optional() });
export const assignCommandSchema = z.object({
  userId: z.string().min(1).nullable(),
  expectedAssigneeId: z.string().min(1).nullable().optional().describe('Only if the ticket is still assigned to this user (null: unassigned); 409 otherwise. An agent\'s take always carries it'),
});
export const priorityCommandSchema = z.object({ priority: prioritySchema, reason: safeText().max(2000).optional() });
export const resolveCommandSchema = z.object({
  rootCauseId: z.string().min(1, 'a root cause is required'),
  actionId: z.string().min(1, 'an action taken is required'),
  note: safeText().max(20_000).optional(),
});
export const reopenCommandSchema = z.object({ reason: safeText().max(2000).optional() });

// Schema and hand-written type must not drift (a mismatch fails the type check here).
export const schemasMatchTypes: [
  SameType<z.infer<typeof slaTargetsSchema>, SlaTargets>,
  SameType<z.infer<typeof escalationLevelSchema>, EscalationLevel>,
  SameType<z.infer<typeof actorSchema>, Actor>,
  SameType<z.infer<typeof commentCommandSchema>, CommentCommand>,
  SameType<z.infer<typeof statusCommandSchema>, StatusCommand>,
  SameType<z.infer<typeof assignCommandSchema>, AssignCommand>,
  SameType<z.infer<typeof priorityCommandSchema>, PriorityCommand>,
  SameType<z.infer<typeof resolveCommandSchema>, ResolveCommand>,
  SameType<z.infer<typeof reopenCommandSchema>, ReopenCommand>,
] = [true, true, true, true, true, true, true, true, true];
