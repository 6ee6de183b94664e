// Text that comes from outside (customers, public pages, API bodies): a NUL byte or a lone UTF-16
// surrogate is refused with a message naming the field, never stored — Postgres rejects NUL in text and
// a lone surrogate cannot be encoded as UTF-8, so either would fail later, far from its cause.
import { z } from 'zod';
import { isSafeText } from './text-scrub';

export { isSafeText, scrubDeep, scrubText, unsafeTextPaths } from './text-scrub';

/** z.string() refined: no \u0000, no lone surrogate. Chain .trim(), .max() … as on any string. */
export const safeText = () => z.string().refine(isSafeText, { message: 'must not contain NUL characters or unpaired UTF-16 surrogates' });

// ECMAScript's white space and line terminators — what String.prototype.trim removes — spelt out for
// patterns in the OpenAPI document rather than `\s`, which other engines read differently (schemathesis
// compiles patterns with Python's re.ASCII: its `\S` would draw a lone U+3000 or U+FEFF, which trim()
// removes), so the generator and the server read a pattern the same way.
const JS_SPACE = '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';

/** "Not blank" for the OpenAPI document, on a field read with .trim().min(1): some character trim()
 * keeps, so a generator never sends a name the server reads as empty (ST202, issue 18). Most fields
 * get it from notBlankText(); `.meta(NOT_BLANK)` by hand only where the chain differs. */
export const NOT_BLANK = { pattern: `[^${JS_SPACE}]` } as const;

/** A name or body that must not be blank: trimmed, at least one character, NOT_BLANK in the document,
 * then at most `max`. One builder so that the rule the server applies and the one the OpenAPI document
 * states cannot drift apart, and a new field picks both up by default. `safe` starts from safeText();
 * `message` replaces zod's "too small" for a blank value. */
export const notBlankText = (max?: number, { message, safe = false }: { message?: string; safe?: boolean } = {}) => {
  const notBlank = (safe ? safeText() : z.string()).trim().min(1, message).meta(NOT_BLANK);
  return max === undefined ? notBlank : notBlank.max(max);
};

/** An e-mail address from outside: zod's z.email() rule after trim(). Not z.email() itself, whose
 * `format: email` in the document refuses the space trim() removes (schemathesis sent " a@b.co " as
 * invalid and saw it accepted: ST201), while format alone let a generator send addresses zod refuses
 * (quoted local parts: ST202). The document carries the rule as a pattern, that space allowed. */
export const emailText = () =>
  z
    .string()
    .trim()
    .refine((s) => z.regexes.email.test(s), 'Invalid email address')
    .meta({ pattern: `^[${JS_SPACE}]*(?:${z.regexes.email.source.replace(/^\^|\$$/g, '')})[${JS_SPACE}]*$` });
