// Talks to an OpenAI-compatible endpoint: Chat Completions with a JSON answer checked by a zod schema,
// retried with backoff (and Retry-After on 429) while an overall deadline allows; embeddings when the
// endpoint offers them. Never throws: the caller falls back to the local analyser.
import OpenAI from 'openai';
import { z } from 'zod';
import { SENTIMENTS, URGENCIES } from '../../domain/ai';

export interface AiConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number; // overall budget for one analysis's model calls (from the redacted text on), retries included
  embeddingModel?: string | null; // null: do not ask for embeddings
}

export const MAX_ATTEMPTS = 3;
const BASE_BACKOFF_MS = 250;
const EMBEDDINGS_OFF_MS = 10 * 60_000; // after "no such endpoint/model", ask again only this much later

export const modelAnswerSchema = z.object({
  sentiment: z.enum(SENTIMENTS),
  urgency: z.enum(URGENCIES),
  churnRisk: z.number().min(0).max(100),
  themes: z.array(z.string().max(100)).max(10),
  tags: z.array(z.string().max(60)).max(10).default([]),
  summary: z.string().min(1).max(1000),
  suggestedAction: z.string().min(1).max(1000),
  suggestedReply: z.string().min(1).max(4000),
});
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

export type FallbackReason = 'timeout' | 'rate limited' | 'invalid answer' | 'server error' | 'connection error' | 'request rejected';

export interface ChatOutcome {
  answer: ModelAnswer | null;
  attempts: number;
  reason: FallbackReason | null; // why answer is null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in ms; null when absent. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const raw = headers?.get('retry-after');
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function classify(e: unknown): { reason: FallbackReason; retry: boolean; waitMs: number | null } {
  if (e instanceof OpenAI.APIConnectionTimeoutError || e instanceof OpenAI.APIUserAbortError) return { reason: 'timeout', retry: true, waitMs: null };
  if (e instanceof OpenAI.APIConnectionError) return { reason: 'connection error', retry: true, waitMs: null };
  if (e instanceof OpenAI.APIError) {
    if (e.status === 429) return { reason: 'rate limited', retry: true, waitMs: retryAfterMs(e.headers) };
    if (e.status === 408 || e.status === 409 || (e.status ?? 0) >= 500) return { reason: 'server error', retry: true, waitMs: retryAfterMs(e.headers) };
    return { reason: 'request rejected', retry: false, waitMs: null };
  }
  return { reason: 'invalid answer', retry: true, waitMs: null };
}

export function createModelClient(config: AiConfig) {
  const client = new OpenAI({ baseURL: config.baseUrl, apiKey: config.apiKey, maxRetries: 0, timeout: config.timeoutMs });
  let embeddingsOffUntil = 0;

  return {
    config,

    async chat(messages: Array<{ role: 'system' | 'user'; content: string }>, deadline: number): Promise<ChatOutcome> {
      let reason: FallbackReason = 'timeout';
      let attempts = 0;
      while (attempts < MAX_ATTEMPTS) {
        const left = deadline - Date.now();
        if (left < 100) break;
        attempts++;
        let waitMs: number | null = null;
        try {
          const res = await client.chat.completions.create(
            { model: config.model, response_format: { type: 'json_object' }, temperature: 0, messages },
            { timeout: left, maxRetries: 0 },
          );
          const content = res.choices[0]?.message?.content ?? '';
          let json: unknown = null;
          try {
            json = JSON.parse(content);
          } catch {
            json = null;
          }
          const parsed = modelAnswerSchema.safeParse(json);
          if (parsed.success) return { answer: parsed.data, attempts, reason: null };
          reason = 'invalid answer';
        } catch (e) {
          const c = classify(e);
          reason = c.reason;
          if (!c.retry) break;
          waitMs = c.waitMs;
        }
        // Exponential backoff with jitter, or what the server asked for; give up rather than overrun.
        const wait = waitMs ?? BASE_BACKOFF_MS * 2 ** (attempts - 1) * (0.75 + Math.random() / 2);
        if (attempts >= MAX_ATTEMPTS || Date.now() + wait >= deadline - 100) break;
        await sleep(wait);
      }
      return { answer: null, attempts, reason };
    },

    /** The embedding of the text, or null (endpoint without embeddings, failure, or no time left). */
    async embed(text: string, deadline: number): Promise<number[] | null> {
      if (!config.embeddingModel || Date.now() < embeddingsOffUntil) return null;
      const left = deadline - Date.now();
      if (left < 100) return null;
      try {
        const res = await client.embeddings.create({ model: config.embeddingModel, input: text, encoding_format: 'float' }, { timeout: left, maxRetries: 0 });
        const vector = res.data[0]?.embedding;
        return Array.isArray(vector) && vector.length && vector.every((x) => Number.isFinite(x)) ? vector : null;
      } catch (e) {
        if (e instanceof OpenAI.APIError && [400, 404, 405, 501].includes(e.status ?? 0)) embeddingsOffUntil = Date.now() + EMBEDDINGS_OFF_MS;
        return null;
      }
    },
  };
}
