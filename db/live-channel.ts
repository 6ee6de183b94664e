// The live channel in SQL: a message is published with pg_notify inside the caller's transaction (so it
// is heard exactly when what it announces is committed), numbered by one sequence all processes share.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { LIVE_CHANNEL, type LiveMessage } from '../domain/live';

type Tx = Pick<Db, 'execute'>;

/** Publishes the messages in one statement, numbered in the order given. */
export async function publishLive(tx: Tx, message: LiveMessage | LiveMessage[]): Promise<void> {
  const messages = Array.isArray(message) ? message : [message];
  if (!messages.length) return;
  if (messages.length === 1) {
    await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, jsonb_set(${JSON.stringify(messages[0])}::jsonb, '{id}', to_jsonb(nextval('live_event_seq')))::text)`);
    return;
  }
  await tx.execute(
    sql`select pg_notify(${LIVE_CHANNEL}, jsonb_set(m.value, '{id}', to_jsonb(nextval('live_event_seq')))::text) from (select value, n from jsonb_array_elements(${JSON.stringify(messages)}::jsonb) with ordinality as e(value, n) order by n) m`,
  );
}

/** The last id handed out so far: a listener that starts now has heard nothing up to it. */
export async function livePosition(db: Tx): Promise<number> {
  const { rows } = (await db.execute(sql`select last_value, is_called from live_event_seq`)) as { rows: Array<{ last_value: string | number; is_called: boolean }> };
  return Number(rows[0].last_value) - (rows[0].is_called ? 0 : 1);
}
