// Claims a ticket's review/referral ask against the customer's quarterly cap. The claim is the
// outbox row (key `t<n>:advocacy`), written under a per-customer lock so two promoter tickets of the
// same customer arriving together cannot both slip under the cap.
import { and, count, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { notifications } from '../db/schema';
import { decideAdvocacyAsk, quarterStart, type AdvocacyAskDecision } from '../domain/advocacy';
import { readSetting } from '../db/settings';

const advocacyAskKey = (ticketNumber: number) => `t${ticketNumber}:advocacy`;

export async function claimAdvocacyAsk(db: Db, ask: { ticketNumber: number; email: string; now: number }): Promise<AdvocacyAskDecision> {
  const { email } = ask;
  const key = advocacyAskKey(ask.ticketNumber);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`advocacy:${email}`}))`);
    // An earlier attempt of this same ask claimed it: it stays claimed (and is sent, or was).
    const [own] = await tx.select({ key: notifications.key }).from(notifications).where(eq(notifications.key, key));
    if (own) return { send: true };
    const { capPerQuarter } = await readSetting(tx, 'advocacy');
    const since = new Date(quarterStart(ask.now)).toISOString();
    const [{ n }] = await tx
      .select({ n: count() })
      .from(notifications)
      .where(
        and(
          eq(notifications.target, email),
          like(notifications.key, 't%:advocacy'),
          sql`coalesce((${notifications.payload}->>'claimedAt')::timestamptz, ${notifications.sentAt}) >= ${since}::timestamptz`,
        ),
      );
    const decision = decideAdvocacyAsk({ email, capPerQuarter, asksThisQuarter: Number(n) });
    if (decision.send) {
      // Claimed against the quota, nothing sent yet: sendOnce takes it over ('pending').
      await tx.insert(notifications).values({ key, ticketNumber: ask.ticketNumber, channel: 'email', target: email, status: 'pending', payload: { claimedAt: new Date(ask.now).toISOString() } });
    }
    return decision;
  });
}
