// One SLA clock as a bar: green while running, amber from 80 % (warnAt), red on breach, and always red
// for an escalated ticket. Re-drawn every second from due times, so it moves without a reload.
import { useEffect, useState } from 'react';
import type { ClockView } from './api';

export function useNow(intervalMs = 1000) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function clockColour(c: ClockView, now: number, escalated: boolean): 'green' | 'amber' | 'red' | 'grey' {
  if (escalated) return 'red';
  if (c.state === 'breached') return 'red';
  if (c.state === 'met') return 'grey';
  if (c.dueAt !== null && now >= c.dueAt) return 'red';
  if (c.state === 'warning' || (c.warnAt !== null && now >= c.warnAt)) return 'amber';
  return 'green';
}

const COLOUR_WORD = { green: 'on track', amber: 'at risk', red: 'breached or escalated', grey: 'met' } as const;

function left(ms: number) {
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3_600_000);
  const m = Math.floor((abs % 3_600_000) / 60_000);
  const s = Math.floor((abs % 60_000) / 1000);
  const txt = h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
  return ms >= 0 ? `${txt} left` : `${txt} over`;
}

export function SlaBar({ label, clock, escalated }: { label: string; clock: ClockView | null; escalated: boolean }) {
  const now = useNow();
  if (!clock) return null;
  const colour = clockColour(clock, now, escalated);
  const used = clock.dueAt ? Math.min(1, Math.max(0, (now - clock.startedAt - clock.pausedMs) / clock.targetMs)) : 0;
  const text = clock.state === 'met' ? 'met' : clock.paused ? 'paused' : clock.dueAt ? left(clock.dueAt - now) : '';
  return (
    <div
      className="sla"
      data-colour={colour}
      title={`${label}: ${clock.state}`}
      role="meter"
      aria-label={`${label} SLA`}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(used * 100)}
      aria-valuetext={`${COLOUR_WORD[colour]}, ${text}`}
    >
      <span className="sla-label">{label}</span>
      <span className="sla-track">
        <span className="sla-fill" style={{ width: `${Math.round((clock.state === 'met' ? 1 : used) * 100)}%` }} />
      </span>
      <span className="sla-text">{text}</span>
    </div>
  );
}
