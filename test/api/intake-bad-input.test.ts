// Every bad intake request gets a 4xx with a message naming the problem, and leaves no trace: no
// feedback row and no intake workflow in Temporal.
import { WorkflowNotFoundError } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback } from '../../db/schema';
import { INTAKE_KEY, startStack, type Stack } from '../support/stack';

let s: Stack;
beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.teardown());

const good = { channel: 'kiosk', type: 'star', score: 2, comment: 'Slow service', contact: { email: 'ann@example.com' }, branch: 'main' };
const auth = { authorization: `Bearer ${INTAKE_KEY}` };
const rowCount = async () => Number((await s.database.db.select({ c: sql<number>`count(*)::int` }).from(feedback))[0].c);
const intakeWorkflows = async () => (await s.temporal.env.client.workflow.count(`WorkflowType = 'feedbackIntakeWorkflow' AND TaskQueue = '${s.taskQueue}'`)).count;

/** The intake workflow id for channel + externalId must not exist: nothing was accepted. */
async function expectNoWorkflow(channel: string, externalId: string) {
  const err = await s.temporal.env.client.workflow
    .getHandle(`feedback-${channel}-${externalId}`)
    .describe()
    .then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowNotFoundError);
}

async function expectRejected(res: Response, status: number, code: string, message: RegExp) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(message);
}

describe('bad intake input', () => {
  it.each([
    ['a score of the wrong type', { ...good, score: 'two' }, /^score: .*number/i],
    ['a score given as a numeric string', { ...good, score: '2' }, /^score: .*number/i],
    ['a fractional score', { ...good, score: 1.5 }, /^score: score must be a whole number/],
    ['NPS 11', { ...good, type: 'nps', score: 11 }, /^score: a nps score must be between 0 and 10$/],
    ['NPS -1', { ...good, type: 'nps', score: -1 }, /^score: a nps score must be between 0 and 10$/],
    ['star 0', { ...good, type: 'star', score: 0 }, /^score: a star score must be between 1 and 5$/],
    ['smile 3', { ...good, type: 'smile', score: 3 }, /^score: a smile score must be between 0 and 2$/],
    ['an unknown capture type', { ...good, type: 'thumbs' }, /^type: /],
    ['an unknown channel', { ...good, channel: 'fax' }, /^channel: /],
    ['a missing score', { channel: 'kiosk', type: 'star' }, /^score: /],
    ['an unknown branch', { ...good, branch: 'nowhere' }, /^branch: unknown branch "nowhere"$/],
    ['an unknown service', { ...good, service: 'nothing' }, /^service: unknown service "nothing"$/],
    ['a bad e-mail address', { ...good, contact: { email: 'not-an-email' } }, /^contact\.email: /],
    ['an unexpected field', { ...good, rating: 5 }, /rating/],
    ['a comment over 10 000 characters', { ...good, comment: 'x'.repeat(10_001) }, /^comment: /],
    ['a bad submittedAt', { ...good, submittedAt: 'yesterday' }, /^submittedAt: /],
  ])('400 for %s', async (_what, body, message) => {
    const before = await rowCount();
    const externalId = `bad-${Math.random().toString(36).slice(2)}`;
    await expectRejected(await s.postFeedback({ ...body, externalId }), 400, 'INVALID_INPUT', message);
    expect(await rowCount()).toBe(before);
    await expectNoWorkflow(String(body.channel ?? 'kiosk'), externalId);
  });

  it('413 for a 1 MB comment', async () => {
    const res = await s.postFeedback({ ...good, comment: 'x'.repeat(1024 * 1024), externalId: 'bad-huge' });
    await expectRejected(res, 413, 'PAYLOAD_TOO_LARGE', /larger than 64 KB/);
    await expectNoWorkflow('kiosk', 'bad-huge');
    // Also when the client does not announce the size: the limit applies to what is read.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(JSON.stringify({ ...good, comment: 'y'.repeat(1024 * 1024), externalId: 'bad-huge-chunked' })));
        c.close();
      },
    });
    const chunked = await s.app.request('/api/v1/feedback', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    await expectRejected(chunked, 413, 'PAYLOAD_TOO_LARGE', /larger than 64 KB/);
    await expectNoWorkflow('kiosk', 'bad-huge-chunked');
  });

  it('401 for a missing, malformed or wrong key', async () => {
    for (const [i, headers] of ([{}, { authorization: 'Basic abc' }, { authorization: 'Bearer clk_wrong_key' }] as Array<Record<string, string>>).entries()) {
      await expectRejected(await s.call('POST', '/api/v1/feedback', { ...good, externalId: `bad-key-${i}` }, null, headers), 401, 'UNAUTHORIZED', /intake key/i);
      await expectNoWorkflow('kiosk', `bad-key-${i}`);
    }
    // The batch endpoint too.
    await expectRejected(await s.call('POST', '/api/v1/feedback/batch', { items: [{ ...good, externalId: 'bad-key-batch' }] }, null, { authorization: 'Bearer clk_wrong_key' }), 401, 'UNAUTHORIZED', /intake key/i);
    await expectNoWorkflow('kiosk', 'bad-key-batch');
  });

  it('400 for malformed JSON or a non-object, 415 for a body that is not JSON', async () => {
    await expectRejected(await s.call('POST', '/api/v1/feedback', '{"channel":"kiosk","type":"star","score":2,"externalId":"bad-json"', null, { ...auth, 'content-type': 'application/json' }), 400, 'INVALID_INPUT', /json/i);
    await expectRejected(await s.call('POST', '/api/v1/feedback', '[1,2,3]', null, { ...auth, 'content-type': 'application/json' }), 400, 'INVALID_INPUT', /expected object/i);
    const form = await s.call('POST', '/api/v1/feedback', 'channel=kiosk&type=star&score=2', null, { ...auth, 'content-type': 'application/x-www-form-urlencoded' });
    await expectRejected(form, 415, 'INVALID_INPUT', /Unsupported Media Type/);
    await expectNoWorkflow('kiosk', 'bad-json');
  });

  it('stored nothing for any of them: one good feedback afterwards is the only row and the only intake workflow', async () => {
    expect(await rowCount()).toBe(0);
    const ok = await s.postFeedback({ ...good, externalId: 'good-1' }, '?wait=true');
    expect(ok.status).toBe(202);
    expect(await rowCount()).toBe(1);
    // Visibility is eventually consistent: wait for the good one, then the total must be exactly one.
    await s.eventually(async () => (await intakeWorkflows()) >= 1);
    expect(await intakeWorkflows()).toBe(1);
  });
});
