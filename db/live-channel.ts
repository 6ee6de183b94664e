// The live channel in SQL: messages are published with pg_notify inside the caller's transaction (so they
// are heard exactly when what they announce is committed), each numbered by one sequence all processes
// share. A transaction's messages travel as one JSON array in one NOTIFY (issue 20: one pg_notify per
// projection, not one per ticket change plus one per agent notification).
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { LIVE_CHANNEL, type LiveMessage } from '../domain/live';

type Tx = Pick<Db, 'execute'>;

/** NOTIFY payloads stop at 8 000 bytes; a larger batch (a note that @mentions dozens) goes in several. */
const MAX_PAYLOAD = 7_000;

function batches(messages: LiveMessage[]): LiveMessage[][] {
  const out: LiveMessage[][] = [];
  let batch: LiveMessage[] = [];
  let size = 2;
  for (const m of messages) {
    const length = JSON.stringify(m).length + 20; // + the id the database adds
    if (batch.length && size + length > MAX_PAYLOAD) {
      out.push(batch);
      batch = [];
      size = 2;
    }
    batch.push(m);
    size += length + 1;
  }
  if (batch.length) out.push(batch);
  return out;
}

export async function publishLive(tx: Tx, messages: LiveMessage[]): Promise<void> {
  for (const batch of batches(messages)) {
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, (
      select jsonb_agg(jsonb_set(m, '{id}', to_jsonb(nextval('live_event_seq'))) order by i)
      from jsonb_array_elements(${JSON.stringify(batch)}::jsonb) with ordinality as t(m, i))::text)`);
  }
}

/** The last id handed out so far: a listener that starts now has heard nothing up to it. */
export async function livePosition(db: Tx): Promise<number> {
  const { rows } = (await db.execute(sql`select last_value, is_called from live_event_seq`)) as { rows: Array<{ last_value: string | number; is_called: boolean }> };
  return Number(rows[0].last_value) - (rows[0].is_called ? 0 : 1);
}
