// Runs a rule set over the feedback of a period (nothing is opened) and shows per rule how many
// tickets it would have opened, by priority, branch and assignee.
import { useState } from 'react';
import { api, type Rule, type SimulationResult, type User } from '../api';
import { Alert, Field, Table, useAction } from '../ui';
import { ruleBody } from './rule-draft';

const day = (d: Date) => d.toISOString().slice(0, 10);
const counts = (o: Record<string, number>, name: (k: string) => string = (k) => k) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${name(k)} ${v}`)
    .join(', ') || '–';

export function SimulatePanel({ rules, people, title = 'Simulate' }: { rules: Rule[]; people: User[]; title?: string }) {
  const [range, setRange] = useState({ from: day(new Date(Date.now() - 30 * 86_400_000)), to: day(new Date(Date.now() + 86_400_000)) });
  const [result, setResult] = useState<SimulationResult | null>(null);
  const { busy, error, run } = useAction();
  const name = (id: string) => people.find((u) => u.id === id)?.name ?? id;
  const headingId = `sim-${title.replace(/\W+/g, '-')}`;
  return (
    <section className="simulate" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <form
        className="row wrap"
        onSubmit={async (e) => {
          e.preventDefault();
          const body = { rules: rules.map(({ position: _p, ...r }) => ({ ...ruleBody(r), id: r.id })), from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
          const r = await run(() => api<SimulationResult>('POST', '/rules/simulate', body));
          if (r) setResult(r);
        }}
      >
        <Field label="From">{(a) => <input {...a} type="date" required value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />}</Field>
        <Field label="To">{(a) => <input {...a} type="date" required value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />}</Field>
        <button type="submit" disabled={busy || rules.length === 0}>
          {busy ? 'Simulating…' : title}
        </button>
      </form>
      <Alert>{error}</Alert>
      {result && (
        <div aria-live="polite">
          <p>
            {result.feedback} feedback in the period would have opened <strong>{result.tickets}</strong> tickets.
          </p>
          <Table caption="Tickets per rule" className="sim-result" columns={['Rule', 'Tickets', 'By priority', 'By branch', 'By assignee']}>
            {result.perRule.map((r) => (
              <tr key={r.ruleId} data-rule={r.ruleId}>
                <th scope="row">{r.name || '(unnamed draft)'}</th>
                <td className="tickets">{r.tickets}</td>
                <td>{counts(r.byPriority)}</td>
                <td>{counts(r.byBranch)}</td>
                <td>{counts(r.byAssignee, name)}</td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </section>
  );
}
