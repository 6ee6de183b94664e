// Issue 18 item 1: nothing from outside can wedge a workflow. Every HTTP edge refuses NUL and lone
// surrogates with a 400 naming the field; a customer's mail is kept with them replaced; and when such
// text reaches a workflow anyway (a client talking to Temporal directly), Postgres' refusal is recorded
// on the timeline and mailed to the admins instead of being retried for ever — the ticket keeps taking
// commands and the intake keeps making tickets.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, ticketEvents, tickets } from '../../db/schema';
import { ticketWorkflowId } from '../../domain/ticket';
import { handleInboundMail } from '../../mail/inbound';
import { feedbackIntakeWorkflow } from '../../workflows/intake';
import { customerMessageSignal } from '../../workflows/ticket-messages';
import { ADMIN, INTAKE_KEY, startStack, type Session, type Stack } from '../support/stack';

let s: Stack;
let admin: Session;
beforeAll(async () => {
  s = await startStack();
  admin = await s.login();
});
afterAll(async () => s?.teardown());

const detractor = (over: Record<string, unknown> = {}) => ({ channel: 'kiosk', type: 'star', score: 1, comment: 'Cold soup', contact: { name: 'Ann Lee', email: 'ann@example.com' }, branch: 'main', externalId: randomUUID(), ...over });

async function newTicket(): Promise<number> {
  const sent = detractor();
  const res = await s.postFeedback(sent, '?wait=true');
  expect(res.status).toBe(202);
  return s.ticketNumberOf(res, sent);
}

async function expect400(res: Response, fields: string[]) {
  const body = (await res.json()) as { error: { code: string; details?: { fields?: Array<{ path: string; message: string }> } } };
  expect(res.status, JSON.stringify(body)).toBe(400);
  expect(body.error.code).toBe('INVALID_INPUT');
  const named = body.error.details?.fields ?? [];
  for (const f of fields) expect(named.find((n) => n.path === f)?.message, `${f} in ${JSON.stringify(named)}`).toMatch(/NUL|surrogate/);
}

const eventsOf = (n: number) => s.database.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, n)).orderBy(ticketEvents.seq);

describe('the HTTP edges refuse NUL and lone surrogates, naming the field', () => {
  it('intake feedback, one and in a batch', async () => {
    await expect400(await s.postFeedback(detractor({ comment: 'a\u0000b' })), ['comment']);
    await expect400(await s.postFeedback(detractor({ contact: { name: 'Ann\uD800' } })), ['contact.name']);
    const batch = await s.call('POST', '/api/v1/feedback/batch', { items: [detractor(), detractor({ comment: 'x\uDC00' })] }, null, { authorization: `Bearer ${INTAKE_KEY}` });
    await expect400(batch, ['items.1.comment']);
  });

  it('ticket commands, auth and admin settings', async () => {
    const n = await newTicket();
    await expect400(await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'note \u0000', visibility: 'internal' }, admin), ['body']);
    await expect400(await s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'in_progress', reason: '\uD83D' }, admin), ['reason']);
    await expect400(await s.call('POST', '/api/v1/auth/login', { email: ADMIN.email, password: 'x\u0000y' }), ['password']);
    // A schema that says z.string() (or takes a free-form object) is covered too.
    await expect400(await s.call('POST', '/api/v1/taxonomies', { kind: 'root_cause', name: 'Kitchen\u0000' }, admin), ['name']);
  });

  it('query strings and path segments', async () => {
    await expect400(await s.call('GET', '/api/v1/tickets?q=%00', undefined, admin), ['query.q']);
    await expect400(await s.call('GET', '/api/v1/tickets?status=new&q=a%00b', undefined, admin), ['query.q']);
    await expect400(await s.call('GET', '/api/v1/users/abc%00', undefined, admin), ['path']);
  });

  it('the SMS webhook form', async () => {
    const res = await s.app.request('/api/v1/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'MessageSid=SM1&From=%2B15550001&Body=5%00' });
    await expect400(res, ['Body']);
  });
});

