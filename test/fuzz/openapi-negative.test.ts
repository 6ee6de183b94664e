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
import { GOOGLE_LOCATION_NAME } from '../../domain/google-locations';
import { CALENDAR_DATE } from '../../domain/ids';
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
  /** The schema of a body property, following $refs and nullable unions: `field(['POST', '/users'], 'password')`.
   * A union is an anyOf with no type of its own; an object's anyOf beside its properties is a constraint. */
  const union = (x: Schema) => !!x.anyOf && x.type === undefined && x.properties === undefined;
  const field = ([method, path]: [string, string], ...at: string[]): Schema => {
    let x = deref(doc.paths[path][method.toLowerCase()].requestBody!.content['application/json'].schema);
    for (const k of at) {
      x = deref(union(x) ? x.anyOf!.map(deref).find((a) => a.properties)! : x);
      x = deref(x.properties![k]);
    }
    return union(x) ? deref(x.anyOf!.map(deref).find((a) => a.type !== 'null')!) : x;
  };
  const session = () => admin;
  const rejects = async (res: Response, path: string) => {
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: Array<{ path: string }> } } };
    expect(body.error.details.fields.map((f) => f.path)).toContain(path);
  };

  it('time zones: an enum of the names the server takes, tz aliases included; another name is a 400', async () => {
    const tz = field(['PUT', '/branches/{id}/calendar'], 'timeZone');
    expect(tz.enum).toEqual([...DOCUMENTED_TIME_ZONES]);
    expect(tz.enum).toContain('Europe/Berlin');
    // The tz database's backward links the server accepts are listed too (they were a 200 outside the enum).
    for (const alias of ['US/Eastern', 'Asia/Calcutta', 'Europe/Kiev']) expect(tz.enum, alias).toContain(alias);
    for (const name of ['AET', 'CET', 'Japan', 'US/Pacific-New']) expect(tz.enum, name).not.toContain(name);
    expect((await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'US/Eastern', weekly: {} }, session())).status).toBe(200);
    // Intl takes any letter case; the list, and so the server, only the tz database's spelling.
    await rejects(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'europe/berlin', weekly: {} }, session()), 'timeZone');
    expect(field(['POST', '/reports/query'], 'timeZone').enum).toEqual(tz.enum);
    await rejects(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'Mars/Olympus_Mons', weekly: {} }, session()), 'timeZone');
    // The weekly hours' keys (0 Sunday … 6 Saturday) as propertyNames.
    expect((field(['PUT', '/branches/{id}/calendar'], 'weekly').propertyNames as { pattern: string }).pattern).toBe('^[0-6]$');
    await rejects(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'UTC', weekly: { 7: [] } }, session()), 'weekly.7');
    const ok = await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: (tz.enum as string[]).at(-1), weekly: {} }, session());
    expect(ok.status).toBe(200);
  });

  it('holidays: days that exist, 1970–9999, as the pattern says; 30 February or 1969 is a 400', async () => {
    const holidays = field(['PUT', '/branches/{id}/calendar'], 'holidays');
    expect(holidays.items).toMatchObject({ format: 'date', pattern: CALENDAR_DATE.source });
    for (const day of ['2026-02-30', '1969-12-31', '0000-00-00']) {
      await rejects(await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'UTC', weekly: {}, holidays: ['2026-12-25', day] }, session()), 'holidays.1');
    }
    const ok = await s.call('PUT', '/api/v1/branches/main/calendar', { timeZone: 'UTC', weekly: {}, holidays: ['2028-02-29'] }, session());
    expect(ok.status).toBe(200);
  });

  it('id lists: bulk tickets and the rule order are uniqueItems; a repeated id is a 400 naming the list', async () => {
    expect(field(['POST', '/tickets/bulk'], 'tickets').uniqueItems).toBe(true);
    await rejects(await s.call('POST', '/api/v1/tickets/bulk', { tickets: [7, 7], action: { kind: 'priority', priority: 'high' } }, session()), 'tickets');
    expect(field(['POST', '/rules/reorder'], 'ids').uniqueItems).toBe(true);
    const rules = ((await (await s.call('GET', '/api/v1/rules', undefined, session())).json()) as { items: Array<{ id: string }> }).items.map((r) => r.id);
    expect(rules.length).toBeGreaterThan(0);
    await rejects(await s.call('POST', '/api/v1/rules/reorder', { ids: [rules[0], rules[0]] }, session()), 'ids');
    // Unique but not every rule: what only the database knows, still a 400 naming ids.
    await rejects(await s.call('POST', '/api/v1/rules/reorder', { ids: [...rules, 'no-such-rule'] }, session()), 'ids');
    expect((await s.call('POST', '/api/v1/rules/reorder', { ids: rules }, session())).status).toBe(200);
  });

  it('rule triggers: one bucket, range or keyword (anyOf), score ranges on their type\'s scale, keywords not blank', async () => {
    for (const op of [['POST', '/rules'], ['PUT', '/rules/{id}']] as Array<[string, string]>) {
      expect(field(op, 'trigger').anyOf).toEqual(['buckets', 'scoreRanges', 'keywords'].map((k) => ({ required: [k], properties: { [k]: { minItems: 1 } } })));
    }
    const range = deref(field(['POST', '/rules'], 'trigger', 'scoreRanges').items as Schema);
    // One alternative per type and min (smiley 3, stars 5, NPS 11): max from min to the top of the scale.
    expect(range.anyOf).toHaveLength(3 + 5 + 11);
    expect(range.anyOf).toContainEqual({ properties: { type: { const: 'star' }, min: { const: 2 }, max: { minimum: 2, maximum: 5 } } });
    const keyword = new RegExp((field(['POST', '/rules'], 'trigger', 'keywords').items as Schema).pattern as string);
    expect([keyword.test(' \u00a0\t'), keyword.test(' late ')]).toEqual([false, true]);
    const rule = (trigger: object) => ({ name: 'Trigger check', trigger, outcome: { priority: 'low' } });
    await rejects(await s.call('POST', '/api/v1/rules', rule({ buckets: [], keywords: [] }), session()), 'trigger');
    await rejects(await s.call('POST', '/api/v1/rules', rule({ scoreRanges: [{ type: 'star', min: 0, max: 5 }] }), session()), 'trigger.scoreRanges.0');
    await rejects(await s.call('POST', '/api/v1/rules', rule({ scoreRanges: [{ type: 'nps', min: 6, max: 4 }] }), session()), 'trigger.scoreRanges.0.min');
    await rejects(await s.call('POST', '/api/v1/rules', rule({ keywords: ['  '] }), session()), 'trigger.keywords.0');
    const draft = { rules: [rule({ keywords: [] })], from: '2026-01-01T00:00:00Z', to: '2026-02-01T00:00:00Z' };
    await rejects(await s.call('POST', '/api/v1/rules/simulate', draft, session()), 'rules.0.trigger');
  });

  it('names: not blank (a pattern of one character trim() keeps); whitespace alone is a 400', async () => {
    const blank = ' \u3000\ufeff\n';
    for (const [op, at] of [
      [['POST', '/services'], 'name'],
      [['POST', '/users'], 'name'],
      [['POST', '/macros'], 'name'],
      [['POST', '/taxonomies'], 'name'],
      [['POST', '/api-tokens'], 'name'],
    ] as Array<[[string, string], string]>) {
      const pattern = new RegExp(field(op, at).pattern as string);
      expect([pattern.test(blank), pattern.test(' x ')], `${op.join(' ')} ${at}`).toEqual([false, true]);
    }
    await rejects(await s.call('POST', '/api/v1/services', { id: 'blank-name', name: blank }, session()), 'name');
  });

  it('e-mail addresses: zod\'s rule as the pattern, in place of format: email; a quoted local part is a 400', async () => {
    for (const [op, ...at] of [
      [['POST', '/users'], 'email'],
      [['PATCH', '/users/{id}'], 'email'],
      [['POST', '/auth/login'], 'email'],
      [['POST', '/feedback'], 'contact', 'email'],
    ] as Array<[[string, string], ...string[]]>) {
      const email = field(op, ...at);
      // No format: email, which refuses the space the server trims (" ok@example.com " is a 200).
      expect(email.format).toBeUndefined();
      const pattern = new RegExp(email.pattern as string);
      expect(['"quoted"@example.com', 'a@localhost', ' ok@example.com ', 'o.k+tag@mail.example.org'].map((e) => pattern.test(e)), `${op.join(' ')} ${at.join('.')}`).toEqual([false, false, true, true]);
    }
    await rejects(await s.call('POST', '/api/v1/users', { email: '"quoted"@example.com', name: 'Quoted', password: 'Qw7!zr2#pLm5xV', role: 'agent' }, session()), 'email');
  });

  it('instants: years 1970–9999 in the pattern; year 0001 or 10000 is a 400', async () => {
    for (const [op, at] of [
      [['POST', '/rules/simulate'], 'from'],
      [['POST', '/api-tokens'], 'expiresAt'],
      [['POST', '/feedback'], 'submittedAt'],
    ] as Array<[[string, string], string]>) {
      const instant = field(op, at);
      expect(instant.format).toBe('date-time');
      const pattern = new RegExp(instant.pattern as string);
      expect(['0001-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-03-01T09:30:00+01:00', '9999-12-31T23:59:59.5Z'].map((t) => pattern.test(t)), `${op.join(' ')} ${at}`).toEqual([false, false, true, true]);
    }
    const rule = { name: 'r', trigger: { buckets: ['star_1_2'] }, outcome: { priority: 'low' } };
    await rejects(await s.call('POST', '/api/v1/rules/simulate', { rules: [rule], from: '0001-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, session()), 'from');
  });

  it('list offsets: at most 2147483647 in the document; beyond is a 400 naming offset', async () => {
    for (const path of ['/tickets', '/dev-mailbox']) {
      const offset = (doc.paths[path].get as unknown as { parameters: Array<{ name: string; schema: Schema }> }).parameters.find((p) => p.name === 'offset')!;
      expect(offset.schema.maximum, path).toBe(2_147_483_647);
      await rejects(await s.call('GET', `/api/v1${path}?offset=9007199254740993`, undefined, session()), 'offset');
    }
    expect((await s.call('GET', '/api/v1/tickets?offset=2147483647', undefined, session())).status).toBe(200);
  });

  it('AI corrections: the body is required and names one field at least (minProperties); {} is a 400', async () => {
    const body = doc.paths['/tickets/{id}/ai-correction'].put.requestBody as unknown as { required: boolean; content: Record<string, { schema: Schema }> };
    expect(body.required).toBe(true);
    expect(deref(body.content['application/json'].schema).minProperties).toBe(1);
    await rejects(await s.call('PUT', '/api/v1/tickets/1/ai-correction', {}, session()), 'sentiment');
  });

  it('taxonomies: keywords and action on themes only (anyOf); on a reason they are a 400', async () => {
    expect(field(['POST', '/taxonomies'], 'kind').enum).toContain('theme');
    const body = deref(doc.paths['/taxonomies'].post.requestBody!.content['application/json'].schema);
    expect(body.anyOf).toEqual([{ properties: { kind: { const: 'theme' } } }, { not: { anyOf: [{ required: ['keywords'] }, { required: ['action'] }] } }]);
    await rejects(await s.call('POST', '/api/v1/taxonomies', { kind: 'csat_reason', name: 'Too slow', keywords: ['slow'] }, session()), 'keywords');
  });

  it('Google locations: the resource name\'s pattern; another shape is a 400 naming location', async () => {
    const location = field(['PATCH', '/integrations/google/locations'], 'location');
    expect(location.pattern).toBe(GOOGLE_LOCATION_NAME.source);
    await rejects(await s.call('PATCH', '/api/v1/integrations/google/locations', { location: 'locations/1', branchId: null }, session()), 'location');
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

  it('report queries: sort by the label or a chosen measure (anyOf), each dimension once (not, uniqueItems); else a 400', async () => {
    const query = doc.components.schemas.ReportQuery;
    expect(query.anyOf).toContainEqual({ required: ['measures'], properties: { sort: { properties: { by: { const: 'ticketsOpened' } } }, measures: { contains: { const: 'ticketsOpened' } } } });
    expect((query.not as { anyOf: Schema[] }).anyOf).toContainEqual({ required: ['rows', 'columns'], properties: { rows: { contains: { const: 'createdDay' } }, columns: { contains: { const: 'createdDay' } } } });
    expect([field(['POST', '/reports/query'], 'rows').uniqueItems, field(['POST', '/reports/query'], 'columns').uniqueItems]).toEqual([true, true]);
    await rejects(await s.call('POST', '/api/v1/reports/query', { measures: ['ticketsOpened'], sort: { by: 'ticketsResolved', direction: 'desc' } }, session()), 'sort.by');
    await rejects(await s.call('POST', '/api/v1/reports/query', { rows: ['createdDay'], columns: ['createdDay'], measures: ['ticketsOpened'] }, session()), 'columns');
    const ok = await s.call('POST', '/api/v1/reports/query', { rows: ['createdDay'], measures: ['ticketsOpened', 'ticketsResolved'], sort: { by: 'ticketsResolved', direction: 'desc' } }, session());
    expect(ok.status).toBe(200);
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
    // -u- and -t- extensions by their grammar: Intl refuses a -u- key of a letter and a digit, or a bare singleton.
    for (const t of ['de-1901-1901', 'en-a-bb-a-cc', 'en-u-g9', 'en-u', 'en-t-x-a']) expect(pattern.test(t), t).toBe(false);
    for (const t of ['de-1901-1996', 'en-a-bb-b-cc', 'en-x-a-b-a', 'zh-Hant-TW', 'de-u-co-phonebk', 'en-u-abc', 'en-t-de-h0-hybrid']) expect(pattern.test(t), t).toBe(true);
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
