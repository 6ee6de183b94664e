import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSafeText, NOT_BLANK, notBlankText, safeText, scrubDeep, scrubText, unsafeTextPaths } from './text';

describe('safeText', () => {
  it('accepts ordinary text in any script, emoji included', () => {
    for (const s of ['', 'Waited 40 minutes', 'Très bien', 'انتظرت طويلا', '待ち時間', 'ok 👍🏽']) expect(isSafeText(s)).toBe(true);
  });

  it('refuses NUL and lone surrogates, naming the field', () => {
    const schema = z.object({ comment: safeText().max(20) });
    for (const bad of ['a\u0000b', '\uD800', 'x\uDC00', '\uDBFFy', '👍'.slice(0, 1)]) {
      const r = schema.safeParse({ comment: bad });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0].path).toEqual(['comment']);
      expect(r.error!.issues[0].message).toMatch(/NUL|surrogate/);
    }
  });

  it('chains like a string schema', () => {
    expect(safeText().trim().max(3).safeParse('  abc  ').data).toBe('abc');
    expect(safeText().max(3).safeParse('abcd').success).toBe(false);
  });
});

describe('notBlankText', () => {
  it('refuses empty and whitespace-only text, returns the rest trimmed', () => {
    const schema = z.object({ name: notBlankText(5, { message: 'name must not be empty' }) });
    for (const blank of ['', '   ', '\t\n', '\u3000\ufeff']) {
      const r = schema.safeParse({ name: blank });
      expect(r.error!.issues.map((i) => [i.path, i.message])).toEqual([[['name'], 'name must not be empty']]);
    }
    expect(schema.parse({ name: '  Ana \n' }).name).toBe('Ana');
  });

  it('counts max after trimming, and has none when not given', () => {
    expect(notBlankText(3).safeParse('  abc  ').data).toBe('abc');
    expect(notBlankText(3).safeParse('abcd').error!.issues[0].code).toBe('too_big');
    expect(notBlankText().safeParse('x'.repeat(100_000)).success).toBe(true);
  });

  it('starts from safeText() when asked', () => {
    expect(notBlankText(10, { safe: true }).safeParse('a\u0000b').error!.issues[0].message).toMatch(/NUL/);
    expect(notBlankText(10).safeParse('a\u0000b').success).toBe(true);
  });

  it('states the rule in the document: NOT_BLANK, minLength 1, maxLength', () => {
    expect(z.toJSONSchema(notBlankText(120))).toMatchObject({ type: 'string', minLength: 1, maxLength: 120, pattern: NOT_BLANK.pattern });
  });
});

describe('scrubText / scrubDeep', () => {
  it('replaces NUL and lone surrogates with U+FFFD, keeps pairs', () => {
    expect(scrubText('a\u0000b\uD800c\uDC00 ok 👍')).toBe('a\uFFFDb\uFFFDc\uFFFD ok 👍');
    expect(isSafeText(scrubText('👍'.slice(0, 1) + '\u0000'))).toBe(true);
  });

  it('walks objects and arrays, says whether it replaced anything, leaves clean values as they are', () => {
    const clean = { a: ['x', 1, null, { b: 'y' }] };
    expect(scrubDeep(clean)).toEqual({ value: clean, replaced: false });
    expect(scrubDeep(clean).value).toBe(clean);
    const dirty = { a: ['x\u0000', 2], ['k\u0000']: { c: '\uD83D' } };
    const out = scrubDeep(dirty);
    expect(out.replaced).toBe(true);
    expect(out.value).toEqual({ a: ['x\uFFFD', 2], ['k\uFFFD']: { c: '\uFFFD' } });
  });
});

describe('unsafeTextPaths', () => {
  it('names every unsafe string by its path', () => {
    expect(unsafeTextPaths({ items: [{ comment: 'ok' }, { comment: 'x\u0000', contact: { name: '\uDC00' } }], n: 1 })).toEqual(['items.1.comment', 'items.1.contact.name']);
    expect(unsafeTextPaths('\u0000')).toEqual(['(body)']);
    expect(unsafeTextPaths({ ok: 'fine', list: ['a', 'b'] })).toEqual([]);
  });
});
