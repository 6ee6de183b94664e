// The pivot builder: drag dimensions into rows and columns (or use the buttons on each chip: the
// keyboard way), tick measures, add filters and a period; the table and chart follow every change.
// Save, share with teammates or roles, export CSV / XLSX / PDF.
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { describeQuery, DIMENSION_KEYS, DIMENSIONS, MEASURE_KEYS, MEASURES } from '../../../domain/report-catalogue';
import { api } from '../api';
import { PivotChart, PivotTable } from './PivotTable';
import { downloadQuery, runQuery, type DimensionKey, type FileFormat, type MeasureKey, type PivotResult, type ReportQuery, type ReportQueryInput, type SavedReport, type Teammates } from './report-api';

type Zone = 'rows' | 'columns';
type Filter = ReportQuery['filters'][number];
const ZONE_MAX: Record<Zone, number> = { rows: 3, columns: 2 };
const ZONE_LABEL: Record<Zone, string> = { rows: 'Rows', columns: 'Columns' };
const PRESETS = { last7: 7, last30: 30, last90: 90, last365: 365 } as const;
type Preset = keyof typeof PRESETS | 'all' | 'custom';

interface Draft {
  rows: DimensionKey[];
  columns: DimensionKey[];
  measures: MeasureKey[];
  filters: Filter[];
  preset: Preset;
  from: string;
  to: string;
  basis: 'created' | 'resolved';
  sortBy: 'label' | MeasureKey;
  direction: 'asc' | 'desc';
  limit: string;
}

function draftOf(q: ReportQueryInput): Draft {
  const p = q.period;
  const preset: Preset = !p ? 'all' : p.lastDays !== undefined ? ((Object.entries(PRESETS).find(([, d]) => d === p.lastDays)?.[0] as Preset) ?? 'last30') : 'custom';
  return {
    rows: [...(q.rows ?? [])],
    columns: [...(q.columns ?? [])],
    measures: [...q.measures],
    filters: (q.filters ?? []).map((f) => ({ ...f, exclude: f.exclude ?? false })),
    preset,
    from: p?.from ?? '',
    to: p?.to ?? '',
    basis: p?.basis ?? 'created',
    sortBy: q.sort?.by ?? 'label',
    direction: q.sort?.direction ?? 'asc',
    limit: q.limit ? String(q.limit) : '',
  };
}

function queryOf(d: Draft): ReportQueryInput {
  const period = d.preset === 'all' ? undefined : d.preset === 'custom' ? { basis: d.basis, ...(d.from ? { from: d.from } : {}), ...(d.to ? { to: d.to } : {}) } : { basis: d.basis, lastDays: PRESETS[d.preset] };
  return {
    rows: d.rows,
    columns: d.columns,
    measures: d.measures,
    filters: d.filters,
    ...(period ? { period } : {}),
    sort: { by: d.sortBy, direction: d.direction },
    ...(d.limit ? { limit: Number(d.limit) } : {}),
  };
}

const label = (k: DimensionKey) => DIMENSIONS[k].label;

