import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

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
