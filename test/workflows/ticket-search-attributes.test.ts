// A ticket started with its search attributes (as the intake starts it) keeps them current in the Temporal
// UI, and with search-attributes-when-changed upserts only those that changed: each upsert is a history
// event and a visibility write, and a burst of escalations pays for every one. The dev server, since the
// time-skipping server has no custom search attributes.
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { createMailer } from '../../activities/mailer';
import { ticketWorkflowId } from '../../domain/ticket';
import { initialSearchAttributes } from '../../workflows/intake';
import { ticketWorkflow } from '../../workflows/ticket';
import { ticketStateQuery } from '../../workflows/ticket-messages';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp';
import { startDevServerEnv, workflowBundle, type TemporalTestEnv } from '../support/temporal';
import { insertUser, ticketInput } from '../support/ticket-fixtures';
import { saveHistory, until } from '../support/ticket-workflow';

let t: TemporalTestEnv;
let database: TestDatabase;
let smtp: SmtpCapture;
beforeAll(async () => {
  [t, database, smtp] = await Promise.all([startDevServerEnv(), createTestDatabase(), startSmtpCapture()]);
});
afterAll(async () => {
  await Promise.all([t?.teardown(), database?.drop(), smtp?.close()]);
});

const decode = (p: { data?: Uint8Array | null }) => JSON.parse(Buffer.from(p.data ?? []).toString('utf8')) as unknown;

describe('search attributes of a ticket (search-attributes-when-changed)', () => {
  it('follows the escalation and upserts only what changed', async () => {
    const u = await insertUser(database.db, 'Sam');
    const taskQueue = `ticket-sa-${Date.now()}`;
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'support@closeloop.test' });
    const deps = { db: database.db, mailer, slack: null, ai: null, publicUrl: 'http://closeloop.test', mailDomain: 'closeloop.test' };
    const worker = await Worker.create({ connection: t.env.nativeConnection, taskQueue, activities: createActivities(deps), workflowBundle: workflowBundle() });
    await worker.runUntil(async () => {
      // L1 falls due 3 s after creation (real time on the dev server).
      const input = ticketInput(Date.now(), { assigneeId: 'agent-1', escalationChain: [{ level: 1, afterHours: 3 / 3600, users: [{ userId: u.id, channel: 'email' }] }] });
      const handle = await t.env.client.workflow.start(ticketWorkflow, { taskQueue, workflowId: ticketWorkflowId(input.number), args: [input], typedSearchAttributes: initialSearchAttributes(input) });
      await until(handle, (v) => v.escalationLevel === 1 && v.assigneeId === u.id && v.version > 0, 30_000);
      await smtp.waitFor((m) => m.envelopeTo.includes(u.email) && (m.parsed.subject ?? '').includes('L1'));
      // Settled: the escalation's projection has run and the next (SLA) timer is waiting.
      let events = (await handle.fetchHistory()).events!;
      for (let i = 0; i < 100 && !events[events.length - 1].timerStartedEventAttributes; i++) {
        await new Promise((r) => setTimeout(r, 100));
        events = (await handle.fetchHistory()).events!;
      }
      expect((await handle.query(ticketStateQuery)).status).toBe('escalated');

      const current = new Map<string, unknown>();
      for (const [k, p] of Object.entries(events[0].workflowExecutionStartedEventAttributes!.searchAttributes!.indexedFields!)) current.set(k, decode(p));
      const upserted: string[] = [];
      for (const e of events) {
        const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
        if (!fields) continue;
        for (const [k, p] of Object.entries(fields)) {
          if (k === 'TemporalChangeVersion') continue; // a patch marker's own upsert
          const value = decode(p);
          expect(value, `${k} upserted unchanged`).not.toEqual(current.get(k));
          current.set(k, value);
          upserted.push(k);
        }
      }
      expect(upserted.sort()).toEqual(['CloseloopAssignee', 'CloseloopEscalationLevel', 'CloseloopStatus']);
      const described = await handle.describe();
      expect(described.searchAttributes.CloseloopStatus).toEqual(['escalated']);
      expect(described.searchAttributes.CloseloopEscalationLevel).toEqual([1]);
      expect(described.searchAttributes.CloseloopAssignee).toEqual([u.id]);
      saveHistory(t.address, handle, 'search-attributes-when-changed');
      await handle.terminate('test over');
    });
    mailer.close();
  });
});
