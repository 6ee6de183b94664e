// Text that comes from outside (customers, public pages, API bodies): a NUL byte or a lone UTF-16
// surrogate is refused with a message naming the field, never stored — Postgres rejects NUL in text and
// a lone surrogate cannot be encoded as UTF-8, so either would fail later, far from its cause.
import { z } from 'zod';
import { isSafeText } from './text-scrub';

export { isSafeText, scrubDeep, scrubText, unsafeTextPaths } from './text-scrub';

/** z.string() refined: no \u0000, no lone surrogate. Chain .trim(), .max() … as on any string. */
export const safeText = () => z.string().refine(isSafeText, { message: 'must not contain NUL characters or unpaired UTF-16 surrogates' });
