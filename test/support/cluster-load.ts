// Load and bookkeeping for the multi-process tests (test/support/cluster.ts): intake and agent actions
// driven over HTTP through every API process the way a client does (a failed request is retried with the
// same external id), and the tally the tests assert: accepted vs recorded feedback, tickets per
// feedback, e-mails per purpose per ticket, webhook events, stuck workflows, crashed processes.
import pLimit from 'p-limit';
import type { Client } from '@temporalio/client';
import { ticketWorkflowId } from '../../domain/ticket';
import { CLUSTER_ADMIN, CLUSTER_INTAKE_KEY, sleep, type Cluster } from './cluster';

export interface Session {
  cookie: string;
  csrf: string;
}

/** One HTTP request with a deadline; a network error or timeout is status 0. */
export async function request(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {}): Promise<{ status: number; json: unknown; headers: Headers | null; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers, ms: Date.now() - started };
  } catch {
    return { status: 0, json: null, headers: null, ms: Date.now() - started };
  }
}

export async function login(apiUrl: string): Promise<Session> {
  const res = await fetch(`${apiUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(CLUSTER_ADMIN) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const authed = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

export interface IntakeRun {
  /** Feedback ids the API acknowledged (2xx), by the external id sent. */
  accepted: Map<string, string>;
  /** External ids never acknowledged after every retry. */
  refused: string[];
  /** Every non-2xx answer (status 0: no answer in time), e.g. during an outage. */
  failures: number[];
}

/** Sends one detractor feedback per external id, alternating API processes; a failed request is
 * retried (up to `attempts`, on the next API) with the same external id, as a client would. */
export async function driveIntake(cluster: Cluster, externalIds: string[], opts: { concurrency?: number; attempts?: number; onProgress?: (done: number) => void } = {}): Promise<IntakeRun> {
  const run: IntakeRun = { accepted: new Map(), refused: [], failures: [] };
  const limit = pLimit(opts.concurrency ?? 4);
  let done = 0;
  await Promise.all(
    externalIds.map((externalId, i) =>
      limit(async () => {
        for (let attempt = 0; attempt < (opts.attempts ?? 20); attempt++) {
          const api = cluster.apis[(i + attempt) % cluster.apis.length];
          const res = await request(`${api.url}/api/v1/feedback`, {
            body: { channel: 'web', type: 'star', score: 1, comment: 'The order arrived late and cold', contact: { name: 'Chaos Customer', email: `${externalId}@customers.test` }, branch: 'main', externalId },
            headers: { authorization: `Bearer ${CLUSTER_INTAKE_KEY}` },
          });
          if (res.status >= 200 && res.status < 300) {
            run.accepted.set(externalId, (res.json as { id: string }).id);
            break;
          }
          run.failures.push(res.status);
          await sleep(Math.min(500 * 2 ** attempt, 3_000));
        }
        if (!run.accepted.has(externalId)) run.refused.push(externalId);
        opts.onProgress?.(++done);
      }),
    ),
  );
  return run;
}

/** The ticket each accepted feedback opened, once the read model has it (waits up to `timeoutMs`). */
export async function ticketsOf(cluster: Cluster, feedbackIds: string[], timeoutMs = 120_000): Promise<Map<string, number>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await queryOr(cluster, 'select feedback_id, number from tickets where feedback_id = any($1)', [feedbackIds]);
    const map = new Map(rows.map((r) => [r.feedback_id as string, r.number as number]));
    if (map.size >= feedbackIds.length || Date.now() > until) return map;
    await sleep(500);
  }
}

export interface AgentRun {
  replied: number[];
  resolved: number[];
  failures: number[];
  /** The first few failed answers, for the test's message. */
  errors: string[];
}

/** An agent answers each ticket publicly (a reply mail) and resolves it (the CSAT survey), alternating
 * API processes with one session (sessions live in Postgres: any API accepts it). */
export async function driveAgent(cluster: Cluster, session: Session, numbers: number[], opts: { concurrency?: number } = {}): Promise<AgentRun> {
  const run: AgentRun = { replied: [], resolved: [], failures: [], errors: [] };
  const failed = (what: string, res: { status: number; json: unknown }) => {
    run.failures.push(res.status);
    if (run.errors.length < 5) run.errors.push(`${what}: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
  };
  const tax = await queryOr(cluster, 'select id, kind from taxonomy_entries', []);
  const rootCauseId = tax.find((t) => t.kind === 'root_cause')!.id as string;
  const actionId = tax.find((t) => t.kind === 'action')!.id as string;
  const limit = pLimit(opts.concurrency ?? 4);
  await Promise.all(
    numbers.map((n, i) =>
      limit(async () => {
        const api = (k: number) => cluster.apis[(i + k) % cluster.apis.length].url!;
        // A command is retried only when it surely did not run (no answer means it may have: not retried).
        for (let k = 0; k < 5; k++) {
          const res = await request(`${api(k)}/api/v1/tickets/${n}/comments`, { body: { body: 'Sorry about that, a voucher is on its way.', visibility: 'public' }, headers: authed(session), timeoutMs: 30_000 });
          if (res.status === 200) {
            run.replied.push(n);
            break;
          }
          failed(`comment on #${n}`, res);
          if (res.status === 0) break;
          await sleep(1_000);
        }
        for (let k = 0; k < 5; k++) {
          const res = await request(`${api(k + 1)}/api/v1/tickets/${n}/resolve`, { body: { rootCauseId, actionId }, headers: authed(session), timeoutMs: 30_000 });
          if (res.status === 200) {
            run.resolved.push(n);
            break;
          }
          failed(`resolve #${n}`, res);
          if (res.status === 0) break;
          await sleep(1_000);
        }
      }),
    ),
  );
  return run;
}

