// Helpers shared by the ticket-workflow tests on the time-skipping server.
import type { WorkflowHandle } from '@temporalio/client';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolveTemporalBinary } from '../../platform/temporal-binaries';
import { ticketStateQuery } from '../../workflows/ticket-messages';
import type { TicketView } from '../../domain/ticket-view';

/** Polls the live state (real time) until it satisfies the predicate. */
export async function until(handle: WorkflowHandle, pred: (v: TicketView) => boolean, timeoutMs = 20_000): Promise<TicketView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await handle.query(ticketStateQuery);
    if (pred(v)) return v;
    if (Date.now() > deadline) throw new Error(`state never matched; last: ${JSON.stringify({ status: v.status, sla: v.sla, escalationLevel: v.escalationLevel })}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for the workflows' in-flight activities to finish while a worker still runs: the test server's
 * clock stays locked while an activity task waits for a worker, which would stall the next test. */
export async function settleActivities(handles: WorkflowHandle[]): Promise<void> {
  for (const h of handles) {
    for (let i = 0; i < 100; i++) {
      const d = await h.describe().catch(() => null);
      if (!d || d.status.name !== 'RUNNING' || (d.raw.pendingActivities ?? []).length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** With `SAVE_HISTORIES=1`, writes the workflow's history as a fixture the replay test guards (the CLI
 * writes the standard JSON history format other Temporal tools read). */
export function saveHistory(address: string, handle: WorkflowHandle, name: string): void {
  if (!process.env.SAVE_HISTORIES) return;
  mkdirSync('test/fixtures/histories', { recursive: true });
  const cli = resolveTemporalBinary('cli', { log: () => undefined })!.path;
  const json = execFileSync(cli, ['workflow', 'show', '--address', address, '-w', handle.workflowId, '-o', 'json'], { maxBuffer: 64 << 20 });
  writeFileSync(`test/fixtures/histories/${name}.json`, json);
}
