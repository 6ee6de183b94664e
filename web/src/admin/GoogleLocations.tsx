// The Google Business Profile locations of the connected account (listed fresh from Google) and the branch
// each one's low reviews are filed under. Choosing a branch (or "Not mapped") is saved at once and wins
// over GOOGLE_BUSINESS_LOCATIONS, which still applies to the locations no admin has decided on.
import { useId, useState } from 'react';
import { api, type Branch, type GoogleLocationView, type GoogleStatus } from '../api';
import { useResource } from '../data';
import { Alert, fmtDate, Notice, Table, useAction } from '../ui';

/** The select's value for a location no admin decided on (GOOGLE_BUSINESS_LOCATIONS applies). */
const UNDECIDED = '__environment';

function effectiveText(l: GoogleLocationView, branchName: (id: string) => string): string {
  if (!l.effective.polled) return 'Not read';
  const where = l.effective.branch ? branchName(l.effective.branch) : 'no branch';
  return l.effective.source === 'environment' ? `Read, filed under ${where} (GOOGLE_BUSINESS_LOCATIONS)` : `Read, filed under ${where}`;
}

export function GoogleLocations({ status }: { status: GoogleStatus }) {
  const canList = status.connection === 'connected' || (status.connection === 'not_connected' && status.staticToken);
  return (
    <section className="panel stack" aria-labelledby="google-locations">
      <h2 id="google-locations">Locations</h2>
      {canList ? (
        <LocationTable />
      ) : (
        <p role="alert" className="error" data-testid="google-locations-unavailable">
          {status.connection === 'reconnect_required'
            ? 'Reconnect the Google account to list its locations.'
            : 'Connect a Google account to list its locations and choose the branch for each.'}
        </p>
      )}
    </section>
  );
}

function LocationTable() {
  // Not polled: every read asks Google.
  const { data, error: loadError, reload } = useResource<{ locations: GoogleLocationView[] }>('/integrations/google/locations');
  const branches = useResource<{ items: Branch[] }>('/branches').data?.items ?? [];
  const { busy, error, run } = useAction();
  const [saved, setSaved] = useState('');
  const branchName = (id: string) => branches.find((b) => b.id === id)?.name ?? id;
  const choose = (l: GoogleLocationView, value: string) =>
    run(async () => {
      setSaved('');
      await api('PATCH', '/integrations/google/locations', { location: l.name, branchId: value === '' ? null : value });
      await reload();
      setSaved(value === '' ? `${l.title ?? l.name}: not mapped, its reviews are not read.` : `${l.title ?? l.name}: reviews are filed under ${branchName(value)}.`);
    });

  if (loadError)
    return (
      <>
        <Alert>{`The locations could not be listed: ${loadError}`}</Alert>
        <button type="button" onClick={() => void reload()}>
          Try again
        </button>
      </>
    );
  if (!data) return <p>Listing the locations from Google…</p>;
  if (!data.locations.length) return <p data-testid="google-locations-empty">Google lists no locations for the connected account.</p>;
  return (
    <>
      <p className="hint">
        Low reviews of a location are filed under its branch. A location nobody has mapped here follows GOOGLE_BUSINESS_LOCATIONS, if it lists it; one set to
        &quot;Not mapped&quot; is not read.
      </p>
      <Alert>{error}</Alert>
      {saved && <Notice>{saved}</Notice>}
      <Table caption="Google locations and their branches" columns={['Location', 'Address', 'Branch', 'Reviews', 'Mapped by']}>
        {data.locations.map((l) => (
          <LocationRow key={l.name} l={l} branches={branches} busy={busy} effective={effectiveText(l, branchName)} onChoose={(v) => void choose(l, v)} />
        ))}
      </Table>
    </>
  );
}

function LocationRow({ l, branches, busy, effective, onChoose }: { l: GoogleLocationView; branches: Branch[]; busy: boolean; effective: string; onChoose: (value: string) => void }) {
  const id = useId();
  const title = l.title ?? l.name;
  return (
    <tr data-location={l.name}>
      <td>
        <strong>{title}</strong>
        <br />
        <small>
          {l.accountName ? `${l.accountName} · ` : ''}
          {l.name}
        </small>
      </td>
      <td>{l.address ?? '–'}</td>
      <td>
        <label htmlFor={id} className="sr-only">
          {`Branch for ${title}`}
        </label>
        <select id={id} value={l.mapped ? (l.branchId ?? '') : UNDECIDED} disabled={busy} onChange={(e) => e.target.value !== UNDECIDED && onChoose(e.target.value)}>
          {!l.mapped && <option value={UNDECIDED}>{l.effective.source === 'environment' ? 'As GOOGLE_BUSINESS_LOCATIONS says' : 'Not chosen yet'}</option>}
          <option value="">Not mapped (reviews not read)</option>
          {branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
      </td>
      <td data-testid="google-location-effective">{effective}</td>
      <td>{l.mappedBy ? `${l.mappedBy.name}, ${fmtDate(l.mappedAt)}` : '–'}</td>
    </tr>
  );
}