export function ReportBuilder({ initial, saved, name: initialName, teammates, meId, onSaved }: { initial: ReportQueryInput; saved: SavedReport | null; name: string; teammates: Teammates | null; meId: string; onSaved: (r: SavedReport) => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(initial));
  const [result, setResult] = useState<PivotResult | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [over, setOver] = useState<Zone | null>(null);
  const [name, setName] = useState(initialName);
  const [shareUsers, setShareUsers] = useState<string[]>(saved?.sharedWith.users.map((u) => u.id) ?? []);
  const [shareRoles, setShareRoles] = useState<string[]>(saved?.sharedWith.roles ?? []);
  const query = useMemo(() => queryOf(d), [d]);
  const key = JSON.stringify(query);

  useEffect(() => {
    let alive = true;
    const t = setTimeout(() => {
      if (!query.measures.length) return setResult(null);
      runQuery(query)
        .then((r) => alive && (setResult(r), setError('')))
        .catch((e: Error) => alive && setError(e.message));
    }, 200);
    return () => {
      alive = false;
      clearTimeout(t);
    };
  }, [key]); // the serialised query: a new object with the same content does not re-run

  const zoneOf = (k: DimensionKey): Zone | null => (d.rows.includes(k) ? 'rows' : d.columns.includes(k) ? 'columns' : null);
  /** Puts a dimension into a zone (before `before` when given), taking it out of wherever it was. */
  const place = (k: DimensionKey, zone: Zone, before?: DimensionKey) =>
    setD((cur) => {
      const rows = cur.rows.filter((x) => x !== k);
      const columns = cur.columns.filter((x) => x !== k);
      const target = zone === 'rows' ? rows : columns;
      if (target.length >= ZONE_MAX[zone]) return cur;
      const at = before ? target.indexOf(before) : -1;
      target.splice(at < 0 ? target.length : at, 0, k);
      return { ...cur, rows, columns };
    });
  const remove = (k: DimensionKey) => setD((cur) => ({ ...cur, rows: cur.rows.filter((x) => x !== k), columns: cur.columns.filter((x) => x !== k) }));
  const shift = (k: DimensionKey, by: -1 | 1) =>
    setD((cur) => {
      const zone = cur.rows.includes(k) ? 'rows' : 'columns';
      const list = [...cur[zone]];
      const i = list.indexOf(k);
      const j = i + by;
      if (j < 0 || j >= list.length) return cur;
      [list[i], list[j]] = [list[j], list[i]];
      return { ...cur, [zone]: list };
    });

  const onDragStart = (k: DimensionKey) => (e: DragEvent) => {
    e.dataTransfer.setData('text/plain', k);
    e.dataTransfer.effectAllowed = 'move';
  };
  const dropTarget = (zone: Zone, before?: DimensionKey) => ({
    onDragOver: (e: DragEvent) => {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setOver(zone);
    },
    onDragLeave: () => setOver(null),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      e.stopPropagation();
      setOver(null);
      const k = e.dataTransfer.getData('text/plain') as DimensionKey;
      if (DIMENSION_KEYS.includes(k) && k !== before) place(k, zone, before);
    },
  });

  const toggleMeasure = (m: MeasureKey) =>
    setD((cur) => {
      const measures = MEASURE_KEYS.filter((x) => (x === m ? !cur.measures.includes(m) : cur.measures.includes(x)));
      return { ...cur, measures, sortBy: cur.sortBy !== 'label' && !measures.includes(cur.sortBy) ? 'label' : cur.sortBy };
    });

  const save = async () => {
    setStatus('');
    setError('');
    const body = { name, definition: query, sharedWith: { users: shareUsers, roles: shareRoles } };
    try {
      const r = saved?.canEdit ? await api<SavedReport>('PUT', `/reports/saved/${saved.id}`, body) : await api<SavedReport>('POST', '/reports/saved', body);
      setStatus(`Saved “${r.name}”.`);
      onSaved(r);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const exportAs = (f: FileFormat) => downloadQuery(query, f, name || 'Report').catch((e: Error) => setError(e.message));

  return (
    <section className="builder" aria-label="Report builder">
      <fieldset>
        <legend>Dimensions</legend>
        <p className="note">Drag a dimension into Rows or Columns, or use its buttons.</p>
        <ul className="palette" aria-label="Available dimensions">
          {DIMENSION_KEYS.map((k) => {
            const used = zoneOf(k) !== null;
            return (
              <li key={k} className="chip" draggable={!used} onDragStart={onDragStart(k)} aria-disabled={used} data-dimension={k}>
                {label(k)}
                {(['rows', 'columns'] as const).map((z) => (
                  <button key={z} type="button" disabled={used || d[z].length >= ZONE_MAX[z]} aria-label={`Add ${label(k)} to ${z}`} onClick={() => place(k, z)}>
                    {z === 'rows' ? 'to rows' : 'to columns'}
                  </button>
                ))}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <div className="zones">
        {(['rows', 'columns'] as const).map((z) => (
          <fieldset key={z}>
            <legend>{ZONE_LABEL[z]}</legend>
            <ul className={`zone${over === z ? ' over' : ''}`} aria-label={ZONE_LABEL[z]} data-zone={z} {...dropTarget(z)}>
              {d[z].length === 0 && <li className="note">Drop dimensions here</li>}
              {d[z].map((k, i) => (
                <li key={k} className="chip" draggable onDragStart={onDragStart(k)} {...dropTarget(z, k)} data-dimension={k}>
                  {label(k)}
                  <button type="button" aria-label={`Move ${label(k)} earlier`} disabled={i === 0} onClick={() => shift(k, -1)}>
                    ←
                  </button>
                  <button type="button" aria-label={`Move ${label(k)} later`} disabled={i === d[z].length - 1} onClick={() => shift(k, 1)}>
                    →
                  </button>
                  <button type="button" aria-label={`Move ${label(k)} to ${z === 'rows' ? 'columns' : 'rows'}`} onClick={() => place(k, z === 'rows' ? 'columns' : 'rows')}>
                    ⇄
                  </button>
                  <button type="button" aria-label={`Remove ${label(k)}`} onClick={() => remove(k)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
      <fieldset>
        <legend>Measures</legend>
        <div className="measures">
          {MEASURE_KEYS.map((m) => (
            <label key={m} title={MEASURES[m].formula}>
              <input type="checkbox" checked={d.measures.includes(m)} onChange={() => toggleMeasure(m)} />
              {MEASURES[m].label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Period, sorting and filters</legend>
        <div className="row-form">
          <label>
            Period
            <select value={d.preset} onChange={(e) => setD({ ...d, preset: e.target.value as Preset })}>
              <option value="last7">Last 7 days</option>
              <option value="last30">Last 30 days</option>
              <option value="last90">Last 90 days</option>
              <option value="last365">Last 365 days</option>
              <option value="all">All time</option>
              <option value="custom">From … to …</option>
            </select>
          </label>
          {d.preset === 'custom' && (
            <>
              <label>
                From
                <input type="date" value={d.from} onChange={(e) => setD({ ...d, from: e.target.value })} />
              </label>
              <label>
                To
                <input type="date" value={d.to} onChange={(e) => setD({ ...d, to: e.target.value })} />
              </label>
            </>
          )}
          <label>
            Count tickets by
            <select value={d.basis} onChange={(e) => setD({ ...d, basis: e.target.value as Draft['basis'] })} disabled={d.preset === 'all'}>
              <option value="created">creation date</option>
              <option value="resolved">resolution date</option>
            </select>
          </label>
          <label>
            Sort rows by
            <select value={d.sortBy} onChange={(e) => setD({ ...d, sortBy: e.target.value as Draft['sortBy'], direction: e.target.value === 'label' ? 'asc' : 'desc' })}>
              <option value="label">name / time</option>
              {d.measures.map((m) => (
                <option key={m} value={m}>
                  {MEASURES[m].label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Order
            <select value={d.direction} onChange={(e) => setD({ ...d, direction: e.target.value as Draft['direction'] })}>
              <option value="asc">ascending</option>
              <option value="desc">descending</option>
            </select>
          </label>
          <label>
            Top rows
            <input type="number" min={1} max={1000} value={d.limit} onChange={(e) => setD({ ...d, limit: e.target.value })} placeholder="all" style={{ width: '5rem' }} />
          </label>
        </div>
        <Filters filters={d.filters} period={query.period} onChange={(filters) => setD({ ...d, filters })} />
      </fieldset>

      {error && <p role="alert">{error}</p>}
      {result && (
        <>
          <p className="describe">{describeQuery(result, result.query.timeZone)}</p>
          <PivotChart result={result} />
          <PivotTable result={result} caption={name || 'Report'} />
        </>
      )}

      <fieldset>
        <legend>Save, share and export</legend>
        <div className="row-form">
          <label>
            Report name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />
          </label>
          <button type="button" onClick={save} disabled={!name.trim() || !d.measures.length}>
            {saved?.canEdit ? 'Save changes' : 'Save report'}
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => exportAs('xlsx')}>
            Export XLSX
          </button>
          <button type="button" onClick={() => exportAs('pdf')}>
            Export PDF
          </button>
        </div>
        {teammates && (
          <>
            <p className="note">Share with (they open it with their own branches’ data):</p>
            <div className="checks" role="group" aria-label="Share with roles">
              {teammates.roles
                .filter((r) => r !== 'admin')
                .map((r) => (
                  <label key={r}>
                    <input type="checkbox" checked={shareRoles.includes(r)} onChange={() => setShareRoles(shareRoles.includes(r) ? shareRoles.filter((x) => x !== r) : [...shareRoles, r])} />
                    every {r}
                  </label>
                ))}
            </div>
            <div className="checks" role="group" aria-label="Share with people">
              {teammates.users
                .filter((u) => u.id !== meId)
                .map((u) => (
                  <label key={u.id}>
                    <input type="checkbox" checked={shareUsers.includes(u.id)} onChange={() => setShareUsers(shareUsers.includes(u.id) ? shareUsers.filter((x) => x !== u.id) : [...shareUsers, u.id])} />
                    {u.name} ({u.role})
                  </label>
                ))}
            </div>
          </>
        )}
        {status && <p role="status">{status}</p>}
      </fieldset>
    </section>
  );
}

/** Filter editor: pick a dimension, tick the values present in the period, include or exclude them. */
function Filters({ filters, period, onChange }: { filters: Filter[]; period: ReportQueryInput['period']; onChange: (f: Filter[]) => void }) {
  const [dimension, setDimension] = useState<DimensionKey | ''>('');
  const [options, setOptions] = useState<Array<{ value: string | null; label: string }>>([]);
  const [picked, setPicked] = useState<Array<string | null>>([]);
  const [exclude, setExclude] = useState(false);
  const [names, setNames] = useState<Record<string, string>>({});

  useEffect(() => {
    setPicked([]);
    if (!dimension) return setOptions([]);
    // The values to pick from are the ones the data has in this period.
    runQuery({ rows: [dimension], measures: ['ticketsOpened'], ...(period ? { period } : {}), limit: 500 })
      .then((r) => setOptions(r.rowKeys.map((k) => ({ value: k.values[0], label: k.labels[0] }))))
      .catch(() => setOptions([]));
  }, [dimension, JSON.stringify(period)]);

  const describe = (f: Filter) => `${DIMENSIONS[f.dimension].label} ${f.exclude ? 'is not' : 'is'} ${f.values.map((v) => names[`${f.dimension}:${v}`] ?? v ?? '(none)').join(', ')}`;
  return (
    <div className="filters-editor">
      {filters.length > 0 && (
        <ul aria-label="Filters">
          {filters.map((f, i) => (
            <li key={i}>
              {describe(f)}{' '}
              <button type="button" aria-label={`Remove filter ${describe(f)}`} onClick={() => onChange(filters.filter((_, j) => j !== i))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="row-form">
        <label>
          Filter on
          <select value={dimension} onChange={(e) => setDimension(e.target.value as DimensionKey | '')}>
            <option value="">choose a dimension…</option>
            {DIMENSION_KEYS.map((k) => (
              <option key={k} value={k}>
                {DIMENSIONS[k].label}
              </option>
            ))}
          </select>
        </label>
        {dimension && (
          <label>
            <span>
              <input type="checkbox" checked={exclude} onChange={(e) => setExclude(e.target.checked)} /> exclude these
            </span>
          </label>
        )}
        {dimension && (
          <button
            type="button"
            disabled={!picked.length}
            onClick={() => {
              setNames({ ...names, ...Object.fromEntries(options.map((o) => [`${dimension}:${o.value}`, o.label])) });
              onChange([...filters, { dimension, values: picked, exclude }]);
              setDimension('');
              setExclude(false);
            }}
          >
            Add filter
          </button>
        )}
      </div>
      {dimension && (
        <div className="checks" role="group" aria-label={`${DIMENSIONS[dimension].label} values`}>
          {options.length === 0 && <span className="note">No values in this period.</span>}
          {options.map((o) => (
            <label key={String(o.value)}>
              <input type="checkbox" checked={picked.includes(o.value)} onChange={() => setPicked(picked.includes(o.value) ? picked.filter((v) => v !== o.value) : [...picked, o.value])} />
              {o.label}
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