describe('a ticket that cannot save what it was given keeps working', () => {
  it('records the refusal on the timeline, tells the admins, and takes the next command', async () => {
    const n = await newTicket();
    await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length > 0);
    // Past every API check: straight to the workflow, as a client with Temporal access could.
    await s.temporal.env.client.workflow.getHandle(ticketWorkflowId(n)).signal(customerMessageSignal, {
      messageId: `<nul-${randomUUID()}@x.test>`,
      from: 'ann@example.com',
      subject: 'Re: your ticket',
      body: 'It was cold\u0000 and late \uD800',
      verifiedSender: true,
      autoReply: false,
      attachments: [],
      receivedAt: Date.now(),
    });
    const failed = await s.eventually(async () => (await eventsOf(n)).find((e) => e.type === 'save_failed'), 30_000);
    expect(failed.data).toMatchObject({ textReplaced: true });
    expect(failed.data?.sqlState).toMatch(/^22/);
    expect(JSON.stringify(failed)).not.toContain('cold');
    // The customer's words are kept, with what Postgres cannot store replaced.
    const mail = await s.eventually(async () => (await eventsOf(n)).find((e) => e.type === 'email_in'));
    expect(mail.data?.body).toBe('It was cold\uFFFD and late \uFFFD');
    // The admins hear of it, without the text.
    const notice = await s.smtp.waitFor((m) => m.parsed.subject === `Could not save the timeline of ticket #${n}`, 20_000);
    expect(notice.envelopeTo).toEqual([ADMIN.email]);
    expect(notice.parsed.text).not.toContain('cold');
    // Later commands still work and reach the read model.
    const note = await s.call('POST', `/api/v1/tickets/${n}/comments`, { body: 'Checked with the kitchen', visibility: 'internal' }, admin);
    expect(note.status).toBe(200);
    const status = await s.call('POST', `/api/v1/tickets/${n}/status`, { to: 'pending_customer' }, admin);
    expect(status.status).toBe(200);
    await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n)))[0]?.status === 'pending_customer');
    const types = (await eventsOf(n)).map((e) => e.type);
    expect(types.filter((t) => t === 'save_failed')).toHaveLength(1);
  }, 60_000);

  it('an intake started directly with such text still makes a ticket, and the admins hear of it', async () => {
    const feedbackId = `feedback-kiosk-${randomUUID()}`;
    const result = await s.temporal.env.client.workflow.execute(feedbackIntakeWorkflow, {
      taskQueue: s.taskQueue,
      workflowId: feedbackId,
      args: [feedbackId, { channel: 'kiosk', type: 'star', score: 1, comment: 'Broken\u0000 tap', contact: { name: 'Bo\uDC00' }, branch: 'main' }, Date.now()],
    });
    expect(result.outcome).toBe('ticket');
    const [row] = await s.database.db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(row.comment).toBe('Broken\uFFFD tap');
    expect(row.contact.name).toBe('Bo\uFFFD');
    await s.smtp.waitFor((m) => m.parsed.subject === `Could not save feedback ${feedbackId}`, 20_000);
    await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, result.ticketNumber!))).length > 0);
  }, 60_000);
});

describe('a customer mail with NUL or lone surrogates is kept, never refused', () => {
  const rawMail = (opts: { id: string; subject: string; body: string; inReplyTo?: string }) =>
    Buffer.from(
      [
        'From: Cy Doe <cy@example.com>',
        'To: support@closeloop.test',
        `Subject: ${opts.subject}`,
        `Message-ID: ${opts.id}`,
        ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`] : []),
        'Date: Mon, 30 Nov 2026 10:00:00 +0000',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        opts.body,
        '',
      ].join('\r\n'),
    );

  it('as new feedback: the intake makes a ticket from it', async () => {
    const out = await handleInboundMail(rawMail({ id: `<new-${randomUUID()}@example.com>`, subject: '=?UTF-8?Q?Bad=00_stay?=', body: 'The room=00 was dirty' }), s.inboundDeps);
    expect(out.kind).toBe('new_feedback');
    const feedbackId = out.kind === 'new_feedback' ? out.feedbackId : '';
    const result = (await s.temporal.env.client.workflow.getHandle(feedbackId).result()) as { outcome: string; ticketNumber: number | null };
    const [row] = await s.database.db.select().from(feedback).where(eq(feedback.id, feedbackId));
    expect(row.comment).toContain('The room\uFFFD was dirty');
    expect(row.comment).toContain('Bad\uFFFD stay');
    if (result.outcome === 'ticket') await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, result.ticketNumber!))).length > 0);
  }, 60_000);

  it('as an answer on a ticket: the timeline says the text was replaced', async () => {
    const sent = detractor({ contact: { email: 'cy@example.com' } });
    const n = await s.ticketNumberOf(await s.postFeedback(sent, '?wait=true'), sent);
    await s.eventually(async () => (await s.database.db.select().from(tickets).where(eq(tickets.number, n))).length > 0);
    const out = await handleInboundMail(rawMail({ id: `<re-${randomUUID()}@example.com>`, subject: `Re: [#${n}] your feedback`, body: 'Still=00 waiting' }), s.inboundDeps);
    expect(out).toMatchObject({ kind: 'threaded', ticketNumber: n });
    const mail = await s.eventually(async () => (await s.database.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketNumber, n), eq(ticketEvents.type, 'email_in'))))[0]);
    expect(mail.data).toMatchObject({ body: 'Still\uFFFD waiting', textReplaced: true });
    expect((await eventsOf(n)).some((e) => e.type === 'save_failed')).toBe(false);
  }, 60_000);
});
