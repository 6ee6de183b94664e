// The fuzz stage (issue 18): every operation of the OpenAPI document, the public pages included, gets
// seeded random requests built from its own schemas (test/support/openapi-fuzz.ts) on the real stack,
// signed in as an admin (session + CSRF) or with the intake key. Pass: no 5xx, no status the document
// does not list for the operation, and afterwards every ticket workflow still answers a query and has
// no activity stuck retrying. Bounded: FUZZ_RUNS (or FUZZ_CASES) per operation (default 20) and FUZZ_SECONDS
// (90); FUZZ_SEED picks the run (e.g. FUZZ_SEED=42 FUZZ_RUNS=60 npx vitest run test/fuzz/openapi-fuzz.test.ts).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../db/schema';
import { ticketWorkflowId } from '../../domain/ticket';
import { ticketStateQuery } from '../../workflows/ticket-messages';
import { Fuzzer, type Doc, type FuzzRequest, type Operation } from '../support/openapi-fuzz';
import { INTAKE_KEY, startStack, type Session, type Stack } from '../support/stack';

const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const CASES = Number(process.env.FUZZ_RUNS ?? process.env.FUZZ_CASES ?? 20);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 90);
/** Operations that would end the fuzzing session itself (sign out, change the admin's password), and the
 * server-sent event stream, which by design does not end (test/api/live.test.ts covers its refusals). */
const SKIP = new Set(['POST /auth/logout', 'POST /auth/password', 'GET /events']);

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
  for (const [i, score] of [1, 2, 5].entries()) {
    await s.postFeedback({ channel: 'kiosk', type: 'star', score, comment: `Fuzz seed ${i}`, contact: { email: `fuzz${i}@example.com` }, branch: 'main', externalId: `fuzz-seed-${i}` }, '?wait=true');
  }
  await s.eventually(async () => (await s.database.db.select().from(tickets)).length >= 2);
  // A macro and a view, so operations on them reach the code behind the lookup (a macro's ticket number).
  await s.call('POST', '/api/v1/macros', { name: 'Fuzz thanks', body: 'Thank you.' }, admin);
  await s.call('POST', '/api/v1/views', { name: 'Fuzz view', query: 'priority=high' }, admin);
});
afterAll(async () => s?.teardown());

interface Finding {
  op: string;
  url: string;
  status: number;
  body: string;
}

describe('fuzzing the OpenAPI document', () => {
  it('finds no server error, no undocumented status and no wedged ticket', async () => {
    const doc = (await (await s.call('GET', '/api/v1/openapi.json')).json()) as Doc;
    const numbers = (await s.database.db.select({ n: tickets.number }).from(tickets)).map((t) => String(t.n));
    const ids = async (path: string) => ((await (await s.call('GET', `/api/v1${path}`, undefined, admin)).json()) as { items?: Array<{ id: string }> }).items?.map((x) => x.id) ?? [];
    // Known ids make requests reach the code behind the lookups; the admin's own id is left out so a
    // random PATCH cannot sign the fuzzing session out.
    const lists = ['/rules', '/taxonomies', '/macros', '/views', '/reports/saved', '/webhooks', '/collection-points'];
    const listed = (await Promise.all(lists.map(ids))).flat();
    const known = [...numbers, ...listed, ...(await ids('/users')).filter((id) => id !== s.adminId), 'main', 'general'];
    const fuzzer = new Fuzzer(doc, { id: known, number: numbers, branch: ['main'], key: ['sla', 'auth', 'tickets', 'branding'] });

    const ops = fuzzer.operations().filter((op) => !SKIP.has(`${op.method} ${op.path}`));
    const samples = new Map(ops.map((op, i) => [op, fc.sample(fuzzer.request(op), { seed: SEED + i, numRuns: CASES })]));
    const serverErrors: Finding[] = [];
    const undocumented: Finding[] = [];
    let cases = 0;
    const until = Date.now() + SECONDS * 1000;
    outer: for (let round = 0; round < CASES; round++) {
      for (const op of ops) {
        if (Date.now() > until) break outer;
        const req = samples.get(op)![round];
        const res = await send(op, req);
        cases++;
        const text = await res.text();
        const finding = { op: `${op.method} ${op.path}`, url: req.url.slice(0, 200), status: res.status, body: text.slice(0, 200) };
        if (res.status >= 500 && !(res.status === 503 && res.headers.get('retry-after'))) serverErrors.push(finding);
        else if (!(String(res.status) in op.responses) && !isUnroutable(res.status, text)) undocumented.push(finding);
      }
    }
    console.log(`[fuzz] seed ${SEED}: ${cases} cases over ${ops.length} operations; ${serverErrors.length} server errors, ${undocumented.length} undocumented statuses`);
    expect(cases).toBeGreaterThan(ops.length);
    expect(serverErrors).toEqual([]);
    expect(uniqueBy(undocumented)).toEqual([]);

    // No wedged workflow: every ticket answers a query, and no activity of it is stuck retrying.
    const wedged: string[] = [];
    for (const { n } of await s.database.db.select({ n: tickets.number }).from(tickets)) {
      const handle = s.temporal.env.client.workflow.getHandle(ticketWorkflowId(n));
      const answered = await Promise.race([handle.query(ticketStateQuery).then(() => true, () => false), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      const stuck = (await handle.describe()).raw.pendingActivities?.filter((a) => (a.attempt ?? 0) >= 5) ?? [];
      if (!answered || stuck.length) wedged.push(`ticket ${n}: ${answered ? '' : 'no answer to a query; '}${stuck.map((a) => `${a.activityType?.name} attempt ${a.attempt}`).join(', ')}`);
    }
    expect(wedged).toEqual([]);
  }, 300_000);
});

async function send(op: Operation, req: FuzzRequest): Promise<Response> {
  const intake = op.security?.some((sec) => 'intakeKey' in sec);
  const headers: Record<string, string> = intake ? { authorization: `Bearer ${INTAKE_KEY}` } : { cookie: admin.cookie, 'x-csrf-token': admin.csrf };
  if (req.contentType && req.body !== undefined) headers['content-type'] = req.contentType;
  return s.app.request(req.url, { method: op.method, headers, body: req.body });
}

/** A generated path that no route matches (an empty or slash-holding parameter) did not reach the operation. */
const isUnroutable = (status: number, body: string) => status === 404 && body.includes('"No route ');

const uniqueBy = (list: Finding[]) => [...new Map(list.map((f) => [`${f.op} ${f.status}`, f])).values()];
