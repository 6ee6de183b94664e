// Small builders for @hono/zod-openapi route definitions (responses and JSON request bodies).
import type { z } from 'zod';
import { errorBodySchema } from './errors';

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
export const err = (description: string) => json(errorBodySchema, description);
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
