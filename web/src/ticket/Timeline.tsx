// A ticket's history: audit events, public replies, internal notes, customer emails and CSAT, each
// worded for people (names instead of ids) and marked with its type for styling and tests.
import { label, type TaxonomyEntry, type TimelineEntry } from '../api';
import { Attachments, type AttachmentRef } from '../Attachments';
import { fmtDate } from '../ui';

const SKIP: Record<string, string> = { inactive: 'is deactivated', unavailable: 'is away', at_capacity: 'is at capacity' };
const CLOCK: Record<string, string> = { firstResponse: 'first response', resolution: 'resolution', nextReply: 'next reply' };

export function Timeline({ events, nameOf, taxonomy }: { events: TimelineEntry[]; nameOf: (id: string | null) => string; taxonomy: TaxonomyEntry[] }) {
  const entry = (id: unknown) => taxonomy.find((x) => x.id === id)?.name ?? String(id ?? '?');
  // An escalation's owner choice: who was passed over and why (data.skipped from the workflow).
  const skippedWords = (skipped: unknown) =>
    (Array.isArray(skipped) ? (skipped as Array<{ userId: string; why: string }>) : []).map((x) => `${nameOf(x.userId)} ${SKIP[x.why] ?? x.why}`).join(', ') || 'nobody could take it';
  const describe = (e: TimelineEntry): { title: string; body?: string; kind?: string } => {
    const d = e.data ?? {};
    switch (e.type) {
      case 'created':
        return { title: `Ticket opened${e.reason ? ` by ${e.reason}` : ''}` };
      case 'status_changed':
        return { title: `Status ${label(e.from ?? '')} → ${label(e.to ?? '')}` };
      case 'assigned':
        return {
          title: e.to ? `Assigned to ${nameOf(e.to)}${e.from ? ` (was ${nameOf(e.from)})` : ''}` : `Unassigned (was ${nameOf(e.from)})`,
          body: d.skipped ? `Passed over: ${skippedWords(d.skipped)}` : undefined,
        };
      case 'priority_changed':
        return { title: `Priority ${e.from} → ${e.to}` };
      case 'comment':
        if (d.unverifiedSender) return { title: `Email from an unverified sender (${String(d.from ?? '?')})`, body: String(d.body ?? ''), kind: 'internal' };
        return d.visibility === 'public' ? { title: 'Reply to the customer', body: String(d.body ?? ''), kind: 'public' } : { title: 'Internal note', body: String(d.body ?? ''), kind: 'internal' };
      case 'email_in':
        return { title: `Customer email${d.subject ? `: ${String(d.subject)}` : ''}${d.textReplaced ? ' (characters that cannot be stored were replaced by �)' : ''}`, body: String(d.body ?? ''), kind: 'customer' };
      case 'email_out': {
        const to = String(d.to ?? 'the customer');
        if (d.delivery === 'failed') return { title: `Email to ${to} refused`, body: d.error ? String(d.error) : undefined };
        return { title: `Email sent to ${to}` };
      }
      case 'google_reply':
        if (d.delivery === 'failed') return { title: 'Reply on Google refused', body: d.error ? String(d.error) : undefined };
        return { title: 'Replied on Google' };
      case 'google_reply_deleted':
        if (d.delivery === 'failed') return { title: 'Reply on Google not deleted', body: d.error ? String(d.error) : undefined };
        return { title: `Reply on Google deleted${d.by ? ` (asked by ${String(d.by)})` : ''}` };
      case 'google_rating_changed':
        return { title: `The reviewer changed the rating from ${String(d.from ?? '?')}★ to ${String(d.to ?? '?')}★`, kind: 'customer' };
      case 'escalated':
        return { title: `Escalated ${e.from ?? ''} → ${e.to ?? ''}` };
      case 'assignment_skipped':
        return { title: `Not reassigned at ${e.to ?? 'escalation'}: ${skippedWords(d.skipped)}`, body: e.reason ?? undefined };
      case 'escalation_exhausted':
        return { title: `Last escalation level reached (${e.to})` };
      case 'sla_warning':
        return { title: `SLA ${CLOCK[e.to ?? ''] ?? e.to} at risk` };
      case 'sla_breached':
        return { title: `SLA ${CLOCK[e.to ?? ''] ?? e.to} breached` };
      case 'sla_met':
        return { title: `SLA ${CLOCK[e.to ?? ''] ?? e.to} met` };
      case 'ai_analysed':
        return { title: `Analysed (${d.source === 'local' ? 'local analyser' : 'model'}): ${String(d.sentiment ?? '')}` };
      case 'notification_sent': {
        const recipients = Array.isArray(d.recipients) ? (d.recipients as Array<{ userId: string; channel: string; delivery?: string; error?: string; fallback?: string }>) : [];
        const reached = recipients.filter((r) => r.delivery !== 'failed');
        const refused = recipients.filter((r) => r.delivery === 'failed');
        const to = reached.map((r) => `${nameOf(r.userId)} by ${r.channel}${r.fallback ? ' instead of Slack' : ''}${r.delivery === 'unconfirmed' ? ' (unconfirmed)' : ''}`).join(', ');
        const notes = [
          ...(refused.length ? [`Not delivered: ${refused.map((r) => `${nameOf(r.userId)} by ${r.channel} (${r.error ?? 'refused'})`).join(', ')}`] : []),
          // A Slack level without a Slack token is e-mailed; say so rather than let it look like Slack.
          ...[...new Set(recipients.map((r) => r.fallback).filter(Boolean))].map(String),
        ];
        return { title: `Notified ${to || 'nobody'}${d.level ? ` (L${String(d.level)})` : ''}`, body: notes.join('\n') || undefined };
      }
      case 'csat_sent':
        return { title: 'CSAT survey sent' };
      case 'csat_answered':
        return { title: `CSAT answer ${e.to}/5${e.reason ? ` — ${entry(e.reason)}` : ''}`, body: d.comment ? String(d.comment) : undefined, kind: 'customer' };
      case 'resolved':
        return { title: `Resolved: ${entry(d.rootCauseId)} / ${entry(d.actionId)}`, body: d.note ? String(d.note) : undefined, kind: 'internal' };
      case 'reopened':
        return { title: 'Reopened' };
      case 'closed':
        return { title: 'Closed' };
      case 'advocacy_ask':
        return { title: d.sent ? 'Review invitation sent' : 'No review invitation' };
      default:
        return { title: label(e.type) };
    }
  };
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol className="timeline">
        {events.map((e) => {
          const { title, body, kind } = describe(e);
          return (
            <li key={e.seq} data-type={e.type} data-visibility={kind}>
              <div className="tl-head">
                <strong>{title}</strong> <span className="tl-by">by {e.actorName}</span> <time dateTime={new Date(e.at).toISOString()}>{fmtDate(e.at)}</time>
              </div>
              {e.reason && e.type !== 'created' && e.type !== 'csat_answered' && <div className="tl-reason">{e.reason}</div>}
              {body && <blockquote data-visibility={kind}>{body}</blockquote>}
              {typeof e.data?.quoted === 'string' && e.data.quoted && (
                <details className="tl-quoted">
                  <summary>Show quoted text</summary>
                  <blockquote>{e.data.quoted}</blockquote>
                </details>
              )}
              {Array.isArray(e.data?.attachments) && <Attachments items={e.data.attachments as AttachmentRef[]} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
