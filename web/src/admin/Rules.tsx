// Generation rules (admin): the ordered list (first active match wins), reordered by drag and drop or
// with the keyboard (move up / down), the editor, and a simulation of the saved set.
import { useEffect, useRef, useState } from 'react';
import { api, label, type Branch, type Rule, type Service, type User } from '../api';
import { useResource } from '../data';
import { Alert, ConfirmButton, Screen, useAction } from '../ui';
import { RULE_CONDITION_LABELS } from '../../../domain/rules';
import { RuleEditor } from './RuleEditor';
import { SimulatePanel } from './SimulatePanel';

function summary(r: Rule, name: (id: string) => string) {
  const trigger = [...r.trigger.buckets.map(label), ...r.trigger.scoreRanges.map((x) => `${x.type.toUpperCase()} ${x.min}–${x.max}`), ...r.trigger.keywords.map((k) => `"${k}"`)].join(', ');
  const scope = [...r.scope.branches, ...r.scope.services].join(', ') || 'everywhere';
  const pool = r.outcome.pool.length ? `${label(r.outcome.strategy)} over ${r.outcome.pool.map(name).join(', ')}` : 'unassigned';
  const chain = r.outcome.escalationChain.length ? `, escalates in ${r.outcome.escalationChain.length} level(s)` : '';
  return `${trigger || 'no trigger'} · ${RULE_CONDITION_LABELS[r.condition]} · ${scope} → ${r.outcome.priority} ${r.outcome.kind}, ${pool}${chain}`;
}

export function RulesAdmin() {
  const { data, error: loadError, reload } = useResource<{ items: Rule[] }>('/rules');
  const people = useResource<{ items: User[] }>('/users').data?.items ?? [];
  const branches = useResource<{ items: Branch[] }>('/branches').data?.items ?? [];
  const services = useResource<{ items: Service[] }>('/services').data?.items ?? [];
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [refocus, setRefocus] = useState<{ id: string; focus: 'up' | 'down' } | null>(null);
  const { error, run } = useAction();
  const list = useRef<HTMLOListElement>(null);
  const rules = data?.items ?? [];
  const name = (id: string) => people.find((u) => u.id === id)?.name ?? id;

  const move = async (from: number, to: number, focus?: 'up' | 'down') => {
    if (to < 0 || to >= rules.length || from === to) return;
    const ids = rules.map((r) => r.id);
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id);
    const moved = rules[from];
    const ok = await run(async () => (await api('POST', '/rules/reorder', { ids }), await reload(), true));
    if (!ok) return;
    setAnnouncement(`${moved.name} is now rule ${to + 1} of ${rules.length}.`);
    if (focus) setRefocus({ id: moved.id, focus });
  };

  // Keep the keyboard where it was: once the new order is on screen, on the same button of the rule
  // that moved (or its other move button when it reached an edge).
  useEffect(() => {
    if (!refocus) return;
    const item = list.current?.querySelector<HTMLElement>(`[data-rule="${refocus.id}"]`);
    const button = item?.querySelector<HTMLButtonElement>(`button[data-move="${refocus.focus}"]:not([disabled])`) ?? item?.querySelector<HTMLButtonElement>('button[data-move]:not([disabled])');
    button?.focus();
    setRefocus(null);
  }, [refocus, rules]);

  return (
    <Screen
      title="Generation rules"
      actions={
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New rule
        </button>
      }
    >
      <p className="hint">Rules are tried from the top; the first active rule that matches opens the ticket. Drag a rule, or use its move buttons, to change the order.</p>
      <Alert>{loadError || error}</Alert>
      <p className="sr-only" role="status">
        {announcement}
      </p>
      {editing && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          others={rules}
          people={people}
          branches={branches}
          services={services}
          onCancel={() => setEditing(null)}
          onSaved={() => (setEditing(null), reload())}
        />
      )}
      <ol className="rules" ref={list} aria-label="Rules in evaluation order">
        {rules.map((r, i) => (
          <li
            key={r.id}
            data-rule={r.id}
            className={`rule${dragged === i ? ' dragging' : ''}${r.active ? '' : ' inactive'}`}
            draggable
            onDragStart={(e) => {
              setDragged(i);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', r.id);
            }}
            onDragEnd={() => setDragged(null)}
            onDragOver={(e) => {
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
            }}
            onDrop={(e) => {
              e.preventDefault();
              const from = rules.findIndex((x) => x.id === e.dataTransfer.getData('text/plain'));
              setDragged(null);
              if (from >= 0) move(from, i);
            }}
          >
            <span className="grip" aria-hidden="true">
              ⠿
            </span>
            <span className="pos">{i + 1}</span>
            <div className="rule-body">
              <strong className="rule-name">{r.name}</strong> {!r.active && <span className="badge">inactive</span>}
              <div className="hint">{summary(r, name)}</div>
            </div>
            <div className="row">
              <button type="button" data-move="up" aria-label={`Move ${r.name} up`} disabled={i === 0} onClick={() => move(i, i - 1, 'up')}>
                ↑
              </button>
              <button type="button" data-move="down" aria-label={`Move ${r.name} down`} disabled={i === rules.length - 1} onClick={() => move(i, i + 1, 'down')}>
                ↓
              </button>
              <button type="button" aria-label={`Edit ${r.name}`} onClick={() => setEditing(r)}>
                Edit
              </button>
              <ConfirmButton confirm={`Delete ${r.name}`} onConfirm={() => run(async () => (await api('DELETE', `/rules/${r.id}`), await reload()))}>
                Delete
              </ConfirmButton>
            </div>
          </li>
        ))}
      </ol>
      <div className="panel">
        <SimulatePanel rules={rules} people={people} />
      </div>
    </Screen>
  );
}
