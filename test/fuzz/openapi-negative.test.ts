// The fuzz stage's negative half (issue 18: "every 4xx documented in the OpenAPI"): what schemathesis
// sends besides schema-shaped requests, for every operation of the document — no credentials, a session
// without its CSRF token, a NUL in an undeclared query parameter, a body that is not JSON, a body of
// another media type, a body over the limit, a read-only API token, a PATCH without a body, a method the
// path does not have (405 with Allow). Pass: no 5xx, and every status the operation answers is
// one its entry lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { bodyLimitFor } from '../../api/body-limits';
import { Fuzzer, type Doc } from '../support/openapi-fuzz';
import { INTAKE_KEY, startStack, type Session, type Stack } from '../support/stack';
import { DOCUMENTED_TIME_ZONES } from '../../domain/calendar-schema';
import { PASSWORD_MIN_LENGTH } from '../../domain/password-policy';

const SKIP = new Set(['POST /auth/logout', 'POST /auth/password', 'GET /events']);

let s: Stack;
let admin: Session;
let readOnly: string;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  readOnly = ((await (await s.call('POST', '/api/v1/api-tokens', { name: 'fuzz read-only', scopes: ['tickets:read'] }, admin)).json()) as { token: string }).token;
});
afterAll(async () => s?.teardown());

interface Finding {
  op: string;
  probe: string;
  status: number;
  body: string;
}

describe('the OpenAPI document describes what the responses hold', () => {
  // schemathesis 4 checked every response against the document and found a pattern carrying a regex
  // flag ("^#[0-9a-f]{6}$/i": nothing matches it), and JSON described as a string (the kiosk manifest,
  // the live event stream, whose schema on OpenAPI 3.1 describes one event).
  it('has no pattern with regex flags and no JSON or event stream described as a bare string', async () => {
    const doc = await (await s.call('GET', '/api/v1/openapi.json')).json();
    const bad: string[] = [];
    const walk = (x: unknown, at: string): void => {
      if (Array.isArray(x)) return x.forEach((v, i) => walk(v, `${at}/${i}`));
      if (!x || typeof x !== 'object') return;
      for (const [k, v] of Object.entries(x)) {
        if (k === 'pattern' && typeof v === 'string' && /\$\/[a-z]+$/.test(v)) bad.push(`${at}: ${v}`);
        if ((k === 'text/event-stream' || /json$/.test(k)) && (v as { schema?: { type?: string } }).schema?.type === 'string') bad.push(`${at}/${k}: a string`);
        walk(v, `${at}/${k}`);
      }
    };
    walk(doc, '');
    expect(bad).toEqual([]);
  });
});

