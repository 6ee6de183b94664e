import { describe, expect, it } from 'vitest';
import { brandingSchema, checkLogo, contrastRatio, DEFAULT_BRANDING, LOGO_MAX_BYTES } from './branding';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('branding', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('accepts the default and refuses an accent colour white text cannot be read on, naming the field', () => {
    expect(brandingSchema.parse(DEFAULT_BRANDING)).toEqual(DEFAULT_BRANDING);
    const pale = brandingSchema.safeParse({ ...DEFAULT_BRANDING, accentColor: '#ffcc00' });
    expect(pale.success).toBe(false);
    expect(pale.error!.issues[0]).toMatchObject({ path: ['accentColor'] });
    expect(pale.error!.issues[0].message).toMatch(/contrast of 1\.\d+:1.*4\.5:1/);
    expect(brandingSchema.safeParse({ ...DEFAULT_BRANDING, accentColor: 'blue' }).error!.issues[0].path).toEqual(['accentColor']);
    expect(brandingSchema.parse({ ...DEFAULT_BRANDING, accentColor: '#0B5CAD' }).accentColor).toBe('#0b5cad');
  });

  it('refuses NUL, header-breaking sender names and unknown fields', () => {
    expect(brandingSchema.safeParse({ ...DEFAULT_BRANDING, footer: 'a\u0000b' }).error!.issues[0].path).toEqual(['footer']);
    expect(brandingSchema.safeParse({ ...DEFAULT_BRANDING, senderName: 'Evil\r\nBcc: x@y' }).error!.issues[0].path).toEqual(['senderName']);
    expect(brandingSchema.safeParse({ ...DEFAULT_BRANDING, colour: '#000000' }).success).toBe(false);
  });

  it('checks a logo by its bytes and size', () => {
    expect(checkLogo(PNG)).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkLogo(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkLogo(new TextEncoder().encode('<svg onload="alert(1)"/>'))).toMatchObject({ ok: false, message: expect.stringContaining('image/png') });
    expect(checkLogo(new Uint8Array(0))).toMatchObject({ ok: false });
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(PNG);
    expect(checkLogo(big)).toMatchObject({ ok: false, message: expect.stringContaining('at most 262144') });
  });
});
