// Printable QR codes of a collection point: the `qrcode` library draws the code, we only set the
// point's name under it; the PNG is that same SVG rendered by resvg with a font shipped on npm
// (DejaVu Sans: Latin, Greek, Cyrillic, Arabic, Hebrew), so it looks the same on every server.
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';

const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const SIZE = 400; // user units of the code's square; the caption goes below it
const CAPTION = 72;
const PNG_WIDTH = 1200; // about 10 cm at 300 dpi

// Characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE/U+FFFF, lone surrogates) leave the
// caption: a point name may hold them and resvg refuses the whole drawing (schemathesis: a 500 on /qr).
// eslint-disable-next-line no-control-regex -- the control characters are what it removes
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xml = (s: string) => s.replace(NOT_XML, '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The caption's font size: as large as fits the width (a rough 0.6 em per character), 14–28. */
function captionSize(text: string): number {
  return Math.max(14, Math.min(28, Math.floor((SIZE * 0.92) / (0.6 * Math.max(1, [...text].length)))));
}

/** An SVG of the QR code for `url` with `caption` (truncated to 60 characters) centred under it. */
export async function qrCodeSvg(url: string, caption: string): Promise<string> {
  const code = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
  const text = [...caption].length > 60 ? `${[...caption].slice(0, 59).join('')}…` : caption;
  const size = captionSize(text);
  const nested = code.replace('<svg ', `<svg x="0" y="0" width="${SIZE}" height="${SIZE}" `);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE + CAPTION}" viewBox="0 0 ${SIZE} ${SIZE + CAPTION}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>${nested}` +
    `<text x="${SIZE / 2}" y="${SIZE + CAPTION / 2}" dominant-baseline="middle" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="${size}" fill="#000000">${xml(text)}</text>` +
    `</svg>`
  );
}

/** The same drawing as a PNG, 1200 px wide. */
export async function qrCodePng(url: string, caption: string): Promise<Buffer> {
  const svg = await qrCodeSvg(url, caption);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: PNG_WIDTH },
    font: { fontFiles: [FONT], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    background: '#ffffff',
  });
  return Buffer.from(resvg.render().asPng());
}
