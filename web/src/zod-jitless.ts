// Imported first by main.tsx, before any schema is built: zod's fast path compiles parsers with
// `new Function`, and its probe for that is an eval the UI's Content-Security-Policy (no
// 'unsafe-eval', api/security-headers.ts) refuses and reports. Jitless parsing needs no eval.
import { z } from 'zod';

z.config({ jitless: true });
