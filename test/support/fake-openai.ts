// A local server speaking the Chat Completions wire format; records every request and can misbehave.
import { createServer } from 'node:http';
import { freePort } from '../../platform/temporal';

export type FakeMode = 'ok' | 'malformed' | 'rate_limited' | 'slow';

export async function startFakeOpenAi() {
  const requests: Array<{ path: string; auth: string | undefined; body: { model: string; messages: Array<{ role: string; content: string }> } }> = [];
  const state = { mode: 'ok' as FakeMode, answer: {} as Record<string, unknown> };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      requests.push({ path: req.url ?? '', auth: req.headers.authorization, body });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (state.mode === 'rate_limited') return reply(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
      if (state.mode === 'slow') return void setTimeout(() => reply(200, {}), 5000);
      const content = state.mode === 'malformed' ? '{"sentiment": "furious", oops' : JSON.stringify(state.answer);
      reply(200, {
        id: `chatcmpl-${requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
      });
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { baseUrl: `http://127.0.0.1:${port}/v1`, requests, state, close: () => new Promise<void>((r) => server.close(() => r())) };
}
