// One structured (JSON) logger for every process: API, worker, mail intake, scripts. Lines carry ids
// (ticket number, workflow id, request id), never customer e-mail, names, phones or message bodies: the
// redaction below is the safety net for an object logged whole by mistake, not a licence to log PII.
import pino, { type Logger } from 'pino';

/** Keys whose values are customer PII or message text wherever they appear (top level and one or two levels down). */
const PII_KEYS = ['email', 'name', 'phone', 'comment', 'body', 'text', 'html', 'subject', 'contact', 'customer', 'from', 'to', 'address', 'password', 'token', 'authorization', 'cookie'];
const REDACT_PATHS = PII_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The options every Closeloop logger is made with; `destination` is for tests. */
export function createLogger(destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // Errors keep their message and stack, which name ids and codes, not customer data.
    serializers: { err: pino.stdSerializers.err },
  };
  return destination ? pino(options, destination) : pino(options);
}

export const logger: Logger = createLogger();

/** Sets the level from the validated config (platform/config.ts), once at start-up. */
export function setLogLevel(level: LogLevel): void {
  logger.level = level;
}

/** A child logger for one part of the system: `log('collect').warn({ pointId }, 'intake start failed')`. */
export const log = (component: string): Logger => logger.child({ component });