export interface Tally {
  accepted: number;
  recorded: number;
  /** Accepted but never recorded, or recorded without its ticket. */
  lost: string[];
  /** Feedback with more than one ticket. */
  duplicateTickets: string[];
  mails: number;
  /** The same message (Message-ID) received more than once, or more mails of a purpose than the ticket's events call for. */
  duplicateMails: string[];
  /** Mails the tickets' events call for that never arrived. */
  missingMails: string[];
  /** How many of `duplicateMails` are more mails of a purpose than the read model shows events for: a send
   * whose event the ticket has not projected yet looks the same until the projection lands. */
  mailsAheadOfEvents: number;
  webhookEvents: number;
  /** Queued events no receiver got (2xx). */
  undeliveredWebhooks: string[];
  /** One event id carrying two different events. */
  webhookIdClashes: string[];
  /** Intake workflows still running, ticket workflows with an activity failing over and over. */
  stuck: string[];
  crashed: string[];
}

async function queryOr(cluster: Cluster, text: string, values: unknown[]): Promise<Record<string, unknown>[]> {
  for (let i = 0; ; i++) {
    try {
      return (await cluster.sql.query(text, values)).rows;
    } catch (e) {
      if (i >= 20) throw e;
      await sleep(500); // our own connection may have been cut with the app's
    }
  }
}

