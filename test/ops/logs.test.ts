// The error paths that used to print customer data (a failing mail send, a projection error) on the real
// stack, with the process's logger captured: the lines name ids (workflow id, activity, request id),
// never the planted e-mail, name, phone or comment.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from '../../activities/mailer';
import { ticketWorkflowId } from '../../domain/ticket';
import { captureLogs } from '../../platform/logger';
import { outboxFailures } from '../../platform/metrics';
import { installTemporalLogger } from '../../platform/runtime';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { startStack, type Session, type Stack } from '../support/stack';

const PLANTED = { email: 'rita.refundsworth@example.com', name: 'Rita Refundsworth', phone: '+44 20 7946 0958', comment: 'Zorblax the night manager shouted at me' };
const PII = [PLANTED.email, 'Refundsworth', '7946', 'Zorblax'];

let s: Stack;
let failing: SmtpCapture;
let admin: Session;
const logs = captureLogs();
beforeAll(async () => {
  installTemporalLogger({ LOG_LEVEL: 'info' }); // the SDK's lines through our logger, as in production
  failing = await startSmtpCapture({ deferRecipients: [PLANTED.email] });
  s = await startStack({ activityDeps: { mailer: createMailer({ smtpUrl: failing.url, from: 'support@closeloop.test' }) } });
  admin = await s.login();
});
afterAll(async () => {
  logs.stop();
  await s?.teardown();
  await failing?.close();
});

const feedback = (externalId: string) => ({ channel: 'web', type: 'star', score: 1, comment: `${PLANTED.comment}, call me on ${PLANTED.phone}`, contact: { name: PLANTED.name, email: PLANTED.email, phone: PLANTED.phone }, branch: 'main', externalId });

async function openTicket(externalId: string): Promise<number> {
  const res = await s.postFeedback(feedback(externalId), '?wait=true');
  expect(res.status).toBe(202);
  return s.ticketNumberOf(res, feedback(externalId));
}

const lineWhere = (pred: (l: Record<string, unknown>) => boolean) => s.eventually(async () => logs.lines.find(pred), 30_000);

describe('logs carry ids, not customer data', () => {
  it('a public reply the mail server defers: the activity failure is logged with ids only', async () => {
    const n = await openTicket('log-mail');
    await s.eventually(async () => (await s.call('GET', `/api/v1/tickets/${n}`, undefined, admin)).status === 200);
    const reply = await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: `Dear ${PLANTED.name}, about Zorblax: sorry.`, visibility: 'public' }, admin, { 'x-request-id': 'req-log-mail-1' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-request-id')).toBe('req-log-mail-1');
    const line = await lineWhere((l) => l.msg === 'Activity failed' && l.activityType === 'sendPublicReply' && l.workflowId === ticketWorkflowId(n));
    expect(line).toMatchObject({ component: 'temporal', level: 40, err: { message: expect.stringContaining('[email]') } });
    // … and counted where the activity ran, by channel.
    const failures = (await outboxFailures.get()).values.find((v) => v.labels.channel === 'email' && v.labels.kind === 'transient');
    expect(failures?.value).toBeGreaterThanOrEqual(1);
    // The access line of that request: method, route template, status, duration, request id.
    const access = logs.lines.find((l) => l.component === 'http' && l.requestId === 'req-log-mail-1');
    expect(access).toMatchObject({ method: 'POST', route: '/api/v1/tickets/:id/comments', status: 200, ms: expect.any(Number) });
  });

  it('a projection Postgres refuses: the failing query is logged without its parameters or row', async () => {
    // Every new ticket row now fails a check, as a data error would: drizzle's message holds the query's
    // parameters, Postgres's detail the failing row.
    await s.database.db.execute(sql.raw('alter table tickets add constraint log_test_refuse check (number < 0) not valid'));
    try {
      const res = await s.postFeedback(feedback('log-projection'));
      expect(res.status).toBe(202);
      const line = await lineWhere((l) => l.msg === 'Activity failed' && l.activityType === 'projectTicket');
      // A refused write ends the activity as DATA_ERROR (activities/data-errors.ts), naming the activity and
      // the SQLSTATE only: neither the query's parameters nor Postgres's failing row reach the log.
      expect(line).toMatchObject({ component: 'temporal', err: expect.anything() });
      const err = JSON.stringify(line.err);
      expect(err).toContain('23514');
      expect(err).not.toMatch(/params:|Failing row|log-projection/);
      expect(String(line.workflowId)).toMatch(/^ticket-/);
    } finally {
      await s.database.db.execute(sql.raw('alter table tickets drop constraint log_test_refuse'));
    }
  });

  it('no captured line holds the planted e-mail, name, phone or comment', () => {
    expect(logs.raw.length).toBeGreaterThan(5);
    const all = logs.raw.join('');
    for (const p of PII) expect(all).not.toContain(p);
  });
});
