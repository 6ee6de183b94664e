// Keyboard shortcuts of the agent's desk: single keys while no text field has the focus, registered
// by the screen that offers them (board: j/k; ticket page: r, n, a), and "?" listing what this
// screen offers in a dialog.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

export interface Shortcut {
  key: string;
  description: string;
  /** Answers false when it did nothing (the key then keeps its usual meaning). */
  run: () => boolean | void;
}

type Registry = Map<symbol, Shortcut[]>;
const ShortcutContext = createContext<Registry | null>(null);

/** Typing in a field is never a shortcut. */
const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

/** Always on (sending from the composer is Ctrl/Cmd+Enter in the text itself). */
const GLOBAL: Array<Omit<Shortcut, 'run'>> = [
  { key: '?', description: 'Show these shortcuts' },
  { key: 'Ctrl/⌘ + Enter', description: 'Send the reply or note you are writing' },
];

export function ShortcutProvider({ children }: { children: ReactNode }) {
  const registry = useRef<Registry>(new Map());
  const [help, setHelp] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      if (e.key === '?') return setHelp(true);
      for (const list of registry.current.values()) {
        const s = list.find((x) => x.key === e.key);
        if (s && s.run() !== false) return e.preventDefault();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (help && !dialog.current?.open) dialog.current?.showModal();
  }, [help]);
  const here = [...registry.current.values()].flat();
  return (
    <ShortcutContext.Provider value={registry.current}>
      {children}
      {help && (
        <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-title" onClose={() => setHelp(false)}>
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <dl>
            {[...here, ...GLOBAL].map((s) => (
              <div key={s.key}>
                <dt>
                  <kbd>{s.key}</kbd>
                </dt>
                <dd>{s.description}</dd>
              </div>
            ))}
          </dl>
          <form method="dialog">
            <button type="submit" autoFocus>
              Close
            </button>
          </form>
        </dialog>
      )}
    </ShortcutContext.Provider>
  );
}

/** Offers these shortcuts while the calling screen is shown. */
export function useShortcuts(shortcuts: Shortcut[]) {
  const registry = useContext(ShortcutContext);
  const id = useRef(Symbol('shortcuts'));
  const latest = useRef(shortcuts);
  latest.current = shortcuts;
  useEffect(() => {
    if (!registry) return;
    const key = id.current;
    // Run the latest closures, registered once.
    registry.set(
      key,
      latest.current.map((s, i) => ({ ...s, run: () => (latest.current[i] ? latest.current[i].run() : false) })),
    );
    return () => void registry.delete(key);
  }, [registry]);
}

/** Ctrl/Cmd+Enter in a text area submits its form. */
export function submitOnModEnter(e: React.KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    e.currentTarget.form?.requestSubmit();
  }
}
