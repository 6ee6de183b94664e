// The client's address for rate limits and sign-in records: the socket's peer, or — behind
// TRUST_PROXY_HOPS reverse proxies — the X-Forwarded-For entry the nearest trusted proxy wrote.
// Entries further left are whatever the client sent and are never believed.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './deps';

export function clientIp(c: Context<AppEnv>): string {
  const hops = c.get('deps').config.TRUST_PROXY_HOPS ?? 0;
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (chain.length) return chain[Math.max(0, chain.length - hops)];
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket
  }
}
