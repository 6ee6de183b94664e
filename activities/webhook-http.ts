// The webhook transport: one signed POST, to a target the SSRF guard accepts. Node's http client with our
// own DNS lookup, so the addresses that were checked are the ones connected to (no re-resolution, no
// rebinding); redirects are not followed (a 3xx is a failed delivery).
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isAllowedHost, refusedAddress, type TargetAllowList } from '../domain/webhook-target';

export interface PostOutcome {
  ok: boolean;
  status: number | null;
  latencyMs: number;
  error: string | null;
  /** The SSRF guard refused the target: retrying cannot help. */
  refused: boolean;
}

/** Thrown inside the lookup when an address is refused. */
class RefusedTarget extends Error {}

/**
 * Standard Webhooks signature (https://www.standardwebhooks.com): base64 HMAC-SHA256, keyed with the
 * base64-decoded part of `whsec_…`, over `${id}.${timestamp}.${body}`; one `v1,<sig>` per secret, so a
 * receiver holding either the old or the new secret verifies during a rotation. Hand-written because it
 * is three lines on node:crypto; test/api/webhooks.test.ts checks it against the reference library.
 */
export function signatureHeader(secrets: string[], id: string, timestamp: number, body: string): string {
  return secrets
    .map((s) => `v1,${createHmac('sha256', Buffer.from(s.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64')}`)
    .join(' ');
}

function guardedLookup(allow: TargetAllowList): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true, family: options.family }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      if (!isAllowedHost(hostname, allow)) {
        for (const a of addresses) {
          const why = refusedAddress(a.address, allow);
          if (why) return callback(new RefusedTarget(`${hostname} resolves to ${why}`), '', 0);
        }
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export async function postWebhook(url: string, body: string, headers: Record<string, string>, opts: { allowList: TargetAllowList; timeoutMs: number }): Promise<PostOutcome> {
  const started = performance.now();
  const done = (o: Omit<PostOutcome, 'latencyMs'>): PostOutcome => ({ ...o, latencyMs: Math.round(performance.now() - started) });
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  // A literal address never goes through the lookup: check it here.
  const literal = isIP(host) ? refusedAddress(host, opts.allowList) : null;
  if (literal) return done({ ok: false, status: null, error: `target refused: ${literal}`, refused: true });
  return new Promise<PostOutcome>((resolve) => {
    const client = u.protocol === 'https:' ? https : http;
    const req = client.request(u, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: guardedLookup(opts.allowList), timeout: opts.timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      res.resume(); // the answer's body is not needed; drain it so the socket is freed
      res.on('end', () => {
        const ok = status >= 200 && status < 300;
        resolve(done({ ok, status, error: ok ? null : `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`, refused: false }));
      });
      res.on('error', (e) => resolve(done({ ok: false, status, error: e.message, refused: false })));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (e) => resolve(done({ ok: false, status: null, error: e instanceof RefusedTarget ? `target refused: ${e.message}` : e.message, refused: e instanceof RefusedTarget })));
    req.end(body);
  });
}