export async function tally(cluster: Cluster, accepted: Map<string, string>): Promise<Tally> {
  const ids = [...accepted.values()];
  const fb = await queryOr(cluster, 'select id, outcome from feedback where id = any($1)', [ids]);
  const tix = await queryOr(cluster, 'select feedback_id, number from tickets where feedback_id = any($1)', [ids]);
  const perFeedback = new Map<string, number[]>();
  for (const t of tix) perFeedback.set(t.feedback_id as string, [...(perFeedback.get(t.feedback_id as string) ?? []), t.number as number]);
  const recorded = new Set(fb.map((r) => r.id as string));
  const lost = ids.filter((id) => !recorded.has(id) || !perFeedback.has(id));
  const duplicateTickets = [...perFeedback].filter(([, ns]) => ns.length > 1).map(([id, ns]) => `${id}: tickets ${ns.join(', ')}`);

  // Mails: by Message-ID, and per ticket and purpose against what its timeline says happened.
  const byId = new Map<string, number>();
  for (const m of cluster.mails()) byId.set(m.parsed.messageId ?? '?', (byId.get(m.parsed.messageId ?? '?') ?? 0) + 1);
  const duplicateMails = [...byId].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  const numbers = tix.map((t) => t.number as number);
  const events = await queryOr(cluster, `select ticket_number, type, data->>'visibility' as visibility from ticket_events where ticket_number = any($1) and type in ('comment', 'csat_sent')`, [numbers]);
  const want = new Map<string, number>();
  for (const e of events) {
    const purpose = e.type === 'csat_sent' ? 'csat' : e.visibility === 'public' ? 'reply' : null;
    if (purpose) want.set(`${e.ticket_number}:${purpose}`, (want.get(`${e.ticket_number}:${purpose}`) ?? 0) + 1);
  }
  const got = new Map<string, number>();
  const ours = new Set(numbers);
  for (const m of cluster.mails()) {
    const match = /^<ticket-(\d+)-(csat\d+|\d+)@/.exec(m.parsed.messageId ?? '');
    if (!match || !ours.has(Number(match[1]))) continue; // another batch's ticket
    const key = `${match[1]}:${match[2].startsWith('csat') ? 'csat' : 'reply'}`;
    got.set(key, (got.get(key) ?? 0) + 1);
  }
  const ahead = [...got].filter(([key, n]) => n > (want.get(key) ?? 0));
  for (const [key, n] of ahead) duplicateMails.push(`${key}: ${n} mails for ${want.get(key) ?? 0} event(s)`);
  const missingMails = [...want].filter(([key, n]) => (got.get(key) ?? 0) < n).map(([key, n]) => `${key}: ${got.get(key) ?? 0} of ${n}`);

  // Webhooks: every queued event reached the receiver at least once; one id, one event.
  const queued = await queryOr(cluster, 'select id from webhook_events', []);
  const received = new Map<string, Set<string>>();
  for (const h of cluster.webhooks.received) {
    if (h.answered >= 300) continue;
    const body = JSON.stringify({ type: h.json.type, data: h.json.data });
    received.set(h.json.id, (received.get(h.json.id) ?? new Set()).add(body));
  }
  const undeliveredWebhooks = queued.map((q) => q.id as string).filter((id) => !received.has(id));
  const webhookIdClashes = [...received].filter(([, bodies]) => bodies.size > 1).map(([id]) => id);

  return {
    accepted: ids.length,
    recorded: recorded.size,
    lost,
    duplicateTickets,
    mails: cluster.mails().length,
    duplicateMails,
    missingMails,
    mailsAheadOfEvents: ahead.length,
    webhookEvents: queued.length,
    undeliveredWebhooks,
    webhookIdClashes,
    stuck: await stuckWorkflows(cluster.temporal.client, numbers),
    crashed: cluster.crashes(),
  };
}

/** Intake workflows still running, and tickets whose workflow keeps failing an activity (attempt ≥ 3). */
async function stuckWorkflows(client: Client, numbers: number[]): Promise<string[]> {
  const stuck: string[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowType = 'feedbackIntakeWorkflow' AND ExecutionStatus = 'Running'` })) stuck.push(wf.workflowId);
  const limit = pLimit(8);
  await Promise.all(
    numbers.map((n) =>
      limit(async () => {
        const d = await client.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: ticketWorkflowId(n) } }).catch(() => null);
        const failing = (d?.pendingActivities ?? []).filter((a) => (a.attempt ?? 0) >= 3);
        if (failing.length) stuck.push(`${ticketWorkflowId(n)}: ${failing.map((a) => `${a.activityType?.name} attempt ${a.attempt}`).join(', ')}`);
      }),
    ),
  );
  return stuck;
}

/** Polls the tally until nothing is lost, missing, undelivered or stuck (or the deadline passes). */
export async function settle(cluster: Cluster, accepted: Map<string, string>, timeoutMs: number): Promise<Tally> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = await tally(cluster, accepted);
    // A mail ahead of its event is waited for too (the worker may have sent the survey and not yet projected
    // it); a true duplicate stays one and is reported when the time is up.
    const open = t.lost.length + t.missingMails.length + t.mailsAheadOfEvents + t.undeliveredWebhooks.length + t.stuck.length;
    if (open === 0 || Date.now() > until) return t;
    await sleep(2_000);
  }
}

/** One line per scenario, for the log and the README. */
export function summary(name: string, t: Tally, extra = ''): string {
  return (
    `[chaos] ${name}: accepted ${t.accepted}, recorded ${t.recorded}, lost ${t.lost.length}, duplicate tickets ${t.duplicateTickets.length}, ` +
    `mails ${t.mails} (duplicate ${t.duplicateMails.length}, missing ${t.missingMails.length}), webhook events ${t.webhookEvents} (undelivered ${t.undeliveredWebhooks.length}, id clashes ${t.webhookIdClashes.length}), ` +
    `stuck ${t.stuck.length}, crashed ${t.crashed.length}${extra ? `; ${extra}` : ''}`
  );
}
