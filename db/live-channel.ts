// The live channel in SQL: a message is published with pg_notify inside the caller's transaction (so it
// is heard exactly when what it announces is committed), numbered by one sequence all processes share.
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { LIVE_CHANNEL, type LiveMessage } from '../domain/live';

type Tx = Pick<Db, 'execute'>;

export async function publishLive(tx: Tx, message: LiveMessage): Promise<void> {
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, jsonb_set(${JSON.stringify(message)}::jsonb, '{id}', to_jsonb(nextval('live_event_seq')))::text)`);
}

/** The last id handed out so far: a listener that starts now has heard nothing up to it. */
export async function livePosition(db: Tx): Promise<number> {
  const { rows } = (await db.execute(sql`select last_value, is_called from live_event_seq`)) as { rows: Array<{ last_value: string | number; is_called: boolean }> };
  return Number(rows[0].last_value) - (rows[0].is_called ? 0 : 1);
}
