// Recognising, in workflow code, an activity that failed because Postgres refused its data (a
// non-retryable DATA_ERROR, activities/data-errors.ts): the workflow records it and carries on.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { DATA_ERROR } from '../domain/errors';

/** The SQLSTATE of an activity failure for refused data, else null. A local activity's non-retryable
 * failure reaches the workflow as the activity's ApplicationFailure itself, not wrapped. */
export function dataErrorOf(e: unknown): string | null {
  const failure = e instanceof ActivityFailure ? e.cause : e;
  if (!(failure instanceof ApplicationFailure) || failure.type !== DATA_ERROR) return null;
  const details = failure.details?.[0] as { sqlState?: unknown } | undefined;
  return typeof details?.sqlState === 'string' ? details.sqlState : 'unknown';
}
