// Live updates: one EventSource per signed-in tab (GET /api/v1/events, scoped by the server to what the
// user may see) shared by every screen. Screens re-read what they show when a matching change arrives,
// instead of polling; the browser resumes a dropped stream with Last-Event-ID by itself.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { LiveMessage } from '../../domain/live';
import './desk.css';

/** A change, or `reset`: changes may have been lost (first connect, a gap the server could not replay). */
export type LiveSignal = LiveMessage | { type: 'reset' };
type Listener = (signal: LiveSignal) => void;

interface Live {
  connected: boolean;
  subscribe(listener: Listener): () => void;
}

const LiveContext = createContext<Live | null>(null);
/** After the server refused the stream (signed out, 503) the browser gives up: try again this much later. */
const REOPEN_MS = 5_000;

export function LiveProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    let source: EventSource | null = null;
    let timer: number | undefined;
    const emit = (signal: LiveSignal) => listeners.current.forEach((l) => l(signal));
    const open = () => {
      const s = new EventSource('/api/v1/events');
      source = s;
      let first = true;
      // A new stream, or one that could not resume: what the screens show may be stale.
      s.addEventListener('ready', (e) => {
        setConnected(true);
        const { resumed } = JSON.parse((e as MessageEvent<string>).data) as { resumed: boolean };
        if (!resumed || first) emit({ type: 'reset' });
        first = false;
      });
      for (const type of ['ticket', 'notification'] as const) s.addEventListener(type, (e) => emit(JSON.parse((e as MessageEvent<string>).data) as LiveMessage));
      s.addEventListener('reset', () => emit({ type: 'reset' }));
      s.onerror = () => {
        setConnected(false);
        if (s.readyState === EventSource.CLOSED) timer = window.setTimeout(open, REOPEN_MS);
      };
    };
    open();
    return () => {
      window.clearTimeout(timer);
      source?.close();
    };
  }, []);
  const subscribe = useCallback((l: Listener) => {
    listeners.current.add(l);
    return () => void listeners.current.delete(l);
  }, []);
  const value = useMemo(() => ({ connected, subscribe }), [connected, subscribe]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/**
 * Calls `reload` (debounced) on every live change `matches` accepts, and on a reset. With `maxWaitMs`, a
 * steady stream of changes still reloads at least that often (a plain debounce would wait for a lull).
 */
export function useLiveReload(reload: () => unknown, matches: (m: LiveMessage) => boolean, debounceMs = 200, maxWaitMs?: number) {
  const subscribe = useContext(LiveContext)?.subscribe;
  const latest = useRef({ reload, matches });
  latest.current = { reload, matches };
  useEffect(() => {
    if (!subscribe) return;
    let timer: number | undefined;
    let pendingSince: number | null = null;
    const fire = () => {
      pendingSince = null;
      latest.current.reload();
    };
    const unsubscribe = subscribe((signal) => {
      if (signal.type !== 'reset' && !latest.current.matches(signal)) return;
      window.clearTimeout(timer);
      const now = Date.now();
      pendingSince ??= now;
      const wait = maxWaitMs === undefined ? debounceMs : Math.max(0, Math.min(debounceMs, pendingSince + maxWaitMs - now));
      timer = window.setTimeout(fire, wait);
    });
    return () => {
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [subscribe, debounceMs, maxWaitMs]);
}

/**
 * A screen that summarises many tickets (the dashboards): re-read on ticket changes, debounced, and poll
 * slowly only while the stream is down (its reconnect then resets, which re-reads too).
 */
export function useLiveSummary(reload: () => unknown, opts: { debounceMs?: number; maxWaitMs?: number; fallbackPollMs: number }) {
  const live = useContext(LiveContext);
  const connected = !!live?.connected;
  useLiveReload(reload, (m) => m.type === 'ticket', opts.debounceMs ?? 1_000, opts.maxWaitMs ?? 5_000);
  const latest = useRef(reload);
  latest.current = reload;
  useEffect(() => {
    if (connected) return;
    const id = window.setInterval(() => latest.current(), opts.fallbackPollMs);
    return () => window.clearInterval(id);
  }, [connected, opts.fallbackPollMs]);
}

/** Whether the live stream is up (the header says so; tests wait for it). */
export function LiveStatus() {
  const live = useContext(LiveContext);
  const on = !!live?.connected;
  return (
    <span className="live-status" data-live={on ? 'on' : 'off'} role="status" title={on ? 'Changes appear as they happen' : 'Reconnecting to live updates'}>
      {on ? 'Live' : 'Offline'}
    </span>
  );
}
