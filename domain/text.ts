// Text from outside, checked once: no NUL (Postgres text refuses it) and no lone UTF-16 surrogate
// (not encodable as UTF-8), each refused with a 400 naming the field. Pure.
import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** z.string() that refuses NUL characters and lone surrogates. */
export const safeText = () =>
  z
    .string()
    .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
    .refine((s) => !LONE_SURROGATE.test(s), 'must not contain lone UTF-16 surrogates');

/** The same check as a predicate, for text that does not pass through a schema (form fields). */
export const isSafeText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);
