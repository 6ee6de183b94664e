import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isSafeText, safeText } from './text';

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
