// The workflow's hand-written command checks must accept and refuse exactly what the API's zod schemas
// do, naming the same fields with the same messages (the API answers these as `invalidFields`).
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DomainError, type FieldError } from './errors';
import { checkAssignCommand, checkCommentCommand, checkPriorityCommand, checkReopenCommand, checkResolveCommand, checkStatusCommand } from './ticket-commands';
import { assignCommandSchema, commentCommandSchema, priorityCommandSchema, reopenCommandSchema, resolveCommandSchema, statusCommandSchema } from './ticket-schemas';

/** What zod says, in the API's words (api/errors.ts): the fields, or null when the body is accepted. Only
 * the first issue of each field: zod v4 also runs the length checks of a string on a wrong-typed value
 * that has a length (an array), which adds nothing to "expected string". */
function zodVerdict(schema: z.ZodType, body: unknown): FieldError[] | null {
  const r = schema.safeParse(body);
  if (r.success) return null;
  const fields = r.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  return fields.filter((f, i) => fields.findIndex((g) => g.path === f.path) === i);
}
function checkVerdict(check: (cmd: unknown) => void, body: unknown): FieldError[] | null {
  try {
    check(body);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('INVALID_INPUT');
    return ((e as DomainError).details as { fields: FieldError[] }).fields;
  }
}

const long = (n: number) => 'x'.repeat(n);
const actor = { id: 'u1', name: 'Ana' };
// Values of every JSON type, plus the edges of each rule.
const anything = [undefined, null, 0, 7, true, '', ' ', 'x', [], ['x'], {}, { a: 1 }];
const strings = ['', ' ', '  \n ', 'a', ` ${long(19_999)} `, long(2000), long(2001), long(20_000), long(20_001)];

const cases: Array<[string, (cmd: unknown) => void, z.ZodType, Record<string, unknown[]>]> = [
  ['comment', checkCommentCommand, commentCommandSchema, { body: [...anything, ...strings], visibility: [...anything, 'public', 'internal', 'Public'] }],
  ['status', checkStatusCommand, statusCommandSchema, { to: [...anything, 'new', 'resolved', 'closed', 'open'], reason: [...anything, ...strings] }],
  ['assign', checkAssignCommand, assignCommandSchema, { userId: [...anything, 'u2'], expectedAssigneeId: [...anything, 'u2'] }],
  ['priority', checkPriorityCommand, priorityCommandSchema, { priority: [...anything, 'low', 'medium', 'high', 'urgent'], reason: [...anything, long(2001)] }],
  ['resolve', checkResolveCommand, resolveCommandSchema, { rootCauseId: [...anything, 'rc'], actionId: [...anything, 'ac'], note: [...anything, ...strings] }],
  ['reopen', checkReopenCommand, reopenCommandSchema, { reason: [...anything, ...strings] }],
];
const valid: Record<string, Record<string, unknown>> = {
  comment: { body: 'Thanks', visibility: 'public' },
  status: { to: 'in_progress' },
  assign: { userId: 'u2' },
  priority: { priority: 'high' },
  resolve: { rootCauseId: 'rc', actionId: 'ac' },
  reopen: {},
};

describe('workflow command checks agree with the API schemas', () => {
  for (const [name, check, schema, fields] of cases) {
    it(name, () => {
      const bodies: unknown[] = [...anything, valid[name], { ...valid[name], actor }];
      // Each field through every value, the others valid; and every field at once wrong.
      for (const [field, values] of Object.entries(fields)) for (const v of values) bodies.push({ ...valid[name], actor, [field]: v });
      bodies.push(Object.fromEntries(Object.keys(fields).map((f) => [f, 42])));
      let refused = 0;
      for (const body of bodies) {
        const expected = zodVerdict(schema, body);
        expect(checkVerdict(check, body), JSON.stringify(body)?.slice(0, 120)).toEqual(expected);
        if (expected) refused++;
      }
      expect(refused).toBeGreaterThan(5);
    });
  }
});
