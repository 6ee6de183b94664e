// The organisation's branding as customers see it: on the CSAT page, the collection pages and every
// customer mail. Pure: the schema (with a WCAG contrast check on the accent colour), the defaults, and
// the logo's accepted formats (checked by their bytes, not by what the upload claims).
import { z } from 'zod';
import { notBlankText, safeText } from './text';

/** White text sits on the accent colour (buttons, the header bar): WCAG 2.1 AA asks for 4.5:1. */
export const MIN_ACCENT_CONTRAST = 4.5;
export const LOGO_MAX_BYTES = 256 * 1024;

// No regex flags: the OpenAPI document carries only the source, so /…/i would reach it as a pattern
// that matches nothing (schemathesis flagged every branding answer).
const HEX = /^#[0-9a-fA-F]{6}$/;

/** Relative luminance of an sRGB colour (#rrggbb), as WCAG 2.1 defines it. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

export const brandingSchema = z
  .object({
    displayName: notBlankText(120, { safe: true, message: 'displayName must not be empty' }),
    accentColor: z
      .string()
      .regex(HEX, 'accentColor must be a colour like #0b5cad')
      .superRefine((c, ctx) => {
        const ratio = HEX.test(c) ? contrastRatio(c, '#ffffff') : MIN_ACCENT_CONTRAST;
        if (ratio < MIN_ACCENT_CONTRAST) ctx.addIssue({ code: 'custom', message: `accentColor ${c} has a contrast of ${ratio.toFixed(2)}:1 with white text; at least ${MIN_ACCENT_CONTRAST}:1 is needed (choose a darker colour)` });
      })
      .transform((c) => c.toLowerCase()),
    footer: safeText().trim().max(500).meta({ description: 'Address or other footer lines under every customer page and mail' }),
    senderName: safeText()
      .trim()
      .max(120)
      .refine((s) => !/[<>"\r\n]/.test(s), 'senderName must not contain <, >, " or line breaks')
      .meta({ description: 'Display name of customer mail ("Hotel Example" <support@…>); empty = displayName' }),
  })
  .strict()
  .meta({ id: 'Branding' });
export type Branding = z.infer<typeof brandingSchema>;

export const DEFAULT_BRANDING: Branding = { displayName: 'Closeloop', accentColor: '#0b5cad', footer: '', senderName: '' };

/** The logo formats accepted, by their leading bytes (SVG is refused: it can carry script). */
const LOGO_SIGNATURES: Array<{ type: string; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x) },
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/gif', test: (b) => String.fromCharCode(...b.subarray(0, 6)) === 'GIF87a' || String.fromCharCode(...b.subarray(0, 6)) === 'GIF89a' },
  { type: 'image/webp', test: (b) => String.fromCharCode(...b.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...b.subarray(8, 12)) === 'WEBP' },
];
export const LOGO_TYPES = LOGO_SIGNATURES.map((s) => s.type);

/** The image type of an upload by its bytes, or why it is refused. */
export function checkLogo(bytes: Uint8Array): { ok: true; contentType: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: 'logo is empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, message: `logo is ${bytes.length} bytes; at most ${LOGO_MAX_BYTES} (${LOGO_MAX_BYTES / 1024} KB) are accepted` };
  const match = LOGO_SIGNATURES.find((s) => s.test(bytes));
  return match ? { ok: true, contentType: match.type } : { ok: false, message: `logo must be one of ${LOGO_TYPES.join(', ')}` };
}
