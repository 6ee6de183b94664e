// Temporal failures → domain errors (which api/errors.ts maps to HTTP once).
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, DOMAIN_ERROR_CODES, type DomainErrorCode } from '../domain/errors';

export function toDomainError(err: unknown): unknown {
  if (err instanceof WorkflowNotFoundError) return new DomainError('NOT_FOUND', 'Ticket not found');
  const cause = err instanceof WorkflowUpdateFailedError ? err.cause : err;
  if (cause instanceof ApplicationFailure && DOMAIN_ERROR_CODES.includes(cause.type as DomainErrorCode)) {
    const details = (cause.details?.[0] ?? undefined) as Record<string, unknown> | undefined;
    return new DomainError(cause.type as DomainErrorCode, cause.message, details);
  }
  if (err instanceof Error && /workflow execution already completed/i.test(err.message)) {
    return new DomainError('CONFLICT', 'The ticket is closed');
  }
  return err;
}
