// A local server speaking Slack's Web API (chat.postMessage) that records every request it receives.
import { createServer } from 'node:http';
import { freePort } from '../../platform/temporal';

export interface SlackRequest {
  method: string; // e.g. chat.postMessage
  token: string | null;
  body: Record<string, unknown>;
}

/** failFirst: answer HTTP 500 that many times; refuse: channel → Slack error code (HTTP 200, ok:false, as Slack does). */
export async function startFakeSlack(opts: { failFirst?: number; refuse?: Record<string, string> } = {}) {
  const requests: SlackRequest[] = [];
  let failures = opts.failFirst ?? 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const type = req.headers['content-type'] ?? '';
      const body = type.includes('application/json') ? JSON.parse(raw || '{}') : Object.fromEntries(new URLSearchParams(raw));
      const method = (req.url ?? '').replace(/^\/api\//, '').replace(/^\//, '').split('?')[0];
      res.setHeader('content-type', 'application/json');
      if (failures > 0) {
        failures--;
        res.statusCode = 500;
        return res.end(JSON.stringify({ ok: false, error: 'internal_error' }));
      }
      const refusal = opts.refuse?.[String(body.channel)];
      if (refusal) return res.end(JSON.stringify({ ok: false, error: refusal }));
      requests.push({ method, token: (req.headers.authorization ?? '').replace(/^Bearer /, '') || null, body });
      res.end(JSON.stringify({ ok: true, channel: body.channel, ts: `${Date.now() / 1000}`, message: { text: body.text } }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${port}/api/`, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}
