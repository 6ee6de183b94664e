// The generation-rule editor. Every field is one entry of RULE_SECTIONS: a path (for the server's
// field errors) and a render function over the draft. A new rule field is one more entry; choices
// (buckets, conditions, kinds, priorities, strategies) come from the domain schema itself.
import { useState, type ReactNode } from 'react';
import { api, label, type Branch, type Integrations, type Rule, type Service, type User } from '../api';
import { useResource } from '../data';
import { escalationDelays } from '../../../domain/escalation-delay';
import { SCORE_RANGES } from '../../../domain/feedback';
import { RULE_CONDITION_LABELS, ruleDefinitionSchema, type ScoreRange } from '../../../domain/rules';
import { BUCKETS } from '../../../domain/score-tiers';
import { CAPTURE_TYPES, PRIORITIES } from '../../../domain/types';
import { Alert, Field, useAction } from '../ui';
import { NEW_RULE, ruleBody, type RuleDraft } from './rule-draft';
import { SimulatePanel } from './SimulatePanel';

type Outcome = RuleDraft['outcome'];
type Chain = Outcome['escalationChain'];

const shape = ruleDefinitionSchema.shape;
const outcomeShape = shape.outcome.shape;
const CONDITIONS = shape.condition.unwrap().options as readonly RuleDraft['condition'][];
const KINDS = outcomeShape.kind.unwrap().options as readonly Outcome['kind'][];
const STRATEGIES = outcomeShape.strategy.unwrap().options as readonly Outcome['strategy'][];
const STRATEGY_TEXT: Partial<Record<string, string>> = { round_robin: 'round robin', first_available: 'first available', random: 'random' };

export interface EditorContext {
  draft: RuleDraft;
  update: (fn: (d: RuleDraft) => RuleDraft) => void;
  setOutcome: (o: Partial<Outcome>) => void;
  error: (path: string) => string | undefined;
  people: User[];
  branches: Branch[];
  services: Service[];
}
interface FieldSpec {
  /** Where the server reports this field's errors ("trigger", "outcome.pool" …). */
  path: string;
  render: (ctx: EditorContext) => ReactNode;
}

function Checklist<T extends string>(p: { legend: string; options: readonly T[]; text?: (v: T) => string; value: T[]; onChange: (v: T[]) => void; hint?: string; error?: string }) {
  return (
    <fieldset className="checklist">
      <legend>{p.legend}</legend>
      {p.hint && <small className="hint">{p.hint}</small>}
      {p.options.map((o) => (
        <label key={o} className="inline">
          <input type="checkbox" checked={p.value.includes(o)} onChange={(e) => p.onChange(e.target.checked ? [...p.value, o] : p.value.filter((x) => x !== o))} /> {p.text ? p.text(o) : label(o)}
        </label>
      ))}
      {p.error && <small className="field-error">{p.error}</small>}
    </fieldset>
  );
}

