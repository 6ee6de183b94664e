// One SLA clock as a bar: green while running, amber from 80 % (warnAt), red on breach, and always red
// for an escalated ticket — whose text then says "escalated" or "breached", never just red. Re-drawn
// every second from due times, so it moves without a reload.
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

/** The bar's state in words. An escalated ticket's bar is red whatever its clock says (product rule),
 * so the words tell "escalated, on time" from "breached". */
export function clockWord(c: ClockView, now: number, escalated: boolean): string {
  const overdue = c.state === 'breached' || (c.state !== 'met' && c.dueAt !== null && now >= c.dueAt);
  if (overdue) return escalated ? 'escalated and breached' : 'breached';
  if (c.state === 'met') return 'met';
  const risk = c.state === 'warning' || (c.warnAt !== null && now >= c.warnAt);
  if (escalated) return risk ? 'escalated, at risk' : 'escalated, on time';
  return risk ? 'at risk' : 'on track';
}

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
  const time = clock.state === 'met' ? 'met' : clock.paused ? 'paused' : clock.dueAt ? left(clock.dueAt - now) : '';
  const word = clockWord(clock, now, escalated);
  // Red bars carry their reason in text: "escalated" is not "breached".
  const text = colour === 'red' && clock.state !== 'met' ? `${word} · ${time}` : time;
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
      aria-valuetext={`${word}, ${time}`}
      data-state={word}
    >
      <span className="sla-label">{label}</span>
      <span className="sla-track">
        <span className="sla-fill" style={{ width: `${Math.round((clock.state === 'met' ? 1 : used) * 100)}%` }} />
      </span>
      <span className="sla-text">{text}</span>
    </div>
  );
}
