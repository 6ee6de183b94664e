// Collection points (admin): where customers answer — a kiosk on a counter, a printed QR code, a widget
// on the company website, a link in an e-mail or SMS campaign. Create and edit a point (question,
// thank-you text and consent line per language), see its answers of the last 7 days, download its QR
// code, copy its links and embed snippet, pair and unpair kiosks.
import { useState } from 'react';
import { api, type Branch, type CollectionPoint, type CollectionPointInput, type KioskDevice, type KioskPairing, type Service } from '../api';
import { useResource } from '../data';
import { Link, navigate } from '../router';
import { CAPTURE_TYPES } from '../../../domain/types';
import { CONTACT_STEPS } from '../../../domain/collection-point';
import { LOCALE_NAMES, LOCALES } from '../../../domain/i18n/locales';
import { Alert, ConfirmButton, Field, fmtDate, Notice, Screen, Table, useAction } from '../ui';

const CAPTURE_LABELS: Record<CollectionPointInput['captureType'], string> = { smile: 'Smile (3 faces)', star: 'Stars (1–5)', nps: 'NPS (0–10)' };
const CONTACT_LABELS: Record<CollectionPointInput['contactStep'], string> = { off: 'No contact step', email: 'E-mail', phone: 'Phone', email_or_phone: 'E-mail or phone' };
const TEXT_FIELDS = [
  ['question', 'Question'],
  ['thankYou', 'Thank-you text'],
  ['consent', 'Consent line'],
] as const;

const empty: CollectionPointInput = { name: '', branch: 'main', service: null, captureType: 'smile', texts: {}, commentStep: false, contactStep: 'off', embedOrigins: [], active: true };
const toInput = (p: CollectionPoint): CollectionPointInput => ({
  name: p.name,
  branch: p.branch,
  service: p.service,
  captureType: p.captureType,
  texts: p.texts,
  commentStep: p.commentStep,
  contactStep: p.contactStep,
  embedOrigins: p.embedOrigins,
  active: p.active,
});

