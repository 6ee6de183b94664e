// Taxonomies (admin): root causes and actions taken (required to resolve), CSAT reasons and themes.
// Entries are renamed or retired (hidden from pickers); only an entry no ticket references is deleted.
import { useState } from 'react';
import { api, type TaxonomyEntry, type TaxonomyKind } from '../api';
import { useResource } from '../data';
import { Alert, ConfirmButton, Field, Screen, useAction } from '../ui';

/** Every kind needs a title here (the compiler says so when a kind is added). */
const TITLES: Record<TaxonomyKind, string> = { root_cause: 'Root causes', action: 'Actions taken', csat_reason: 'CSAT reasons', theme: 'Themes' };
const SINGULAR: Record<TaxonomyKind, string> = { root_cause: 'root cause', action: 'action', csat_reason: 'CSAT reason', theme: 'theme' };

function KindSection({ kind, entries, reload }: { kind: TaxonomyKind; entries: TaxonomyEntry[]; reload: () => Promise<void> }) {
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const { error, fields, run } = useAction();
  const call = (method: string, path: string, body?: unknown) => run(async () => (await api(method, path, body), await reload(), true));
  const headingId = `tax-${kind}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{TITLES[kind]}</h2>
      <ul className="plain">
        {entries.map((e) => (
          <li key={e.id} className={`row wrap${e.retired ? ' inactive' : ''}`} data-entry={e.name}>
            {renaming?.id === e.id ? (
              <form className="row" onSubmit={async (ev) => (ev.preventDefault(), (await call('PATCH', `/taxonomies/${e.id}`, { name: renaming.name })) && setRenaming(null))}>
                <input aria-label={`New name of ${e.name}`} autoFocus required value={renaming.name} onChange={(ev) => setRenaming({ id: e.id, name: ev.target.value })} />
                <button type="submit">Save</button>
                <button type="button" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            ) : (
              <>
                <span className="grow">
                  {e.name} {e.retired && <span className="badge">retired</span>} {e.inUse > 0 && <small className="hint">used by {e.inUse}</small>}
                </span>
                <button type="button" aria-label={`Rename ${e.name}`} onClick={() => setRenaming({ id: e.id, name: e.name })}>
                  Rename
                </button>
                <button type="button" aria-label={`${e.retired ? 'Restore' : 'Retire'} ${e.name}`} onClick={() => call('PATCH', `/taxonomies/${e.id}`, { retired: !e.retired })}>
                  {e.retired ? 'Restore' : 'Retire'}
                </button>
                {e.inUse === 0 && (
                  <ConfirmButton confirm={`Delete ${e.name}`} onConfirm={() => call('DELETE', `/taxonomies/${e.id}`)}>
                    Delete
                  </ConfirmButton>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={async (ev) => (ev.preventDefault(), (await call('POST', '/taxonomies', { kind, name })) && setName(''))}>
        <Field label={`New ${SINGULAR[kind]}`} error={fields.name}>
          {(a) => <input {...a} required value={name} onChange={(ev) => setName(ev.target.value)} />}
        </Field>
        <button type="submit">Add {SINGULAR[kind]}</button>
      </form>
      <Alert>{error}</Alert>
    </section>
  );
}

export function TaxonomiesAdmin() {
  const { data, error, reload } = useResource<{ items: TaxonomyEntry[] }>('/taxonomies');
  const items = data?.items ?? [];
  return (
    <Screen title="Taxonomies">
      <Alert>{error}</Alert>
      <div className="two-col">
        {(Object.keys(TITLES) as TaxonomyKind[]).map((kind) => (
          <KindSection key={kind} kind={kind} entries={items.filter((e) => e.kind === kind)} reload={reload} />
        ))}
      </div>
    </Screen>
  );
}
