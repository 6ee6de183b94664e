// The promoter ask's frequency cap: at most `capPerQuarter` review/referral asks per customer per
// calendar quarter (UTC), so promoters are asked while the experience is fresh but never pestered. Pure.

/** Start (epoch ms) of the UTC calendar quarter that contains `at`: 1 Jan, 1 Apr, 1 Jul or 1 Oct. */
export function quarterStart(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
}

export type AdvocacyAskDecision = { send: true } | { send: false; reason: string };

/**
 * Whether this ticket's ask may go out. `asksThisQuarter` counts asks already claimed for the same
 * customer (e-mail address) since `quarterStart(now)`, this ticket's own excluded.
 */
export function decideAdvocacyAsk(input: { email: string | undefined; capPerQuarter: number; asksThisQuarter: number }): AdvocacyAskDecision {
  if (!input.email) return { send: false, reason: 'no e-mail address' };
  if (input.capPerQuarter <= 0) return { send: false, reason: 'advocacy asks are switched off (cap 0 per quarter)' };
  if (input.asksThisQuarter >= input.capPerQuarter) {
    return { send: false, reason: `customer already asked ${input.asksThisQuarter} time${input.asksThisQuarter === 1 ? '' : 's'} this quarter (cap ${input.capPerQuarter})` };
  }
  return { send: true };
}
