// Small builders for @hono/zod-openapi route definitions (responses and JSON request bodies).
import type { z } from 'zod';
import { errorBodySchema } from './errors';

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
export const err = (description: string) => json(errorBodySchema, description);
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
/** A PATCH body whose fields are all optional: documented as optional, because a request without one is
 * answered like `{}` (nothing changes, 200) — schemathesis flagged the required flag as a lie. */
export const patchBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: false, description: 'The fields to change; none (or no body) changes nothing' } });
