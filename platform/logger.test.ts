import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, scrubText, withLogContext } from './logger';
import { PinoTemporalLogger } from './temporal-logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { logger: createLogger(stream), lines };
}

describe('logger', () => {
  it('writes JSON lines with the ids and redacts customer fields logged by mistake', () => {
    const { logger, lines } = capture();
    logger.child({ component: 'test' }).warn({ ticketNumber: 1007, contact: { email: 'rita@example.com', name: 'Rita Refund' }, feedback: { comment: 'my order 123', phone: '+44 20 7946 0958' }, email: 'x@example.com' }, 'projection failed');
    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 40, component: 'test', ticketNumber: 1007, msg: 'projection failed', contact: '[redacted]', email: '[redacted]' });
    expect(lines[0]).not.toMatch(/rita|Refund|order 123|7946/);
  });

  it('keeps an error message and stack', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('connection terminated') }, 'pool error');
    expect(JSON.parse(lines[0])).toMatchObject({ err: { message: 'connection terminated', type: 'Error' } });
  });
});

describe('error serialisation', () => {
  it('keeps what failed, not whom it was about: drizzle parameters, the failing row, SMTP-quoted addresses, phones', () => {
    const { logger, lines } = capture();
    const pg = Object.assign(new Error('new row for relation "tickets" violates check constraint "c1"'), { code: '23514', constraint: 'c1', table: 'tickets', detail: 'Failing row contains (7, Rita Refund, rita@example.com).' });
    const drizzle = Object.assign(new Error('Failed query: insert into "tickets" ("number", "title") values ($1, $2)\nparams: 7,Rita Refund,my order 123'), { params: [7, 'Rita Refund'], cause: pg });
    const smtp = Object.assign(new Error("Can't send mail - all recipients were rejected: 451 <rita@example.com>: mailbox busy"), { responseCode: 451, command: 'RCPT TO' });
    logger.error({ err: drizzle, ticketNumber: 7 }, 'projection failed');
    logger.warn({ error: smtp }, 'send failed for rita@example.com, +44 20 7946 0958');
    const all = lines.join('');
    expect(all).not.toMatch(/Rita|rita@|order 123|7946/);
    const [a, b] = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(a.err).toMatchObject({ type: 'Error', message: expect.stringContaining('params: [redacted]'), cause: { code: '23514', constraint: 'c1', table: 'tickets' } });
    expect(a.err.stack).toMatch(/^Error: Failed query/);
    expect(b.error).toMatchObject({ responseCode: 451, command: 'RCPT TO', message: expect.stringContaining('<[email]>') });
    expect(b.msg).toBe('send failed for [email], [number]');
  });

  it('leaves ids, dates and short numbers alone', () => {
    expect(scrubText('ticket #1007 (ticket-1007) due 2026-11-30, attempt 3 of 15')).toBe('ticket #1007 (ticket-1007) due 2026-11-30, attempt 3 of 15');
  });

  it('an SSO failure naming the staff member is scrubbed too', () => {
    const { logger, lines } = capture();
    logger.error({ err: new Error('unexpected "email" claim value: maria.lopez@corp.example') }, 'sign-in failed');
    expect(lines[0]).not.toContain('maria.lopez');
  });
});

describe('the Temporal SDK logger adapter', () => {
  it('logs the SDK metadata ids and serialises its error safely', () => {
    const { logger, lines } = capture();
    const sdk = new PinoTemporalLogger(logger);
    sdk.warn('Activity failed', { sdkComponent: 'worker', activityType: 'projectTicket', workflowId: 'ticket-7', attempt: 2, error: new Error('Failed query: update\nparams: rita@example.com') });
    sdk.debug('hidden at info');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 40, msg: 'Activity failed', activityType: 'projectTicket', workflowId: 'ticket-7', attempt: 2, err: { message: 'Failed query: update\nparams: [redacted]' } });
  });
});

describe('log context', () => {
  it('puts the request id on every line written inside it, and only there', async () => {
    const { logger, lines } = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      await Promise.resolve();
      logger.warn({ ticketNumber: 3 }, 'inside');
    });
    logger.warn('outside');
    expect(JSON.parse(lines[0])).toMatchObject({ requestId: 'req-1', ticketNumber: 3 });
    expect(JSON.parse(lines[1]).requestId).toBeUndefined();
  });
});
