// Small accessible building blocks: screens with a focused heading, labelled fields with their error,
// alerts, two-step confirmation, and an action runner that keeps the API's error (and field errors).
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api';

/** A screen: its heading takes the focus on arrival so keyboard and screen-reader users start there. */
export function Screen({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Closeloop`;
    heading.current?.focus();
  }, [title]);
  return (
    <section className="screen" aria-labelledby="screen-title">
      <div className="screen-head">
        <h1 id="screen-title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </section>
  );
}

export function Alert({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="error">
      {children}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="notice">
      {children}
    </p>
  );
}

/** A label around one control, with its error message tied to it by aria-describedby. */
export function Field({ label, error, hint, children }: { label: string; error?: string; hint?: string; children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), 'aria-describedby': describedBy })}
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-error`} className="field-error">
          {error}
        </small>
      )}
    </div>
  );
}

/** Runs an API call: remembers the error message and the field errors of a 400. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError('');
    setFields({});
    try {
      return await fn();
    } catch (e) {
      setError((e as Error).message);
      if (e instanceof ApiError) setFields(e.fields);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, fields, run, setError };
}

/** A destructive button that asks once more in place (no modal, keyboard friendly). */
export function ConfirmButton({ children, confirm, onConfirm, disabled }: { children: ReactNode; confirm: string; onConfirm: () => void; disabled?: boolean }) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" disabled={disabled} onClick={() => setAsking(true)}>
        {children}
      </button>
    );
  return (
    <span className="confirm" role="group" aria-label={confirm}>
      <button type="button" className="danger" autoFocus onClick={() => (setAsking(false), onConfirm())}>
        {confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** A data table with column headers; scrolls sideways on a narrow screen instead of overflowing it. */
export function Table({ caption, columns, children, className }: { caption: string; columns: string[]; children: ReactNode; className?: string }) {
  return (
    <div className="table-wrap">
      <table className={className}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c || <span className="sr-only">Actions</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export const fmtDate = (v: string | number | null | undefined) => (v == null ? '–' : new Date(v).toLocaleString());

/** A secret (key, token, signing secret) right after it was made: shown this once, with a copy button. */
export function SecretOnce({ title, secret, onDone }: { title: string; secret: string; onDone: () => void }) {
  return (
    <div className="panel secret" role="status">
      <h2>{title}</h2>
      <p>Copy it now: it is not shown again.</p>
      <div className="row wrap">
        <code data-testid="new-secret">{secret}</code>
        <button type="button" onClick={() => navigator.clipboard?.writeText(secret)}>
          Copy
        </button>
        <button type="button" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
