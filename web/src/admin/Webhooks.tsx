// Outbound webhooks (admin): subscribe a URL to event types (the signing secret is shown once), rotate
// the secret, see paused subscriptions first with why, resume them, and read each one's delivery log
// (status, response code, latency, attempt) with "redeliver".
import { useState } from 'react';
import { api, type WebhookEventLog, type WebhookSubscription, type WebhookSubscriptionInput } from '../api';
import { useResource } from '../data';
import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../../domain/webhooks';
import { Alert, ConfirmButton, Field, fmtDate, Notice, Screen, SecretOnce, Table, useAction } from '../ui';

function DeliveryLog({ sub }: { sub: WebhookSubscription }) {
  const { data, error: loadError, reload } = useResource<{ items: WebhookEventLog[] }>(`/webhooks/${sub.id}/events?limit=50`, 5000);
  const { error, run } = useAction();
  const [queued, setQueued] = useState('');
  return (
    <section className="panel stack" aria-labelledby={`log-${sub.id}`}>
      <h3 id={`log-${sub.id}`}>Delivery log of {sub.url}</h3>
      <Alert>{loadError || error}</Alert>
      {queued && <Notice>{queued}</Notice>}
      <Table caption={`Deliveries to ${sub.url}`} columns={['Event', 'Type', 'Status', 'Response', 'Latency', 'Attempt', 'Last try', '']}>
        {(data?.items ?? []).map((e) => {
          const last = e.deliveries[0];
          return (
            <tr key={e.id} data-event={e.id}>
              <th scope="row">
                <code>{e.id}</code>
              </th>
              <td>{e.type}</td>
              <td>{e.status === 'delivered' ? 'delivered' : last ? 'failing' : 'pending'}</td>
              <td>{last ? (last.responseCode ?? last.error ?? '–') : '–'}</td>
              <td>{last ? `${last.latencyMs} ms` : '–'}</td>
              <td>{last?.attempt ?? 0}</td>
              <td>{fmtDate(last?.at)}</td>
              <td>
                <button
                  type="button"
                  onClick={() =>
                    run(async () => {
                      await api('POST', `/webhooks/${sub.id}/events/${encodeURIComponent(e.id)}/redeliver`);
                      setQueued(`${e.id} queued for redelivery`);
                      await reload();
                    })
                  }
                >
                  Redeliver <span className="sr-only">{e.id}</span>
                </button>
              </td>
            </tr>
          );
        })}
      </Table>
    </section>
  );
}

export function WebhooksAdmin() {
  const { data, error: loadError, reload } = useResource<{ items: WebhookSubscription[] }>('/webhooks', 10_000);
  const [form, setForm] = useState<{ url: string; description: string; events: WebhookEventType[] }>({ url: '', description: '', events: [...WEBHOOK_EVENT_TYPES] });
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const { busy, error, fields, run } = useAction();
  const items = data?.items ?? [];
  const paused = items.filter((s) => s.status === 'paused');
  const toggle = (t: WebhookEventType) => setForm({ ...form, events: form.events.includes(t) ? form.events.filter((x) => x !== t) : [...form.events, t] });
  const act = (fn: () => Promise<unknown>) => run(async () => (await fn(), await reload()));
  return (
    <Screen title="Webhooks">
      {paused.length > 0 && (
        <div className="panel warning" role="alert">
          <h2>{paused.length === 1 ? 'A webhook subscription is paused' : `${paused.length} webhook subscriptions are paused`}</h2>
          <ul>
            {paused.map((s) => (
              <li key={s.id}>
                {s.url}: {s.pauseReason} (since {fmtDate(s.pausedAt)}; {s.pendingEvents} event(s) waiting, none dropped)
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="panel stack"
        aria-label="New webhook subscription"
        onSubmit={async (e) => {
          e.preventDefault();
          const body: WebhookSubscriptionInput = form;
          const created = await run(() => api<WebhookSubscription & { secret: string }>('POST', '/webhooks', body));
          if (created) {
            setSecret({ title: `Signing secret of ${created.url}`, value: created.secret });
            setForm({ ...form, url: '', description: '' });
            await reload();
          }
        }}
      >
        <div className="row wrap">
          <Field label="Endpoint URL" hint="https:// — deliveries are signed (see the README)" error={fields.url}>
            {(a) => <input {...a} type="url" required value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />}
          </Field>
          <Field label="Description" error={fields.description}>
            {(a) => <input {...a} value={form.description} onChange={(e) => setForm({ ...form, description: e.target.value })} />}
          </Field>
        </div>
        <fieldset>
          <legend>Events</legend>
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <label key={t} className="check">
              <input type="checkbox" checked={form.events.includes(t)} onChange={() => toggle(t)} /> <code>{t}</code> — {WEBHOOK_EVENT_DESCRIPTIONS[t]}
            </label>
          ))}
          {fields.events && <small className="field-error">{fields.events}</small>}
        </fieldset>
        <div>
          <button type="submit" className="primary" disabled={busy}>
            Subscribe
          </button>
        </div>
      </form>
      {secret && <SecretOnce title={secret.title} secret={secret.value} onDone={() => setSecret(null)} />}
      <Alert>{loadError || error}</Alert>
      <Table caption="Webhook subscriptions" columns={['URL', 'Events', 'Status', 'Waiting', 'Secret rotation', '']}>
        {items.map((s) => (
          <tr key={s.id} data-webhook={s.url}>
            <th scope="row">
              {s.url}
              {s.description && <small className="hint"> {s.description}</small>}
            </th>
            <td>{s.events.length === WEBHOOK_EVENT_TYPES.length ? 'all' : s.events.join(', ')}</td>
            <td>{s.status === 'paused' ? `paused: ${s.pauseReason}` : 'active'}</td>
            <td>{s.pendingEvents}</td>
            <td>{s.previousSecretUntil ? `old secret valid until ${fmtDate(s.previousSecretUntil)}` : '–'}</td>
            <td className="row wrap">
              <button type="button" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? null : s.id)}>
                Delivery log
              </button>
              {s.status === 'paused' && (
                <button type="button" className="primary" onClick={() => act(() => api('POST', `/webhooks/${s.id}/resume`))}>
                  Resume
                </button>
              )}
              <ConfirmButton
                confirm="Rotate: the old secret keeps signing for 24 h"
                onConfirm={() =>
                  run(async () => {
                    const r = await api<WebhookSubscription & { secret: string }>('POST', `/webhooks/${s.id}/rotate-secret`, { keepPreviousHours: 24 });
                    setSecret({ title: `New signing secret of ${s.url}`, value: r.secret });
                    await reload();
                  })
                }
              >
                Rotate secret
              </ConfirmButton>
              <ConfirmButton confirm={`Delete the subscription of ${s.url}`} onConfirm={() => act(() => api('DELETE', `/webhooks/${s.id}`))}>
                Delete
              </ConfirmButton>
            </td>
          </tr>
        ))}
      </Table>
      {items.filter((s) => s.id === open).map((s) => (
        <DeliveryLog key={s.id} sub={s} />
      ))}
    </Screen>
  );
}
