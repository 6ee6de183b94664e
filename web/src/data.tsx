// Data hooks shared by the screens: a polled GET, the signed-in user, and the people directory.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { api, type Me, type User } from './api';

/** GET `path` (again whenever it changes, and every `pollMs` when given); `reload` refetches now. */
export function useResource<T>(path: string | null, pollMs?: number) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const latest = useRef(path);
  latest.current = path;
  // Only the newest request may set the data, and a reload always reads the current path: otherwise a
  // read started before a change (say by a live event that switched the path) could land after the
  // reload that follows the change and show the state from before it.
  const newest = useRef(0);
  const reload = useCallback(async () => {
    const target = latest.current;
    if (!target) return;
    const mine = ++newest.current;
    try {
      const value = await api<T>('GET', target);
      if (newest.current === mine) {
        setData(value);
        setError('');
      }
    } catch (e) {
      if (newest.current === mine) setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    reload();
    if (!pollMs) return;
    const id = setInterval(reload, pollMs);
    return () => clearInterval(id);
  }, [path, reload, pollMs]);
  return { data, error, reload };
}

export const SessionContext = createContext<{ me: Me; setMe: (me: Me) => void } | null>(null);
export function useMe() {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useMe outside a signed-in session');
  return s;
}

/** The users the signed-in person may see (everyone for an admin, branch colleagues otherwise). */
export function usePeople() {
  const { data, reload } = useResource<{ items: User[] }>('/users');
  const people = data?.items ?? [];
  const nameOf = useCallback((id: string | null | undefined) => (id ? (people.find((u) => u.id === id)?.name ?? id) : 'unassigned'), [people]);
  return { people, nameOf, reload };
}
