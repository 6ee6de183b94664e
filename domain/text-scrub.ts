// Finding and replacing text Postgres cannot store (NUL, lone UTF-16 surrogates). Free of zod: the
// workflow bundle imports it (workflows/ticket-state.ts, workflows/intake.ts). domain/text.ts has the
// zod schema on top.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds neither a NUL character nor an unpaired surrogate. */
export const isSafeText = (s: string) => !s.includes('\u0000') && !LONE_SURROGATE.test(s);


const UNSAFE_GLOBAL = new RegExp(`\u0000|${LONE_SURROGATE.source}`, 'g');

/** `s` with every NUL and lone surrogate replaced by U+FFFD (the replacement character), for text we
 * must keep rather than refuse (a customer's e-mail, a workflow's state after a failed save). */
export const scrubText = (s: string): string => s.replace(UNSAFE_GLOBAL, '\uFFFD');

/** A plain object from any realm (a workflow's sandbox has its own Object.prototype). */
const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
};

/** A copy of a JSON-like value with every string (and object key) scrubbed, and whether anything changed. */
export function scrubDeep<T>(value: T): { value: T; replaced: boolean } {
  let replaced = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (isSafeText(v)) return v;
      replaced = true;
      return scrubText(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k), walk(x)]));
    }
    return v;
  };
  const out = walk(value) as T;
  return { value: replaced ? out : value, replaced };
}

/** Paths ("items.2.comment", "query.q") of the strings in a JSON-like value that are not safe text. */
export function unsafeTextPaths(value: unknown, at: string[] = []): string[] {
  if (typeof value === 'string') return isSafeText(value) ? [] : [at.join('.') || '(body)'];
  if (Array.isArray(value)) return value.flatMap((v, i) => unsafeTextPaths(v, [...at, String(i)]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => (isSafeText(k) ? unsafeTextPaths(v, [...at, k]) : [[...at, scrubText(k)].join('.')]));
  }
  return [];
}
