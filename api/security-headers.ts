// Security headers on every response. The agent UI and the API get a strict policy: scripts, styles,
// fonts and connections from our origin only (the built UI has no inline script or style — a
// Chromium test checks it reports no violation), images also as data: URLs (the TOTP QR code),
// and nobody may frame them (frame-ancestors 'none' + X-Frame-Options DENY against clickjacking).
// A response that sets its own Content-Security-Policy keeps it: the public pages (api/public-site.ts)
// have theirs, and the embeddable widget (api/routes/collect-pages.ts) names the sites that may frame
// it — so it gets no X-Frame-Options either. HSTS only when the public URL is https.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './deps';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const ALWAYS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    let res = c.res;
    const set = (name: string, value: string) => {
      if (res.headers.has(name)) return;
      try {
        res.headers.set(name, value);
      } catch {
        // Immutable headers (a fetched Response): copy once, then set.
        res = new Response(res.body, res);
        res.headers.set(name, value);
      }
    };
    for (const [name, value] of Object.entries(ALWAYS)) set(name, value);
    set('content-security-policy', APP_CSP);
    if (/frame-ancestors 'none'/.test(res.headers.get('content-security-policy') ?? '')) set('x-frame-options', 'DENY');
    const { publicUrl, HSTS_MAX_AGE = 31_536_000 } = c.get('deps').config;
    if (publicUrl.startsWith('https:') && HSTS_MAX_AGE > 0) set('strict-transport-security', `max-age=${HSTS_MAX_AGE}; includeSubDomains`);
    if (res !== c.res) c.res = res;
  };
}
