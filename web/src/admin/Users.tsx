// Users and availability (admin): create with a password, role, branches, capacity and Slack target;
// edit or reset the password; deactivate / reactivate; toggle anyone's availability.
import { useState } from 'react';
import { api, type Branch, type User, type UserInput, type UserPatch } from '../api';
import { useResource } from '../data';
import { ROLES } from '../../../domain/types';
import { Alert, ConfirmButton, Field, Screen, Table, useAction } from '../ui';

type Draft = { name: string; email: string; role: User['role']; branches: string[]; capacity: string; slackTarget: string; available: boolean; password: string };
const empty: Draft = { name: '', email: '', role: 'agent', branches: [], capacity: '', slackTarget: '', available: true, password: '' };
const toDraft = (u: User): Draft => ({ name: u.name, email: u.email, role: u.role, branches: u.branches, capacity: u.capacity?.toString() ?? '', slackTarget: u.slackTarget ?? '', available: u.available, password: '' });

function UserForm({ initial, branches, editing, onSaved, onCancel }: { initial: Draft; branches: Branch[]; editing: User | null; onSaved: () => void; onCancel: () => void }) {
  const [d, setD] = useState(initial);
  const { busy, error, fields, run } = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD({ ...d, [k]: v });
  return (
    <form
      className="panel stack narrow"
      aria-labelledby="user-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const common = { name: d.name, email: d.email, role: d.role, branches: d.branches, capacity: d.capacity ? Number(d.capacity) : null, slackTarget: d.slackTarget.trim() || null, available: d.available };
        const ok = await run(async () => {
          if (editing) await api('PATCH', `/users/${editing.id}`, { ...common, ...(d.password ? { password: d.password } : {}) } satisfies UserPatch);
          else await api('POST', '/users', { ...common, password: d.password } satisfies UserInput);
          return true;
        });
        if (ok) onSaved();
      }}
    >
      <h2 id="user-form-title">{editing ? `Edit ${editing.name}` : 'New user'}</h2>
      <Field label="Name" error={fields.name}>{(a) => <input {...a} required value={d.name} onChange={(e) => set('name', e.target.value)} />}</Field>
      <Field label="Email" error={fields.email}>{(a) => <input {...a} type="email" required value={d.email} onChange={(e) => set('email', e.target.value)} />}</Field>
      <Field label="Role" error={fields.role}>
        {(a) => (
          <select {...a} value={d.role} onChange={(e) => set('role', e.target.value as User['role'])}>
            {ROLES.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        )}
      </Field>
      <fieldset>
        <legend>Branches</legend>
        {branches.map((b) => (
          <label key={b.id} className="inline">
            <input type="checkbox" checked={d.branches.includes(b.id)} onChange={(e) => set('branches', e.target.checked ? [...d.branches, b.id] : d.branches.filter((x) => x !== b.id))} /> {b.name}
          </label>
        ))}
        {fields.branches && <small className="field-error">{fields.branches}</small>}
      </fieldset>
      <Field label="Capacity (open tickets)" hint="Empty: no limit" error={fields.capacity}>
        {(a) => <input {...a} type="number" min={1} value={d.capacity} onChange={(e) => set('capacity', e.target.value)} />}
      </Field>
      <Field label="Slack target" hint="Member or channel id for escalation notices" error={fields.slackTarget}>
        {(a) => <input {...a} value={d.slackTarget} onChange={(e) => set('slackTarget', e.target.value)} />}
      </Field>
      <label className="inline">
        <input type="checkbox" checked={d.available} onChange={(e) => set('available', e.target.checked)} /> Available for new tickets
      </label>
      <Field label={editing ? 'New password (leave empty to keep)' : 'Password'} hint="At least 10 characters" error={fields.password}>
        {(a) => <input {...a} type="password" autoComplete="new-password" required={!editing} minLength={10} value={d.password} onChange={(e) => set('password', e.target.value)} />}
      </Field>
      <Alert>{error}</Alert>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {editing ? 'Save user' : 'Create user'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function UsersAdmin() {
  const { data, error: loadError, reload } = useResource<{ items: User[] }>('/users');
  const branches = useResource<{ items: Branch[] }>('/branches').data?.items ?? [];
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const { error, run } = useAction();
  const users = data?.items ?? [];
  const patch = (u: User, body: UserPatch) => run(async () => (await api('PATCH', `/users/${u.id}`, body), await reload()));
  return (
    <Screen
      title="Users"
      actions={
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New user
        </button>
      }
    >
      {editing && (
        <UserForm
          key={editing === 'new' ? 'new' : editing.id}
          initial={editing === 'new' ? empty : toDraft(editing)}
          editing={editing === 'new' ? null : editing}
          branches={branches}
          onCancel={() => setEditing(null)}
          onSaved={() => (setEditing(null), reload())}
        />
      )}
      <Alert>{loadError || error}</Alert>
      <Table caption="Users" columns={['Name', 'Email', 'Role', 'Branches', 'Capacity', 'Open', 'Available', 'Actions']}>
        {users.map((u) => (
          <tr key={u.id} data-user={u.email} className={u.active ? '' : 'inactive'}>
            <th scope="row">
              {u.name}
              {!u.active && <span className="badge">deactivated</span>}
            </th>
            <td>{u.email}</td>
            <td>{u.role}</td>
            <td>{u.branches.join(', ') || '–'}</td>
            <td>{u.capacity ?? <span title="no limit">∞<span className="sr-only"> no limit</span></span>}</td>
            <td>{u.openTickets}</td>
            <td>
              <input
                type="checkbox"
                aria-label={`${u.name} available`}
                checked={pending[u.id] ?? u.available}
                onChange={async (e) => {
                  const available = e.target.checked;
                  setPending({ ...pending, [u.id]: available }); // shown at once, confirmed by the reload
                  await run(async () => (await api('PUT', `/users/${u.id}/availability`, { available }), await reload()));
                  setPending(({ [u.id]: _done, ...rest }) => rest);
                }}
              />
            </td>
            <td>
              <div className="row">
                <button type="button" aria-label={`Edit ${u.name}`} onClick={() => setEditing(u)}>
                  Edit
                </button>
                {u.active ? (
                  <ConfirmButton confirm={`Deactivate ${u.name}`} onConfirm={() => patch(u, { active: false })}>
                    Deactivate
                  </ConfirmButton>
                ) : (
                  <button type="button" onClick={() => patch(u, { active: true })}>
                    Reactivate
                  </button>
                )}
              </div>
            </td>
          </tr>
        ))}
      </Table>
    </Screen>
  );
}
