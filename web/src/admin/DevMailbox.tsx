// Admin, embedded mode: what the app sent to the built-in dev mailbox, and "answer as the customer",
// which the server turns into a real reply handled exactly like mail read over IMAP.
import { useCallback, useEffect, useState } from 'react';
import type { DevMailDetail, DevMailSummary } from '../../../mail/dev-mailbox';
import type { InboundOutcome } from '../../../mail/inbound';
import { api } from '../api';

function describe(o: InboundOutcome): string {
  switch (o.kind) {
    case 'threaded':
      return `Added to ticket #${o.ticketNumber} (matched by ${o.route})${o.verified ? '' : ' as an unverified-sender note'}.`;
    case 'follow_up':
      return `Ticket #${o.linkedTicketNumber} is closed: a follow-up ticket is being opened.`;
    case 'new_feedback':
      return 'It answers no ticket: it became new feedback on the email channel.';
    case 'ignored':
      return `Ignored: ${o.reason}.`;
  }
}

export function DevMailbox({ openTicket }: { openTicket: (n: number) => void }) {
  const [enabled, setEnabled] = useState(true);
  const [items, setItems] = useState<DevMailSummary[]>([]);
  const [open, setOpen] = useState<DevMailDetail | null>(null);
  const [body, setBody] = useState('');
  const [from, setFrom] = useState('');
  const [result, setResult] = useState<InboundOutcome | null>(null);
  const [error, setError] = useState('');

  const load = useCallback(
    () =>
      api<{ enabled: boolean; items: DevMailSummary[] }>('GET', '/dev-mailbox?limit=100')
        .then((r) => (setEnabled(r.enabled), setItems(r.items)))
        .catch((e: Error) => setError(e.message)),
    [],
  );
  useEffect(() => {
    void load();
    const id = setInterval(load, 3000);
    return () => clearInterval(id);
  }, [load]);

  const show = async (id: number) => {
    setResult(null);
    setError('');
    setBody('');
    setFrom('');
    setOpen(await api<DevMailDetail>('GET', `/dev-mailbox/${id}`));
  };

  if (!enabled) return <p>The dev mailbox is off: mail goes to the SMTP server in SMTP_URL.</p>;
  return (
    <section className="dev-mailbox" aria-label="Dev mailbox">
      <h2>Dev mailbox</h2>
      <p>Everything the app sent while no SMTP_URL is set. Open a message to answer it as the customer.</p>
      <table className="mail-list">
        <thead>
          <tr>
            <th>When</th>
            <th>To</th>
            <th>Subject</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-direction={m.direction} data-selected={open?.id === m.id}>
              <td>{new Date(m.receivedAt).toLocaleString()}</td>
              <td>{m.direction === 'answered' ? `↩ from ${m.from}` : m.to.join(', ')}</td>
              <td>
                <button className="link" onClick={() => show(m.id)}>
                  {m.subject || '(no subject)'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <p role="alert">{error}</p>}
      {open && (
        <article className="panel" aria-label="Message">
          <h3>{open.subject}</h3>
          <dl className="headers">
            {['from', 'to', 'reply-to', 'message-id', 'in-reply-to'].filter((h) => open.headers[h]).map((h) => (
              <div key={h}>
                <dt>{h}</dt>
                <dd>{open.headers[h]}</dd>
              </div>
            ))}
          </dl>
          <pre className="mail-text">{open.text}</pre>
          {open.html && <iframe title="HTML part" sandbox="" srcDoc={open.html} className="mail-html" />}
          {open.direction === 'sent' && (
            <form
              className="composer"
              aria-label="Answer as the customer"
              onSubmit={async (e) => {
                e.preventDefault();
                setError('');
                try {
                  const r = await api<{ outcome: InboundOutcome }>('POST', `/dev-mailbox/${open.id}/answer`, { body, ...(from ? { from } : {}) });
                  setResult(r.outcome);
                  setBody('');
                  void load();
                } catch (err) {
                  setError((err as Error).message);
                }
              }}
            >
              <label>
                The customer's answer
                <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} required />
              </label>
              <label>
                From (optional, to try the sender check)
                <input type="email" value={from} placeholder={open.to[0]} onChange={(e) => setFrom(e.target.value)} />
              </label>
              <button type="submit">Send answer</button>
            </form>
          )}
          {result && (
            <p role="status">
              {describe(result)}{' '}
              {result.kind === 'threaded' && (
                <button className="link" onClick={() => openTicket(result.ticketNumber)}>
                  Open ticket #{result.ticketNumber}
                </button>
              )}
            </p>
          )}
        </article>
      )}
    </section>
  );
}
