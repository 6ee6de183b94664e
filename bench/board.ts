// `npm run bench -- board [tickets]`: the ticket board's server time. Seeds N tickets (default 10 000)
// straight into the read model of a fresh database, then times GET /api/v1/tickets through the real
// Hono app (session check, filters, sort, page and total) for typical board queries; prints p50/p95.
// Goal: every query under 150 ms. Then the desk's reads around the board: the views with their counts
// (the built-in one plus 20 shared and 20 personal: 41 count queries), the dashboards by role and a
// ticket's customer history. Needs DATABASE_URL (a real Postgres) for meaningful figures.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { createApp } from '../api/app';
import { branches, services, tickets, users } from '../db/schema';
import { ticketWorkflowId } from '../domain/ticket';
import type { ClockView } from '../domain/ticket-view';
import { PRIORITIES, TICKET_KINDS, TICKET_STATUSES } from '../domain/types';
import { bootstrap } from '../platform/bootstrap';
import { loadConfig } from '../platform/config';
import { hashPassword } from '../platform/security';
import { createTestDatabase } from '../test/support/db';

const n = Number(process.argv[2] ?? 10_000);
const RUNS = 60;
const WARMUP = 5;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const database = await createTestDatabase();
const { db } = database;
try {
  await bootstrap(db, { adminEmail: 'admin@bench.test', adminPassword: 'bench-admin-pass' });
  const BRANCHES = ['main', 'north', 'south', 'east', 'west', 'harbour', 'airport', 'mall'];
  const SERVICES = ['general', 'dining', 'rooms', 'delivery'];
  await db.insert(branches).values(BRANCHES.slice(1).map((id) => ({ id, name: id }))).onConflictDoNothing();
  await db.insert(services).values(SERVICES.slice(1).map((id) => ({ id, name: id }))).onConflictDoNothing();
  const agents = Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), email: `agent${i}@bench.test`, name: `Agent ${i}`, passwordHash: 'x', role: 'agent' as const, branches: [BRANCHES[i % BRANCHES.length]] }));
  await db.insert(users).values(agents);
  await db.insert(users).values({ id: 'bench-agent', email: 'agent@bench.test', name: 'Bench agent', passwordHash: await hashPassword('bench-agent-pass'), role: 'agent', branches: ['main', 'north'] });

  // Deterministic variety: every filter value occurs, open tickets dominate as on a live board.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const WORDS = ['cold', 'coffee', 'queue', 'rude', 'staff', 'waiting', 'dirty', 'table', 'refund', 'billing', 'charged', 'twice', 'late', 'delivery', 'noisy', 'room', 'broken', 'lift', 'parking', 'price'];
  const now = Date.now();
  const rows = Array.from({ length: n }, (_, i): typeof tickets.$inferInsert => {
    const createdAt = now - Math.floor(rnd() * 90 * 86_400_000);
    const status = rnd() < 0.6 ? pick(['new', 'in_progress', 'pending_customer', 'escalated', 'reopened'] as const) : pick(TICKET_STATUSES);
    const due = createdAt + 24 * 3_600_000;
    const clock: ClockView = { startedAt: createdAt, targetMs: 24 * 3_600_000, dueAt: due, warnAt: createdAt + 0.8 * 24 * 3_600_000, state: due < now ? 'breached' : 'running', paused: false, pausedMs: 0, metAt: null };
    const comment = Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => pick(WORDS)).join(' ');
    return {
      number: 1000 + i,
      workflowId: ticketWorkflowId(1000 + i),
      feedbackId: null,
      status,
      priority: pick(PRIORITIES),
      kind: rnd() < 0.8 ? 'recovery' : pick(TICKET_KINDS),
      channel: pick(['kiosk', 'qr', 'web', 'app', 'sms', 'email']),
      captureType: 'star',
      score: 1 + Math.floor(rnd() * 2),
      branch: pick(BRANCHES),
      service: pick(SERVICES),
      assigneeId: rnd() < 0.15 ? null : pick(agents).id,
      escalationLevel: rnd() < 0.8 ? 0 : 1 + Math.floor(rnd() * 2),
      breached: clock.state === 'breached' && rnd() < 0.5,
      sla: { firstResponse: clock, resolution: clock, nextReply: null },
      firstResponseDueAt: new Date(createdAt + 4 * 3_600_000),
      resolutionDueAt: new Date(due),
      title: comment.slice(0, 60),
      comment,
      contact: { name: 'Customer', email: `c${i}@example.com` },
      ai: null,
      sentiment: pick(['negative', 'neutral', 'positive']),
      urgency: pick(['low', 'medium', 'high']),
      churnRisk: Math.floor(rnd() * 101),
      createdAt: new Date(createdAt),
      updatedAt: new Date(createdAt),
    };
  });
  const t0 = performance.now();
  for (let i = 0; i < rows.length; i += 500) await db.insert(tickets).values(rows.slice(i, i + 500));
  await db.execute(sql`analyze`);
  console.log(`board bench — ${database.driver}, ${n} tickets seeded in ${Math.round(performance.now() - t0)} ms, ${RUNS} runs per query after ${WARMUP} warm-up`);

  // The list handler never talks to Temporal; a lazy client keeps the bench free of a server.
  const app = createApp({
    db,
    temporal: new Client(),
    config: loadConfig({ TEMPORAL_TASK_QUEUE: 'bench', PUBLIC_URL: 'http://bench', TEMPORAL_UI_URL: 'http://bench' }),
  });
  const login = async (email: string, password: string) => {
    const res = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0];
  };
  const sessions = { admin: await login('admin@bench.test', 'bench-admin-pass'), agent: await login('agent@bench.test', 'bench-agent-pass') };
  const open = 'status=new,in_progress,pending_customer,escalated,reopened';
  const someAgent = agents[3].id;
  const queries: Array<[keyof typeof sessions, string]> = [
    ['admin', ''],
    ['admin', `${open}&sort=sla_due`],
    ['agent', `${open}&sort=sla_due`],
    ['admin', 'branch=north&priority=high&sort=churn_risk'],
    ['admin', 'breached=true&sort=urgency'],
    ['admin', 'escalationLevel=1&sort=age'],
    ['admin', `assignee=${someAgent}&${open}&sort=sla_due`],
    ['admin', 'assignee=none&sort=sla_due'],
    ['admin', 'service=dining&kind=improvement&sort=newest'],
    ['agent', 'q=cold coffee&sort=newest'],
    ['admin', 'q=refund&status=new&sort=churn_risk'],
    ['admin', 'sort=age&offset=5000'],
    ['admin', 'limit=500&sort=sla_due'],
  ];
  const worst: number[] = [];
  for (const [who, qs] of queries) {
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t = performance.now();
      const res = await app.request(`/api/v1/tickets?${qs}`, { headers: { cookie: sessions[who] } });
      const body = (await res.json()) as { total: number };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${qs}: ${res.status} ${JSON.stringify(body)}`);
      total = body.total;
      if (i >= WARMUP) times.push(ms);
    }
    worst.push(pct(times, 95));
    const label = (qs || '(default: newest)').replace(someAgent, '<agent>').replace(/in_progress,pending_customer,escalated,reopened/, '…open');
    console.log(`${who.padEnd(5)} ${label.padEnd(56)} total ${String(total).padStart(5)}  p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms`);
  }
  const max = Math.max(...worst);
  console.log(`worst p95 ${max.toFixed(1)} ms — goal < 150 ms: ${max < 150 ? 'met' : 'NOT met'}`);

  // The desk: 20 shared views (an admin's) and 20 personal ones of the agent, each a board query.
  const csrf = async (cookie: string) => ((await (await app.request('/api/v1/auth/me', { headers: { cookie } })).json()) as { csrfToken: string }).csrfToken;
  const viewQueries = queries.map(([, qs]) => qs).filter((qs) => qs && !qs.includes('offset') && !qs.includes('limit'));
  for (const [who, shared] of [['admin', true], ['agent', false]] as const) {
    const token = await csrf(sessions[who]);
    for (let i = 0; i < 20; i++) {
      const body = JSON.stringify({ name: `${who} view ${i}`, query: viewQueries[i % viewQueries.length], shared });
      const res = await app.request('/api/v1/views', { method: 'POST', headers: { cookie: sessions[who], 'x-csrf-token': token, 'content-type': 'application/json' }, body });
      if (res.status !== 201) throw new Error(`view: ${res.status} ${await res.text()}`);
    }
  }
  const desk: Array<[keyof typeof sessions, string]> = [
    ['agent', '/views'],
    ['admin', '/views'],
    ['agent', '/dashboards/mine'],
    ['admin', '/dashboards/mine'],
    ['agent', '/tickets/1000/customer'],
  ];
  for (const [who, path] of desk) {
    const times: number[] = [];
    for (let i = 0; i < WARMUP + RUNS / 2; i++) {
      const t = performance.now();
      const res = await app.request(`/api/v1${path}`, { headers: { cookie: sessions[who] } });
      await res.text();
      if (res.status !== 200 && !(res.status === 403 && path.includes('customer'))) throw new Error(`${path}: ${res.status}`);
      if (i >= WARMUP) times.push(performance.now() - t);
    }
    console.log(`${who.padEnd(5)} GET ${path.padEnd(52)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms  p95 ${pct(times, 95).toFixed(1).padStart(6)} ms`);
  }
  console.log(`load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
} finally {
  await database.drop();
}
