// Business-hours calendars (admin), one per branch: time zone, weekly opening hours and holidays.
// With a calendar, a branch's SLA clocks run only inside its hours; without one, around the clock.
import { useState } from 'react';
import { api, type Branch, type Calendar } from '../api';
import { useResource } from '../data';
import { Alert, Field, Notice, Screen, useAction } from '../ui';

const DAYS: Array<[string, string]> = [['1', 'Monday'], ['2', 'Tuesday'], ['3', 'Wednesday'], ['4', 'Thursday'], ['5', 'Friday'], ['6', 'Saturday'], ['0', 'Sunday']];
// Older browsers lack Intl.supportedValuesOf: the field then takes any zone name.
const ZONES: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const OFFICE: Calendar = { timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone, weekly: Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '09:00', end: '17:00' }]])), holidays: [] };

function CalendarEditor({ branch, reload }: { branch: Branch; reload: () => Promise<void> }) {
  const [cal, setCal] = useState<Calendar | null>(branch.calendar);
  const [holiday, setHoliday] = useState('');
  const [saved, setSaved] = useState('');
  const { busy, error, fields, run } = useAction();
  const save = async (value: Calendar | null) => {
    setSaved('');
    const ok = await run(async () => (await api('PUT', `/branches/${branch.id}/calendar`, value), true));
    if (ok) {
      setSaved(value ? 'Business hours saved.' : 'Now around the clock.');
      await reload();
    }
  };
  const setDay = (day: string, intervals: Calendar['weekly'][string]) => cal && setCal({ ...cal, weekly: { ...cal.weekly, [day]: intervals } });
  const headingId = `cal-${branch.id}`;
  return (
    <section className="panel" id={branch.id} aria-labelledby={headingId}>
      <h2 id={headingId}>{branch.name}</h2>
      {!cal ? (
        <>
          <p>SLA time runs around the clock.</p>
          <button type="button" onClick={() => setCal(OFFICE)}>
            Set business hours
          </button>
        </>
      ) : (
        <form
          className="stack"
          aria-label={`Business hours of ${branch.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            save(cal);
          }}
        >
          <Field label="Time zone" error={fields.timeZone}>
            {(a) => (
              <>
                <input {...a} list="time-zones" required value={cal.timeZone} onChange={(e) => setCal({ ...cal, timeZone: e.target.value })} />
                <datalist id="time-zones">
                  {ZONES.map((z) => (
                    <option key={z} value={z} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <table className="hours">
            <caption className="sr-only">Weekly opening hours</caption>
            <tbody>
              {DAYS.map(([day, name]) => {
                const intervals = cal.weekly[day] ?? [];
                return (
                  <tr key={day}>
                    <th scope="row">{name}</th>
                    <td>
                      {intervals.length === 0 && <span className="closed">closed</span>}
                      {intervals.map((iv, i) => (
                        <span key={i} className="interval">
                          <input type="time" aria-label={`${name} opens`} value={iv.start} onChange={(e) => setDay(day, intervals.map((x, j) => (j === i ? { ...x, start: e.target.value } : x)))} />
                          –
                          <input type="time" aria-label={`${name} closes`} value={iv.end === '24:00' ? '23:59' : iv.end} onChange={(e) => setDay(day, intervals.map((x, j) => (j === i ? { ...x, end: e.target.value } : x)))} />
                          <button type="button" aria-label={`Remove ${name} hours ${iv.start}–${iv.end}`} onClick={() => setDay(day, intervals.filter((_, j) => j !== i))}>
                            ✕
                          </button>
                        </span>
                      ))}
                      <button type="button" onClick={() => setDay(day, [...intervals, { start: '09:00', end: '17:00' }])}>
                        Add hours on {name}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <fieldset>
            <legend>Holidays (closed all day)</legend>
            <ul className="chips">
              {cal.holidays.map((h) => (
                <li key={h}>
                  {h}{' '}
                  <button type="button" aria-label={`Remove holiday ${h}`} onClick={() => setCal({ ...cal, holidays: cal.holidays.filter((x) => x !== h) })}>
                    ✕
                  </button>
                </li>
              ))}
            </ul>
            <div className="row">
              <Field label="Add a holiday">{(a) => <input {...a} type="date" value={holiday} onChange={(e) => setHoliday(e.target.value)} />}</Field>
              <button type="button" disabled={!holiday} onClick={() => (setCal({ ...cal, holidays: [...new Set([...cal.holidays, holiday])].sort() }), setHoliday(''))}>
                Add holiday
              </button>
            </div>
          </fieldset>
          <Alert>{error}</Alert>
          {saved && <Notice>{saved}</Notice>}
          <div className="row">
            <button type="submit" className="primary" disabled={busy}>
              Save business hours
            </button>
            <button type="button" onClick={() => (setCal(null), save(null))}>
              Around the clock
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function CalendarsAdmin() {
  const { data, error, reload } = useResource<{ items: Branch[] }>('/branches');
  return (
    <Screen title="Business hours">
      <p className="hint">SLA clocks of a branch with business hours run only while it is open (in its time zone, holidays closed).</p>
      <Alert>{error}</Alert>
      {(data?.items ?? []).map((b) => (
        <CalendarEditor key={b.id} branch={b} reload={reload} />
      ))}
    </Screen>
  );
}
