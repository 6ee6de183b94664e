// A webhook receiver on loopback: keeps every request (headers and raw body) and answers with the status
// the test sets (a queue of statuses first, then `status`).
import { createServer } from 'node:http';
import { freePort } from '../../platform/temporal';

export interface ReceivedHook {
  headers: Record<string, string>;
  body: string;
  json: { id: string; type: string; data: Record<string, unknown> } & Record<string, unknown>;
  answered: number;
  /** When it arrived (epoch ms). */
  at: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedHook[];
  /** Answer these statuses first, one per request. */
  queue: number[];
  /** Then this one. */
  status: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const port = await freePort();
  const r: WebhookReceiver = {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received: [],
    queue: [],
    status: 200,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const answered = r.queue.length ? r.queue.shift()! : r.status;
      r.received.push({ headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body, json: JSON.parse(body), answered, at: Date.now() });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered < 300 ? 'ok' : 'no');
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return r;
}