function Choice<T extends string>(p: { text: string; options: readonly T[]; names?: Partial<Record<string, string>>; value: T; onChange: (v: T) => void; error?: string }) {
  return (
    <Field label={p.text} error={p.error}>
      {(a) => (
        <select {...a} value={p.value} onChange={(e) => p.onChange(e.target.value as T)}>
          {p.options.map((o) => (
            <option key={o} value={o}>
              {p.names?.[o] ?? label(o)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** An ordered list of people (pool order matters for round robin and first available). */
/** Explicit score bands (e.g. NPS 0–4), one row each: capture type, from, to. */
function ScoreRanges({ ranges, onChange, error }: { ranges: ScoreRange[]; onChange: (r: ScoreRange[]) => void; error: (path: string) => string | undefined }) {
  const set = (i: number, r: Partial<ScoreRange>) => onChange(ranges.map((x, j) => (j === i ? { ...x, ...r } : x)));
  return (
    <fieldset>
      <legend>Score ranges</legend>
      <small className="hint">Fires on a score inside a range of its capture type, both ends included</small>
      {ranges.map((r, i) => {
        const bounds = SCORE_RANGES[r.type];
        const scores = Array.from({ length: bounds.max - bounds.min + 1 }, (_, k) => String(bounds.min + k));
        const rowError = error(`trigger.scoreRanges.${i}`) ?? error(`trigger.scoreRanges.${i}.min`);
        return (
          <div className="row" key={i} role="group" aria-label={`Score range ${i + 1}`}>
            <Choice text="Capture type" options={CAPTURE_TYPES} value={r.type} onChange={(type) => set(i, { type, min: SCORE_RANGES[type].min, max: SCORE_RANGES[type].max })} />
            <Choice text="From" options={scores} value={String(r.min)} onChange={(v) => set(i, { min: Number(v) })} />
            <Choice text="To" options={scores} value={String(r.max)} onChange={(v) => set(i, { max: Number(v) })} error={rowError} />
            <button type="button" aria-label={`Remove score range ${i + 1}`} onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...ranges, { type: 'nps', min: 0, max: 6 }])}>
        Add a score range
      </button>
    </fieldset>
  );
}

function PeopleList({ legend, ids, people, onChange, error }: { legend: string; ids: string[]; people: User[]; onChange: (ids: string[]) => void; error?: string }) {
  const [adding, setAdding] = useState('');
  const name = (id: string) => people.find((u) => u.id === id)?.name ?? id;
  return (
    <fieldset>
      <legend>{legend}</legend>
      <ol className="people">
        {ids.map((id, i) => (
          <li key={id}>
            {name(id)}{' '}
            <button type="button" aria-label={`Move ${name(id)} earlier`} disabled={i === 0} onClick={() => onChange(ids.map((x, j) => (j === i - 1 ? id : j === i ? ids[i - 1] : x)))}>
              ↑
            </button>
            <button type="button" aria-label={`Remove ${name(id)} from ${legend.toLowerCase()}`} onClick={() => onChange(ids.filter((x) => x !== id))}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <div className="row">
        <Field label={`Add to ${legend.toLowerCase()}`}>
          {(a) => (
            <select {...a} value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">choose…</option>
              {people.filter((u) => u.active && !ids.includes(u.id)).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name} ({u.role})
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="button" disabled={!adding} onClick={() => (onChange([...ids, adding]), setAdding(''))}>
          Add
        </button>
      </div>
      {error && <small className="field-error">{error}</small>}
    </fieldset>
  );
}

/** What a level's hours mean at each priority (the SLA multiplier applies to escalation too). */
const effectiveDelays = (hours: number) =>
  Number.isFinite(hours) && hours > 0 ? `Fires after ${escalationDelays(hours).map((d) => `${d.text} at ${d.priority}`).join(', ')} priority (×${escalationDelays(hours).map((d) => d.multiplier).join(' / ×')}), in the branch's business hours` : '';

function EscalationChain({ chain, people, onChange, error }: { chain: Chain; people: User[]; onChange: (c: Chain) => void; error: (path: string) => string | undefined }) {
  // Without a Slack token a Slack level is e-mailed; the editor says so before the rule is saved.
  const slack = useResource<Integrations>('/integrations').data?.slack;
  // Levels are numbered by their place, as the schema requires.
  const renumber = (c: Chain) => c.map((l, i) => ({ ...l, level: i + 1 }));
  const setLevel = (i: number, l: Partial<Chain[number]>) => onChange(chain.map((x, j) => (j === i ? { ...x, ...l } : x)));
  const fallback = people.find((u) => u.active)?.id ?? '';
  return (
    <div className="stack">
      {chain.map((lvl, i) => (
        <fieldset key={i} className="level">
          <legend>Level {lvl.level}</legend>
          <Field
            label={`Level ${lvl.level} after (hours)`}
            hint={`${i === 0 ? "Counted from the ticket's creation" : 'Counted from the previous level'}. ${effectiveDelays(lvl.afterHours)}`}
            error={error(`outcome.escalationChain.${i}.afterHours`)}
          >
            {(a) => <input {...a} type="number" min={0.001} step="any" required value={lvl.afterHours} onChange={(e) => setLevel(i, { afterHours: Number(e.target.value) })} />}
          </Field>
          {lvl.users.map((u, k) => (
            <div key={k} className="row wrap">
              <Field label={`Level ${lvl.level} person ${k + 1}`}>
                {(a) => (
                  <select {...a} value={u.userId} onChange={(e) => setLevel(i, { users: lvl.users.map((x, m) => (m === k ? { ...x, userId: e.target.value } : x)) })}>
                    {people.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={`Level ${lvl.level} person ${k + 1} channel`}>
                {(a) => (
                  <select {...a} value={u.channel} onChange={(e) => setLevel(i, { users: lvl.users.map((x, m) => (m === k ? { ...x, channel: e.target.value as 'email' | 'slack' } : x)) })}>
                    <option value="email">email</option>
                    <option value="slack">Slack</option>
                  </select>
                )}
              </Field>
              {u.channel === 'slack' && slack === false && (
                <p className="warning" data-testid="slack-fallback">
                  Slack is not configured (no SLACK_TOKEN): this person will be e-mailed instead, and the timeline will say so.
                </p>
              )}
              {u.channel === 'slack' && (
                <Field label={`Level ${lvl.level} person ${k + 1} Slack target`} hint="empty: the user's own">
                  {(a) => <input {...a} value={u.slackTarget ?? ''} onChange={(e) => setLevel(i, { users: lvl.users.map((x, m) => (m === k ? { ...x, slackTarget: e.target.value || undefined } : x)) })} />}
                </Field>
              )}
              <button type="button" aria-label={`Remove level ${lvl.level} person ${k + 1}`} disabled={lvl.users.length === 1} onClick={() => setLevel(i, { users: lvl.users.filter((_, m) => m !== k) })}>
                ✕
              </button>
            </div>
          ))}
          <div className="row">
            <button type="button" onClick={() => setLevel(i, { users: [...lvl.users, { userId: fallback, channel: 'email' }] })}>
              Add person to level {lvl.level}
            </button>
            <button type="button" onClick={() => onChange(renumber(chain.filter((_, j) => j !== i)))}>
              Remove level {lvl.level}
            </button>
          </div>
          {error(`outcome.escalationChain.${i}`) && <small className="field-error">{error(`outcome.escalationChain.${i}`)}</small>}
        </fieldset>
      ))}
      <button type="button" disabled={!fallback} onClick={() => onChange(renumber([...chain, { level: 0, afterHours: chain.length ? 4 : 2, users: [{ userId: fallback, channel: 'email' }] }]))}>
        Add escalation level
      </button>
    </div>
  );
}

const num = (v: string) => (v.trim() === '' ? undefined : Number(v));

/** The editor's layout: sections of fields, in order. Add a field by adding an entry. */
export const RULE_SECTIONS: Array<{ legend: string; fields: FieldSpec[] }> = [
  {
    legend: 'Rule',
    fields: [
      { path: 'name', render: ({ draft, update, error }) => <Field label="Rule name" error={error('name')}>{(a) => <input {...a} required value={draft.name} onChange={(e) => update((d) => ({ ...d, name: e.target.value }))} />}</Field> },
      { path: 'active', render: ({ draft, update }) => <label className="inline"><input type="checkbox" checked={draft.active} onChange={(e) => update((d) => ({ ...d, active: e.target.checked }))} /> Active</label> },
    ],
  },
  {
    legend: 'Trigger (any of these fires the rule)',
    fields: [
      {
        path: 'trigger.buckets',
        render: ({ draft, update, error }) => (
          <Checklist legend="Score buckets" options={BUCKETS} value={draft.trigger.buckets} onChange={(buckets) => update((d) => ({ ...d, trigger: { ...d.trigger, buckets } }))} error={error('trigger') ?? error('trigger.buckets')} />
        ),
      },
      {
        path: 'trigger.scoreRanges',
        render: ({ draft, update, error }) => <ScoreRanges ranges={draft.trigger.scoreRanges} onChange={(scoreRanges) => update((d) => ({ ...d, trigger: { ...d.trigger, scoreRanges } }))} error={error} />,
      },
      {
        path: 'trigger.keywords',
        render: ({ draft, update, error }) => (
          <Field label="Keywords" hint="One per line; whole words, case and accents ignored" error={error('trigger.keywords')}>
            {(a) => <textarea {...a} rows={3} value={draft.trigger.keywords.join('\n')} onChange={(e) => update((d) => ({ ...d, trigger: { ...d.trigger, keywords: e.target.value.split('\n') } }))} />}
          </Field>
        ),
      },
    ],
  },
  {
    legend: 'Condition',
    fields: [{ path: 'condition', render: ({ draft, update, error }) => <Choice text="Fire" options={CONDITIONS} names={RULE_CONDITION_LABELS} value={draft.condition} onChange={(condition) => update((d) => ({ ...d, condition }))} error={error('condition')} /> }],
  },
  {
    legend: 'Scope (empty: everywhere)',
    fields: [
      { path: 'scope.branches', render: ({ draft, update, branches }) => <Checklist legend="Branches" options={branches.map((b) => b.id)} text={(id) => branches.find((b) => b.id === id)?.name ?? id} value={draft.scope.branches} onChange={(v) => update((d) => ({ ...d, scope: { ...d.scope, branches: v } }))} /> },
      { path: 'scope.services', render: ({ draft, update, services }) => <Checklist legend="Services" options={services.map((s) => s.id)} text={(id) => services.find((s) => s.id === id)?.name ?? id} value={draft.scope.services} onChange={(v) => update((d) => ({ ...d, scope: { ...d.scope, services: v } }))} /> },
    ],
  },
  {
    legend: 'Ticket',
    fields: [
      { path: 'outcome.kind', render: ({ draft, setOutcome }) => <Choice text="Kind" options={KINDS} value={draft.outcome.kind} onChange={(kind) => setOutcome({ kind })} /> },
      { path: 'outcome.priority', render: ({ draft, setOutcome }) => <Choice text="Priority" options={PRIORITIES} value={draft.outcome.priority} onChange={(priority) => setOutcome({ priority })} /> },
      { path: 'outcome.csatSurvey', render: ({ draft, setOutcome }) => <label className="inline"><input type="checkbox" checked={draft.outcome.csatSurvey} onChange={(e) => setOutcome({ csatSurvey: e.target.checked })} /> Send a CSAT survey after resolution</label> },
    ],
  },
  {
    legend: 'Assignment',
    fields: [
      { path: 'outcome.pool', render: ({ draft, setOutcome, people, error }) => <PeopleList legend="Pool" ids={draft.outcome.pool} people={people} onChange={(pool) => setOutcome({ pool })} error={error('outcome.pool')} /> },
      { path: 'outcome.strategy', render: ({ draft, setOutcome }) => <Choice text="Strategy" options={STRATEGIES} names={STRATEGY_TEXT} value={draft.outcome.strategy} onChange={(strategy) => setOutcome({ strategy })} /> },
    ],
  },
  {
    legend: 'SLA overrides (hours; empty: the SLA settings)',
    fields: (['firstResponseHours', 'resolutionHours', 'nextReplyHours'] as const).map((k) => ({
      path: `outcome.sla.${k}`,
      render: ({ draft, setOutcome, error }: EditorContext) => (
        <Field label={{ firstResponseHours: 'First response', resolutionHours: 'Resolution', nextReplyHours: 'Next reply' }[k]} error={error(`outcome.sla.${k}`)}>
          {(a) => (
            <input
              {...a}
              type="number"
              min={0.001}
              step="any"
              value={draft.outcome.sla?.[k] ?? ''}
              onChange={(e) => {
                const sla = { ...draft.outcome.sla, [k]: num(e.target.value) };
                setOutcome({ sla: Object.values(sla).some((v) => v != null) ? sla : undefined });
              }}
            />
          )}
        </Field>
      ),
    })),
  },
  {
    legend: 'Escalation chain',
    fields: [{ path: 'outcome.escalationChain', render: ({ draft, setOutcome, people, error }) => <EscalationChain chain={draft.outcome.escalationChain} people={people} onChange={(escalationChain) => setOutcome({ escalationChain })} error={error} /> }],
  },
];

export function RuleEditor(p: { rule: Rule | null; others: Rule[]; people: User[]; branches: Branch[]; services: Service[]; onSaved: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<RuleDraft>(() => {
    if (!p.rule) return NEW_RULE;
    const { id: _id, position: _position, ...rest } = p.rule;
    return rest;
  });
  const { busy, error, fields, run } = useAction();
  const ctx: EditorContext = {
    draft,
    update: (fn) => setDraft(fn),
    setOutcome: (o) => setDraft((d) => ({ ...d, outcome: { ...d.outcome, ...o } })),
    error: (path) => fields[path],
    people: p.people,
    branches: p.branches,
    services: p.services,
  };
  // The draft in its place among the saved rules, for the simulation.
  const asRule = { ...ruleBody(draft), id: p.rule?.id ?? 'draft', position: p.rule?.position ?? Infinity } as Rule;
  const ruleSet = p.rule ? p.others.map((r) => (r.id === p.rule!.id ? asRule : r)) : [...p.others, asRule];
  return (
    <div className="panel">
      <form
        className="stack rule-editor"
        aria-labelledby="rule-editor-title"
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await run(async () => (await api(p.rule ? 'PUT' : 'POST', p.rule ? `/rules/${p.rule.id}` : '/rules', ruleBody(draft)), true));
          if (ok) p.onSaved();
        }}
      >
        <h2 id="rule-editor-title">{p.rule ? `Edit rule "${p.rule.name}"` : 'New rule'}</h2>
        {RULE_SECTIONS.map((section) => (
          <fieldset key={section.legend} className="section">
            <legend>{section.legend}</legend>
            {section.fields.map((f) => (
              <div key={f.path}>{f.render(ctx)}</div>
            ))}
          </fieldset>
        ))}
        <Alert>{error}</Alert>
        <div className="row sticky-actions">
          <button type="submit" className="primary" disabled={busy}>
            Save rule
          </button>
          <button type="button" onClick={p.onCancel}>
            Cancel
          </button>
        </div>
      </form>
      <SimulatePanel rules={ruleSet} people={p.people} title="Simulate with this draft" />
    </div>
  );
}
