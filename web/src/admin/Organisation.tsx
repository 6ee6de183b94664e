// Branches and services (admin): add and rename, and each branch's default customer language. Ids are
// permanent (tickets, rules and users name them); names are what people read.
import { useState, type ReactNode } from 'react';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../domain/i18n/locales';
import { api, type Branch, type Service } from '../api';
import { useResource } from '../data';
import { Link } from '../router';
import { Alert, Field, Screen, useAction } from '../ui';

function Rename({ what, name, save }: { what: string; name: string; save: (name: string) => Promise<unknown> }) {
  const [value, setValue] = useState<string | null>(null);
  if (value === null)
    return (
      <button type="button" aria-label={`Rename ${name}`} onClick={() => setValue(name)}>
        Rename
      </button>
    );
  return (
    <form className="row" onSubmit={async (e) => (e.preventDefault(), await save(value), setValue(null))}>
      <input aria-label={`New name of ${what} ${name}`} required autoFocus value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setValue(null)}>
        Cancel
      </button>
    </form>
  );
}

function Catalogue<T extends { id: string; name: string }>(p: { title: string; what: 'branch' | 'service'; path: string; items: T[]; reload: () => Promise<void>; extra?: (item: T) => ReactNode }) {
  const [draft, setDraft] = useState({ id: '', name: '' });
  const { error, fields, run } = useAction();
  const headingId = `${p.what}-title`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{p.title}</h2>
      <ul className="plain">
        {p.items.map((item) => (
          <li key={item.id} className="row wrap" data-id={item.id}>
            <strong>{item.name}</strong> <code>{item.id}</code>
            {p.extra?.(item)}
            <Rename what={p.what} name={item.name} save={(name) => run(async () => (await api('PATCH', `${p.path}/${item.id}`, { name }), await p.reload()))} />
          </li>
        ))}
      </ul>
      <form
        className="row wrap"
        aria-label={`Add a ${p.what}`}
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await run(async () => (await api('POST', p.path, draft), true));
          if (ok) {
            setDraft({ id: '', name: '' });
            await p.reload();
          }
        }}
      >
        <Field label={`New ${p.what} id`} hint="lower-case letters, digits, - and _" error={fields.id}>
          {(a) => <input {...a} required pattern="[a-z0-9][a-z0-9_-]*" value={draft.id} onChange={(e) => setDraft({ ...draft, id: e.target.value })} />}
        </Field>
        <Field label={`New ${p.what} name`} error={fields.name}>
          {(a) => <input {...a} required value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <button type="submit">Add {p.what}</button>
      </form>
      <Alert>{error}</Alert>
    </section>
  );
}

/** Mails, the CSAT page and collection pages use it when the customer's own language is unknown. */
function BranchLanguage({ branch, reload }: { branch: Branch; reload: () => Promise<void> }) {
  const { error, run } = useAction();
  return (
    <label className="inline">
      Customer language{' '}
      <select
        aria-label={`Customer language of ${branch.name}`}
        value={branch.locale ?? 'en'}
        onChange={(e) => run(async () => (await api('PATCH', `/branches/${branch.id}`, { locale: e.target.value as Locale }), await reload()))}
        aria-invalid={error ? true : undefined}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      {error && <span role="alert"> {error}</span>}
    </label>
  );
}

export function OrganisationAdmin() {
  const b = useResource<{ items: Branch[] }>('/branches');
  const s = useResource<{ items: Service[] }>('/services');
  return (
    <Screen title="Branches and services">
      <Alert>{b.error || s.error}</Alert>
      <div className="two-col">
        <Catalogue
          title="Branches"
          what="branch"
          path="/branches"
          items={b.data?.items ?? []}
          reload={b.reload}
          extra={(branch) => (
            <>
              <Link to={`/admin/calendars#${branch.id}`}>{branch.calendar ? `hours: ${branch.calendar.timeZone}` : 'around the clock'}</Link>
              <BranchLanguage branch={branch} reload={b.reload} />
            </>
          )}
        />
        <Catalogue title="Services" what="service" path="/services" items={s.data?.items ?? []} reload={s.reload} />
      </div>
    </Screen>
  );
}
