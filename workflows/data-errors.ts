// Recognising, in workflow code, an activity that failed because Postgres refused its data (a
// non-retryable DATA_ERROR, activities/data-errors.ts): the workflow records it and carries on.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DATA_ERROR } from '../domain/errors';

/** The SQLSTATE of an activity failure for refused data, else null. */
export function dataErrorOf(e: unknown): string | null {
  if (!(e instanceof ActivityFailure) || !(e.cause instanceof ApplicationFailure) || e.cause.type !== DATA_ERROR) return null;
  const details = e.cause.details?.[0] as { sqlState?: unknown } | undefined;
  return typeof details?.sqlState === 'string' ? details.sqlState : 'unknown';
}
