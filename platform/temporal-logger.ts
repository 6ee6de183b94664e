// The Temporal SDK's own log lines (worker lifecycle, activity and workflow task failures, the Rust core,
// and what workflows and activities log through `log`) go through the process's pino logger, so they
// are JSON, share its level and its scrubbing of customer data from error texts.
import type { LogLevel as SdkLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/common';
import type { Logger } from 'pino';

const LEVELS: Record<SdkLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' };

/** Implements the SDK's Logger on a pino logger. An `error` in the metadata is logged as `err`
 * (serialised by platform/logger.ts's safeError); the rest are the SDK's ids (workflowId, runId,
 * activityType, taskQueue, attempt…). */
export class PinoTemporalLogger implements SdkLogger {
  constructor(private readonly pino: Logger) {}

  log(level: SdkLevel, message: string, meta?: LogMetadata): void {
    const { error, failure, ...rest } = (meta ?? {}) as Record<string, unknown>;
    const fields: Record<string, unknown> = { ...rest };
    if (error !== undefined) fields.err = error;
    // A workflow task failure carries a failure proto whose message is the error's text: keep its type only.
    if (failure !== undefined) fields.failureType = typeof failure === 'object' && failure && 'applicationFailureInfo' in failure ? 'application' : typeof failure;
    this.pino[LEVELS[level]](fields, message);
  }
  trace(message: string, meta?: LogMetadata) { this.log('TRACE', message, meta); }
  debug(message: string, meta?: LogMetadata) { this.log('DEBUG', message, meta); }
  info(message: string, meta?: LogMetadata) { this.log('INFO', message, meta); }
  warn(message: string, meta?: LogMetadata) { this.log('WARN', message, meta); }
  error(message: string, meta?: LogMetadata) { this.log('ERROR', message, meta); }
}
