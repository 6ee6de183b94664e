// One structured (JSON) logger for every process: API, worker, mail intake, scripts. Lines carry ids
// (ticket number, workflow id, request id), never customer e-mail, names, phones or message bodies: the
// redaction below is the safety net for an object logged whole by mistake, not a licence to log PII.
import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** Keys whose values are customer PII or message text wherever they appear (top level and one or two levels down). */
const PII_KEYS = ['email', 'name', 'phone', 'comment', 'body', 'text', 'html', 'subject', 'contact', 'customer', 'from', 'to', 'address', 'password', 'token', 'authorization', 'cookie', 'params', 'detail'];
const REDACT_PATHS = PII_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

// Error texts are the one place free text reaches a log line: drizzle puts a failed query's parameters
// in its message, SMTP servers quote the refused address, Postgres quotes the failing row. Cut or mask
// those; keep the rest (codes, constraint and table names, the stack's file positions).
const EMAIL = /[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+/g;
// Nine digits or more, separators allowed: phone numbers in any format, not ticket numbers or dates.
const PHONE = /(?<![\w-])\+?\(?\d(?:[ ()./-]{0,2}\d){8,}(?![\w-])/g;

/** An error message or any free text, with e-mail addresses, phone-like numbers, query parameters and quoted rows removed. */
export function scrubText(text: string): string {
  return text
    .replace(/\nparams: [\s\S]*$/, '\nparams: [redacted]')
    .replace(/Failing row contains \([\s\S]*?\)(\.|$)/g, 'Failing row contains ([redacted])$1')
    .replace(/Key \(([^)]*)\)=\([\s\S]*?\)/g, 'Key ($1)=([redacted])')
    .replace(EMAIL, '[email]')
    .replace(PHONE, '[number]');
}

// Only these properties of an error are kept: they name what failed, not whom it was about.
const SAFE_ERROR_KEYS = ['code', 'type', 'responseCode', 'command', 'constraint', 'table', 'column', 'routine', 'status', 'errno', 'syscall', 'retryState', 'failure'] as const;

/** Serialises an error (and its causes) for a log line without customer data: see scrubText. */
export function safeError(err: unknown, depth = 0): Record<string, unknown> | string {
  if (!(err instanceof Error)) return scrubText(String(err));
  const out: Record<string, unknown> = { type: err.constructor?.name ?? err.name, message: scrubText(err.message) };
  for (const k of SAFE_ERROR_KEYS) {
    const v = (err as unknown as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') out[k] = typeof v === 'string' ? scrubText(v) : v;
  }
  // The stack's first line repeats the message: keep only the frames.
  if (err.stack) out.stack = [`${err.name}: ${out.message as string}`, ...err.stack.split('\n').filter((l) => /^\s+at /.test(l))].join('\n');
  if (err.cause !== undefined && depth < 4) out.cause = safeError(err.cause, depth + 1);
  return out;
}

/** Fields every line logged inside `withLogContext` carries (the API's request id). */
const context = new AsyncLocalStorage<Record<string, unknown>>();
export const withLogContext = <T>(fields: Record<string, unknown>, fn: () => T): T => context.run(fields, fn);

// Lines go to stdout and to any tap a test adds (captureLogs).
const taps = new Set<(line: string) => void>();
const stdout = pino.destination({ dest: 1, sync: true });
const destination: pino.DestinationStream = {
  write(line: string) {
    stdout.write(line);
    for (const tap of taps) tap(line);
  },
};

/** The options every Closeloop logger is made with; `destination` is for tests. */
export function createLogger(dest: pino.DestinationStream = destination): Logger {
  const options: pino.LoggerOptions = {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { pid: process.pid },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => context.getStore() ?? {},
    serializers: { err: safeError, error: safeError },
    hooks: {
      // A message string is free text too (interpolated by mistake): the same scrub as error texts.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return pino(options, dest);
}

export const logger: Logger = createLogger();

// One child per component, kept so a level set later reaches them (pino children copy the level at birth).
const components = new Map<string, Logger>();

/** Sets the level from the validated config (platform/config.ts), once at start-up. */
export function setLogLevel(level: LogLevel): void {
  logger.level = level;
  for (const child of components.values()) child.level = level;
}

/** A child logger for one part of the system: `log('collect').warn({ pointId }, 'intake start failed')`. */
export function log(component: string): Logger {
  let child = components.get(component);
  if (!child) components.set(component, (child = logger.child({ component })));
  return child;
}

/** Every line written by this process's logger from now until `stop()`, parsed (tests). */
export function captureLogs(): { lines: Array<Record<string, unknown>>; raw: string[]; stop(): void } {
  const raw: string[] = [];
  const lines: Array<Record<string, unknown>> = [];
  const tap = (line: string) => {
    raw.push(line);
    lines.push(JSON.parse(line) as Record<string, unknown>);
  };
  taps.add(tap);
  return { lines, raw, stop: () => taps.delete(tap) };
}
