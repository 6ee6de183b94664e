// A local server speaking the OpenAI wire format (Chat Completions and Embeddings); records every
// request and can misbehave the way the real service does (429 with Retry-After, malformed content,
// slow answers, unknown embedding model).
import { createServer } from 'node:http';
import { freePort } from '../../platform/temporal';

export type FakeMode = 'ok' | 'malformed' | 'invalid_schema' | 'rate_limited' | 'slow' | 'server_error';

export interface RecordedRequest {
  at: number;
  path: string;
  auth: string | undefined;
  body: { model: string; messages?: Array<{ role: string; content: string }>; input?: string | string[]; encoding_format?: string };
}

/** A crude but deterministic text embedding: hashed word prefixes, so texts sharing words point alike. */
export function fakeEmbedding(text: string, dims = 64): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const w of text.toLowerCase().match(/[a-z]{4,}/g) ?? []) {
    let h = 2166136261;
    for (const ch of w.slice(0, 5)) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    v[Math.abs(h) % dims] += 1;
  }
  return v;
}

export async function startFakeOpenAi() {
  const requests: RecordedRequest[] = [];
  const state = {
    mode: 'ok' as FakeMode,
    /** Modes for the next chat requests, consumed one per request before `mode` applies. */
    script: [] as FakeMode[],
    answer: {} as Record<string, unknown>,
    retryAfterSeconds: 1,
    embeddings: true, // false: answer embeddings requests 404 model_not_found, like an endpoint without them
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as RecordedRequest['body'];
      requests.push({ at: Date.now(), path: req.url ?? '', auth: req.headers.authorization, body });
      const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${requests.length}`, ...headers });
        res.end(JSON.stringify(payload));
      };
      const error = (status: number, message: string, type: string, code: string | null, headers: Record<string, string> = {}) =>
        reply(status, { error: { message, type, param: null, code } }, headers);

      if (req.url?.endsWith('/embeddings')) {
        if (!state.embeddings) return error(404, `The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found');
        const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
        return reply(200, {
          object: 'list',
          data: inputs.map((input, index) => {
            const vector = fakeEmbedding(input);
            const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
            return { object: 'embedding', index, embedding };
          }),
          model: body.model,
          usage: { prompt_tokens: 8, total_tokens: 8 },
        });
      }
      if (!req.url?.endsWith('/chat/completions')) return error(404, `Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error', 'unknown_url');

      const mode = state.script.shift() ?? state.mode;
      if (mode === 'rate_limited') {
        return error(
          429,
          `Rate limit reached for ${body.model} in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${state.retryAfterSeconds}s.`,
          'requests',
          'rate_limit_exceeded',
          { 'retry-after': String(state.retryAfterSeconds), 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${state.retryAfterSeconds}s` },
        );
      }
      if (mode === 'server_error') return error(500, 'The server had an error while processing your request. Sorry about that!', 'server_error', null);
      const content = mode === 'malformed' ? '{"sentiment": "furious", oops' : mode === 'invalid_schema' ? JSON.stringify({ ...state.answer, sentiment: 'furious' }) : JSON.stringify(state.answer);
      const send = () =>
        reply(200, {
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: body.model,
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        });
      if (mode === 'slow') return void setTimeout(send, 10_000).unref();
      send();
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    state,
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