function PointForm({ initial, editing, onSaved, onCancel }: { initial: CollectionPointInput; editing: CollectionPoint | null; onSaved: (p: CollectionPoint) => void; onCancel: () => void }) {
  const [d, setD] = useState(initial);
  const [origins, setOrigins] = useState(initial.embedOrigins.join('\n'));
  const branches = useResource<{ items: Branch[] }>('/branches').data?.items ?? [];
  const services = useResource<{ items: Service[] }>('/services').data?.items ?? [];
  const { busy, error, fields, run } = useAction();
  const set = <K extends keyof CollectionPointInput>(k: K, v: CollectionPointInput[K]) => setD({ ...d, [k]: v });
  const setText = (locale: string, key: (typeof TEXT_FIELDS)[number][0], value: string) => {
    const own = { ...d.texts[locale], [key]: value || undefined };
    const texts = { ...d.texts, [locale]: own };
    if (Object.values(own).every((v) => !v)) delete texts[locale];
    set('texts', texts);
  };
  return (
    <form
      className="panel stack"
      aria-labelledby="point-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const body: CollectionPointInput = { ...d, embedOrigins: origins.split(/\s+/).filter(Boolean) };
        const saved = await run(() => (editing ? api<CollectionPoint>('PUT', `/collection-points/${editing.id}`, body) : api<CollectionPoint>('POST', '/collection-points', body)));
        if (saved) onSaved(saved);
      }}
    >
      <h2 id="point-form-title">{editing ? `Edit ${editing.name}` : 'New collection point'}</h2>
      <div className="two-col">
        <div className="stack">
          <Field label="Name" hint="Shown to staff, under the printed QR code, and as the kiosk's name" error={fields.name}>
            {(a) => <input {...a} required maxLength={120} value={d.name} onChange={(e) => set('name', e.target.value)} />}
          </Field>
          <Field label="Branch" error={fields.branch}>
            {(a) => (
              <select {...a} value={d.branch} onChange={(e) => set('branch', e.target.value)}>
                {branches.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Service" error={fields.service}>
            {(a) => (
              <select {...a} value={d.service ?? ''} onChange={(e) => set('service', e.target.value || null)}>
                <option value="">none</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Capture type" error={fields.captureType}>
            {(a) => (
              <select {...a} value={d.captureType} onChange={(e) => set('captureType', e.target.value as CollectionPointInput['captureType'])}>
                {CAPTURE_TYPES.map((c) => (
                  <option key={c} value={c}>
                    {CAPTURE_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="inline">
            <input type="checkbox" checked={d.commentStep} onChange={(e) => set('commentStep', e.target.checked)} /> Ask for a comment (optional for the customer)
          </label>
          <Field label="Contact step" hint="Contact details are only kept when the customer ticks the consent line" error={fields.contactStep}>
            {(a) => (
              <select {...a} value={d.contactStep} onChange={(e) => set('contactStep', e.target.value as CollectionPointInput['contactStep'])}>
                {CONTACT_STEPS.map((c) => (
                  <option key={c} value={c}>
                    {CONTACT_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Sites that may embed the widget" hint="One origin per line, e.g. https://www.example.com; empty: any site" error={Object.entries(fields).find(([k]) => k.startsWith('embedOrigins'))?.[1]}>
            {(a) => <textarea {...a} rows={2} value={origins} onChange={(e) => setOrigins(e.target.value)} />}
          </Field>
          <label className="inline">
            <input type="checkbox" checked={d.active} onChange={(e) => set('active', e.target.checked)} /> Open for answers
          </label>
        </div>
        <div className="stack">
          <p className="hint">Texts per language. Leave a field empty for the built-in text of that language.</p>
          {LOCALES.map((l) => (
            <fieldset key={l} className="texts" lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
              <legend>{LOCALE_NAMES[l]}</legend>
              {TEXT_FIELDS.map(([key, label]) => (
                <Field key={key} label={`${label} (${l})`} error={fields[`texts.${l}.${key}`]}>
                  {(a) => <input {...a} maxLength={key === 'question' ? 300 : 500} value={d.texts[l]?.[key] ?? ''} onChange={(e) => setText(l, key, e.target.value)} />}
                </Field>
              ))}
            </fieldset>
          ))}
        </div>
      </div>
      <Alert>{error}</Alert>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {editing ? 'Save collection point' : 'Create collection point'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function Copyable({ label, value, multiline }: { label: string; value: string; multiline?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <Field label={label}>
      {(a) => (
        <div className="row wrap copyable">
          {multiline ? <textarea {...a} readOnly rows={3} value={value} /> : <input {...a} readOnly value={value} />}
          <button type="button" onClick={() => navigator.clipboard?.writeText(value).then(() => setCopied(true))}>
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
    </Field>
  );
}

function CampaignLink({ point }: { point: CollectionPoint }) {
  const [score, setScore] = useState('');
  const range = point.captureType === 'smile' ? [0, 1, 2] : point.captureType === 'star' ? [1, 2, 3, 4, 5] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  return (
    <div className="stack">
      <Field label="Preselected score" hint="The link opens with this score chosen; nothing is recorded until the person presses Send">
        {(a) => (
          <select {...a} value={score} onChange={(e) => setScore(e.target.value)}>
            <option value="">none</option>
            {range.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        )}
      </Field>
      <Copyable label="Campaign link (e-mail, SMS)" value={score ? `${point.urls.link}?score=${score}` : point.urls.link} />
    </div>
  );
}

function Kiosks({ point }: { point: CollectionPoint }) {
  const { data, reload } = useResource<{ items: KioskDevice[] }>(`/collection-points/${point.id}/devices`);
  const [name, setName] = useState('');
  const [pairing, setPairing] = useState<KioskPairing | null>(null);
  const { busy, error, fields, run } = useAction();
  return (
    <section className="panel" aria-labelledby="kiosks-title">
      <h2 id="kiosks-title">Kiosks</h2>
      <p className="hint">
        A kiosk is a tablet showing the kiosk page. Pair it once: open the pairing link on the tablet (or open the kiosk page and type the code). Answers from a kiosk that is not paired are
        refused.
      </p>
      <form
        className="row wrap"
        aria-label="Pair a kiosk"
        onSubmit={async (e) => {
          e.preventDefault();
          const p = await run(() => api<KioskPairing>('POST', `/collection-points/${point.id}/pairings`, { name }));
          if (p) {
            setPairing(p);
            setName('');
            await reload();
          }
        }}
      >
        <Field label="Kiosk name" hint="e.g. “Tablet at the entrance”" error={fields.name}>
          {(a) => <input {...a} required value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <button type="submit" disabled={busy}>
          Pair a kiosk
        </button>
      </form>
      {pairing && (
        <div className="panel secret" role="status">
          <p>
            Pairing code for {pairing.device.name}: <code data-testid="pairing-code">{pairing.code}</code> (valid until {fmtDate(pairing.device.pairingExpiresAt)}, once)
          </p>
          <Copyable label="Pairing link (open it on the kiosk)" value={pairing.url} />
        </div>
      )}
      <Alert>{error}</Alert>
      <Table caption={`Kiosks of ${point.name}`} columns={['Name', 'State', 'Paired', 'Last seen', '']}>
        {(data?.items ?? []).map((d) => (
          <tr key={d.id} data-device={d.name} className={d.state === 'revoked' ? 'inactive' : ''}>
            <th scope="row">{d.name}</th>
            <td>{d.state === 'pending' ? `waiting for pairing until ${fmtDate(d.pairingExpiresAt)}` : d.state}</td>
            <td>{fmtDate(d.pairedAt)}</td>
            <td>{fmtDate(d.lastSeenAt)}</td>
            <td>
              {d.state !== 'revoked' && (
                <ConfirmButton confirm={`Unpair ${d.name}`} onConfirm={() => run(async () => (await api('DELETE', `/collection-points/${point.id}/devices/${d.id}`), await reload()))}>
                  {d.state === 'pending' ? 'Cancel pairing' : 'Unpair'}
                </ConfirmButton>
              )}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

function PointDetail({ id }: { id: string }) {
  const { data: point, error, reload } = useResource<CollectionPoint>(`/collection-points/${id}`);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const remove = useAction();
  if (!point) return <Screen title="Collection point">{error ? <Alert>{error}</Alert> : <p>Loading…</p>}</Screen>;
  const qr = `/api/v1/collection-points/${point.id}/qr`;
  return (
    <Screen
      title={point.name}
      actions={
        <div className="row">
          <Link to="/admin/collection-points">All collection points</Link>
          <button type="button" onClick={() => (setEditing(true), setSaved(false))}>
            Edit
          </button>
          <ConfirmButton confirm={`Delete ${point.name}`} onConfirm={() => remove.run(async () => (await api('DELETE', `/collection-points/${point.id}`), navigate('/admin/collection-points')))}>
            Delete
          </ConfirmButton>
        </div>
      }
    >
      <Alert>{remove.error}</Alert>
      {saved && <Notice>Saved.</Notice>}
      {editing && <PointForm initial={toInput(point)} editing={point} onCancel={() => setEditing(false)} onSaved={() => (setEditing(false), setSaved(true), reload())} />}
      <dl className="facts">
        <dt>Answers, last 7 days</dt>
        <dd data-testid="responses">{point.responsesLast7Days}</dd>
        <dt>Capture</dt>
        <dd>{CAPTURE_LABELS[point.captureType]}</dd>
        <dt>Steps</dt>
        <dd>{[point.commentStep && 'comment', point.contactStep !== 'off' && `contact (${CONTACT_LABELS[point.contactStep]})`].filter(Boolean).join(', ') || 'score only'}</dd>
        <dt>State</dt>
        <dd>{point.active ? 'open for answers' : 'closed'}</dd>
      </dl>
      <div className="two-col">
        <section className="panel stack" aria-labelledby="qr-title">
          <h2 id="qr-title">QR code</h2>
          <img className="qr-preview" src={`${qr}?format=svg`} alt={`QR code that opens ${point.urls.qr}`} width={200} height={236} />
          <div className="row">
            <a className="button" href={`${qr}?format=png`} download>
              Download PNG
            </a>
            <a className="button" href={`${qr}?format=svg`} download>
              Download SVG
            </a>
          </div>
          <Copyable label="Mobile page (what the QR code opens)" value={point.urls.qr} />
        </section>
        <section className="panel stack" aria-labelledby="web-title">
          <h2 id="web-title">Website and campaigns</h2>
          <Copyable label="Embed snippet (paste into your website)" value={point.embedSnippet} multiline />
          <CampaignLink point={point} />
          <Copyable label="Kiosk page" value={point.urls.kiosk} />
        </section>
      </div>
      <Kiosks point={point} />
    </Screen>
  );
}

function PointList() {
  const { data, error, reload } = useResource<{ items: CollectionPoint[] }>('/collection-points');
  const [creating, setCreating] = useState(false);
  return (
    <Screen
      title="Collection points"
      actions={
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New collection point
        </button>
      }
    >
      {creating && <PointForm initial={empty} editing={null} onCancel={() => setCreating(false)} onSaved={(p) => (setCreating(false), reload(), navigate(`/admin/collection-points/${p.id}`))} />}
      <Alert>{error}</Alert>
      <Table caption="Collection points" columns={['Name', 'Branch', 'Capture', 'Answers, last 7 days', 'State']}>
        {(data?.items ?? []).map((p) => (
          <tr key={p.id} data-point={p.name} className={p.active ? '' : 'inactive'}>
            <th scope="row">
              <Link to={`/admin/collection-points/${p.id}`}>{p.name}</Link>
            </th>
            <td>{p.branch}</td>
            <td>{CAPTURE_LABELS[p.captureType]}</td>
            <td>{p.responsesLast7Days}</td>
            <td>{p.active ? 'open' : 'closed'}</td>
          </tr>
        ))}
      </Table>
      {data && data.items.length === 0 && <p>No collection points yet. Create one to get a kiosk page, a QR code, a widget and a campaign link.</p>}
    </Screen>
  );
}

export function CollectionPointsAdmin({ id }: { id?: string }) {
  return id ? <PointDetail key={id} id={id} /> : <PointList />;
}
