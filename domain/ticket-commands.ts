// The ticket workflow's update validators for the command bodies, checked by hand: zod would be
// evaluated inside every cached ticket workflow (~1 MB each, bench/workflow-memory.ts), so the workflow
// bundle must not import it. The API validates the same bodies with the zod schemas of
// domain/ticket-schemas.ts first; these checks accept and refuse exactly what those schemas do, with the
// same field paths and messages (domain/ticket-commands.test.ts compares them), so a body that reaches the
// workflow some other way is refused the way the API would refuse it. Synchronous and throwing, as a
// Temporal update validator must be.
import { invalidFields, type FieldError } from './errors';
import type { AssignCommand, CommentCommand, PriorityCommand, ReopenCommand, ResolveCommand, StatusCommand } from './ticket';
import { PRIORITIES, TICKET_STATUSES } from './vocabulary';

type Check = (value: unknown, path: string, out: FieldError[]) => void;
interface StringRule {
  min?: number;
  max?: number;
  trim?: boolean;
  minMessage?: string;
}

/** How zod names the type it received. */
function received(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'Date';
  if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
  return typeof v;
}

const string = (rule: StringRule = {}): Check => (value, path, out) => {
  if (typeof value !== 'string') return void out.push({ path, message: `Invalid input: expected string, received ${received(value)}` });
  const length = (rule.trim ? value.trim() : value).length;
  if (rule.min !== undefined && length < rule.min) out.push({ path, message: rule.minMessage ?? `Too small: expected string to have >=${rule.min} characters` });
  if (rule.max !== undefined && length > rule.max) out.push({ path, message: `Too big: expected string to have <=${rule.max} characters` });
};
const oneOf = (options: readonly string[]): Check => (value, path, out) => {
  if (!options.includes(value as string)) out.push({ path, message: `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join('|')}` });
};
const optional = (check: Check): Check => (value, path, out) => value === undefined || check(value, path, out);
const nullable = (check: Check): Check => (value, path, out) => value === null || check(value, path, out);

/** An object check over its known keys (unknown keys such as `actor` pass, as zod strips them). */
function object<T>(shape: Record<keyof T & string, Check>): (cmd: unknown) => void {
  return (cmd) => {
    if (typeof cmd !== 'object' || cmd === null || Array.isArray(cmd)) throw invalidFields([{ path: '(body)', message: `Invalid input: expected object, received ${received(cmd)}` }]);
    const out: FieldError[] = [];
    for (const [key, check] of Object.entries<Check>(shape)) check((cmd as Record<string, unknown>)[key], key, out);
    if (out.length) throw invalidFields(out);
  };
}

const reason = optional(string({ max: 2000 }));
export const checkCommentCommand = object<CommentCommand>({ body: string({ trim: true, min: 1, max: 20_000, minMessage: 'body must not be empty' }), visibility: oneOf(['public', 'internal']) });
export const checkStatusCommand = object<StatusCommand>({ to: oneOf(TICKET_STATUSES), reason });
export const checkAssignCommand = object<AssignCommand>({ userId: nullable(string({ min: 1 })), expectedAssigneeId: optional(nullable(string({ min: 1 }))) });
export const checkPriorityCommand = object<PriorityCommand>({ priority: oneOf(PRIORITIES), reason });
export const checkResolveCommand = object<ResolveCommand>({
  rootCauseId: string({ min: 1, minMessage: 'a root cause is required' }),
  actionId: string({ min: 1, minMessage: 'an action taken is required' }),
  note: optional(string({ max: 20_000 })),
});
export const checkReopenCommand = object<ReopenCommand>({ reason });