describe('negative requests against the OpenAPI document', () => {
  it('answers every one with a documented status and never a server error', async () => {
    const doc = (await (await s.call('GET', '/api/v1/openapi.json')).json()) as Doc;
    const numbers = (await s.database.db.select({ n: tickets.number }).from(tickets)).map((t) => String(t.n));
    const fuzzer = new Fuzzer(doc, {});
    const ops = fuzzer.operations().filter((op) => !SKIP.has(`${op.method} ${op.path}`));
    const findings: Finding[] = [];
    let cases = 0;
    for (const op of ops) {
      const base = (op.servers?.[0]?.url ?? '/api/v1').replace(/\/$/, '');
      // Path parameters get a plausible value so the request reaches the operation's own checks.
      const url = base + op.path.replace(/\{([^}]+)\}/g, (_, n: string) => (n === 'id' && numbers[0] ? numbers[0] : n === 'key' ? 'sla' : n === 'branch' || n === 'id' ? 'main' : 'x'));
      const media = Object.keys(op.requestBody?.content ?? {})[0];
      const unsafe = op.method !== 'GET' && op.method !== 'HEAD';
      const session = { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
      const probes: Array<[string, string, RequestInit]> = [
        ['no credentials', url, { method: op.method, headers: media ? { 'content-type': media } : {}, body: media ? '{}' : undefined }],
        ['NUL in an undeclared query parameter', `${url}?zz=%00`, { method: op.method, headers: { ...session, ...(media ? { 'content-type': media } : {}) }, body: media ? '{}' : undefined }],
      ];
      // schemathesis 4 (README, Fuzz stage): a bearer token on a session-only operation or without the
      // scope is a 403 on any method, GET included; a PATCH without a body is answered like {}.
      probes.push(['read-only API token', url, { method: op.method, headers: { authorization: `Bearer ${readOnly}`, ...(media ? { 'content-type': media } : {}) }, body: media ? '{}' : undefined }]);
      if (op.method === 'PATCH') probes.push(['PATCH without a body', url, { method: op.method, headers: session }]);
      if (unsafe) probes.push(['session without CSRF token', url, { method: op.method, headers: { cookie: admin.cookie, ...(media ? { 'content-type': media } : {}) }, body: media ? '{}' : undefined }]);
      if (media === 'application/json') {
        probes.push(['body that is not JSON', url, { method: op.method, headers: { ...session, 'content-type': 'application/json' }, body: '{"a":' }]);
        probes.push(['body of another media type', url, { method: op.method, headers: { ...session, 'content-type': 'text/plain' }, body: 'hello' }]);
        probes.push(['body over the limit', url, { method: op.method, headers: { ...session, 'content-type': 'application/json' }, body: JSON.stringify({ x: 'x'.repeat(bodyLimitFor(url).maxBytes) }) }]);
      }
      for (const [probe, target, init] of probes) {
        const res = await s.app.request(target, init);
        cases++;
        const text = await res.text();
        const documented = String(res.status) in op.responses || (res.status === 404 && text.includes('"No route '));
        if (res.status >= 500 || !documented) findings.push({ op: `${op.method} ${op.path}`, probe, status: res.status, body: text.slice(0, 160) });
      }
    }
    // A method the path does not document: 405 with Allow naming the documented ones (and HEAD with GET).
    for (const [path, item] of Object.entries(doc.paths)) {
      const methods = Object.keys(item).map((m) => m.toUpperCase());
      const server = (Object.values(item)[0] as { servers?: Array<{ url: string }> }).servers?.[0]?.url ?? '/api/v1';
      const url = server.replace(/\/$/, '') + path.replace(/\{[^}]+\}/g, 'x1');
      // TRACE over the wire (schemathesis); fetch's Request refuses TRACE, so an equally undeclared PROPFIND here.
      const intake = JSON.stringify(item).includes('"intakeKey"');
      const res = await s.app.request(url, { method: 'PROPFIND', headers: intake ? { authorization: `Bearer ${INTAKE_KEY}` } : { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
      cases++;
      const allow = (res.headers.get('allow') ?? '').split(', ');
      if (res.status !== 405 || !methods.every((m) => allow.includes(m))) findings.push({ op: `PROPFIND ${path}`, probe: 'undeclared method', status: res.status, body: `allow: ${allow.join(', ')}` });
    }
    console.log(`[fuzz-negative] ${cases} cases over ${ops.length} operations; ${findings.filter((f) => f.status >= 500).length} server errors, ${findings.filter((f) => f.status < 500).length} undocumented statuses`);
    expect(findings).toEqual([]);
  }, 300_000);
});

describe('the OpenAPI document states what the server enforces (schemathesis ST202, issue 18)', () => {
  // Each constraint: the document carries it, so a generator reading it builds only values the server
  // takes, and a request breaking it is a 400 naming the field. The document is read, not rebuilt here.
  type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; anyOf?: Schema[]; [k: string]: unknown };
  let doc: { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    doc = await (await s.call('GET', '/api/v1/openapi.json')).json();
  });
  const deref = (x: Schema): Schema => (x.$ref ? deref(doc.components.schemas[x.$ref.replace('#/components/schemas/', '')]) : x);
  /** The schema of a body property, following $refs and nullable unions: `field(['POST', '/users'], 'password')`. */
  const field = ([method, path]: [string, string], ...at: string[]): Schema => {
    let x = deref(doc.paths[path][method.toLowerCase()].requestBody!.content['application/json'].schema);
    for (const k of at) {
      x = deref(x.anyOf ? x.anyOf.map(deref).find((a) => a.properties)! : x);
      x = deref(x.properties![k]);
    }
    return x.anyOf ? deref(x.anyOf.map(deref).find((a) => a.type !== 'null')!) : x;
  };
  const session = () => admin;
  const rejects = async (res: Response, path: string) => {
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: Array<{ path: string }> } } };
    expect(body.error.details.fields.map((f) => f.path)).toContain(path);
  };

  it('time zones: an enum of the names the server takes; another name is a 400', async () => {
    const tz = field(['PUT', '/branches/{id}/calendar'], 'timeZone');
    expect(tz.enum).toEqual([...DOCUMENTED_TIME_ZONES]);
    expect(tz.enum).toContain('Europe/Berlin');
    expect(tz.enum).not.toContain('AET');
    expect(field(['POST', '/reports/query'], 'timeZone').enum).toEqual(tz.enum);
    await rejects(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'Mars/Olympus_Mons', weekly: {} }, session()), 'timeZone');
    // The weekly hours' keys (0 Sunday … 6 Saturday) as propertyNames.
    expect((field(['PUT', '/branches/{id}/calendar'], 'weekly').propertyNames as { pattern: string }).pattern).toBe('^[0-6]$');
    await rejects(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'UTC', weekly: { 7: [] } }, session()), 'weekly.7');
    const ok = await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: (tz.enum as string[]).at(-1), weekly: {} }, session());
    expect(ok.status).toBe(200);
  });

  it('report periods: a pattern of dates that exist; 0000-00-00 or 30 February is a 400', async () => {
    const from = field(['POST', '/reports/query'], 'period', 'from');
    expect(from.format).toBe('date');
    const pattern = new RegExp(from.pattern as string);
    for (const d of ['0000-00-00', '2026-02-30', '2026-04-31', '2026-00-10', '1969-12-31', '2100-02-29']) expect(pattern.test(d), d).toBe(false);
    for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '9999-12-31']) expect(pattern.test(d), d).toBe(true);
    await rejects(await s.call('POST', '/api/v1/reports/query', { measures: ['ticketsOpened'], period: { from: '2026-02-30' } }, session()), 'period.from');
    expect(field(['POST', '/reports/query'], 'measures').uniqueItems).toBe(true);
    await rejects(await s.call('POST', '/api/v1/reports/query', { measures: ['ticketsOpened', 'ticketsOpened'] }, session()), 'measures');
    // from/to or lastDays: a `not` in the document, a 400 naming period from the server.
    const period = field(['POST', '/reports/query'], 'period');
    expect(period.not).toEqual({ required: ['lastDays'], anyOf: [{ required: ['from'] }, { required: ['to'] }] });
    await rejects(await s.call('POST', '/api/v1/reports/query', { measures: ['ticketsOpened'], period: { from: '2026-01-01', lastDays: 7 } }, session()), 'period');
    const edge = await s.call('POST', '/api/v1/reports/query', { measures: ['ticketsOpened'], period: { from: '1970-01-01', to: '9999-12-31' }, timeZone: 'America/Los_Angeles' }, session());
    expect(edge.status).toBe(200);
  });

  it('webhook URLs: https:// in the document; plain http to a public host is a 400', async () => {
    expect(field(['POST', '/webhooks'], 'url').pattern).toBe('^https://');
    expect(field(['PATCH', '/webhooks/{id}'], 'url').pattern).toBe('^https://');
    await rejects(await s.call('POST', '/api/v1/webhooks', { url: 'http://hooks.example.com/closeloop', events: ['ticket.created'] }, session()), 'url');
  });

  it('new passwords: minLength, maxLength and the rest of the policy in the document; a short one is a 400', async () => {
    for (const op of [['POST', '/users'], ['PATCH', '/users/{id}']] as Array<[string, string]>) {
      const pw = field(op, 'password');
      expect(pw.minLength).toBe(PASSWORD_MIN_LENGTH);
      expect(pw.description).toMatch(/common-password list/);
    }
    expect(field(['POST', '/auth/password'], 'newPassword').minLength).toBe(PASSWORD_MIN_LENGTH);
    await rejects(await s.call('POST', '/api/v1/users', { email: 'short-pw@test.local', name: 'Short', password: 'Qw7!zr2#pLm5'.slice(0, PASSWORD_MIN_LENGTH - 1), role: 'agent' }, session()), 'password');
  });

  it('language tags: a repeated variant or extension is outside the pattern and a 400', async () => {
    const locale = field(['POST', '/feedback'], 'locale');
    const pattern = new RegExp(locale.pattern as string);
    for (const t of ['de-1901-1901', 'en-a-bb-a-cc']) expect(pattern.test(t), t).toBe(false);
    for (const t of ['de-1901-1996', 'en-a-bb-b-cc', 'en-x-a-b-a', 'zh-Hant-TW']) expect(pattern.test(t), t).toBe(true);
    const res = await s.call('POST', '/api/v1/feedback', { channel: 'app', type: 'star', score: 4, branch: 'main', locale: 'de-1901-1901' }, null, { authorization: `Bearer ${INTAKE_KEY}` });
    await rejects(res, 'locale');
  });

  it('collection-point texts: the language keys are propertyNames in the document; another key is a 400', async () => {
    const texts = field(['POST', '/collection-points'], 'texts');
    const keys = new RegExp((texts.propertyNames as { pattern: string }).pattern);
    expect(keys.test('pt-BR')).toBe(true);
    expect(keys.test('x-schemathesis-additional')).toBe(false);
    await rejects(await s.call('POST', '/api/v1/collection-points', { name: 'Desk', branch: 'main', captureType: 'star', texts: { 'x-schemathesis-additional': {} } }, session()), 'texts.x-schemathesis-additional');
  });
});
