// CPU time (user + system) of the processes a bench runs, from /proc (Linux): how much work each part did
// per operation — a figure the load of a shared machine changes far less than it changes throughput.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** A process's (`/proc/<pid>/stat`) or a thread's (`/proc/<pid>/task/<tid>/stat`) parent and CPU ticks. */
function stat(pid: number, file = `/proc/${pid}/stat`): { ppid: number; ticks: number } | null {
  try {
    // Fields after the parenthesised command: state ppid … utime (14th field) stime (15th).
    const f = readFileSync(file, 'utf8').replace(/^.*\) /s, '').split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null; // exited meanwhile, or no /proc
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const out: number[] = [];
  for (const queue = [root]; queue.length; ) {
    const pid = queue.pop()!;
    out.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** CPU milliseconds each of the given processes has used so far (those still alive). */
export function cpuByPid(pids: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    const s = stat(pid);
    if (s) out.set(pid, s.ticks * TICK_MS);
  }
  return out;
}

/** CPU milliseconds used between two snapshots by the processes alive at the second (new ones counted whole). */
export function cpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}

/** CPU milliseconds of each thread of this process so far, by thread id, with the thread's name
 * (/proc/self/task/<tid>/comm: the main thread is the one whose id is the pid, "tokio-runtime-w" are the
 * Temporal core's; Node names neither worker threads nor V8's helpers, so they are "node" alike). */
export function cpuByThread(): Map<number, { name: string; ms: number }> {
  const out = new Map<number, { name: string; ms: number }>();
  for (const name of readdirSync(`/proc/${process.pid}/task`)) {
    const tid = Number(name);
    const s = stat(process.pid, `/proc/${process.pid}/task/${tid}/stat`);
    if (!s) continue; // the thread ended meanwhile
    let comm = '';
    try {
      comm = readFileSync(`/proc/${process.pid}/task/${tid}/comm`, 'utf8').trim();
    } catch {
      // ended between the two reads: still counted, unnamed
    }
    out.set(tid, { name: comm, ms: s.ticks * TICK_MS });
  }
  return out;
}

/** Milliseconds per operation between two snapshots: main thread, the busiest other, the Temporal core, the rest. In a
 * worker the busiest unnamed thread is the workflow thread (V8's helpers each use far less). */
export function threadSplit(before: Map<number, { name: string; ms: number }>, after: Map<number, { name: string; ms: number }>, n: number): string {
  let main = 0, core = 0, busiest = 0, rest = 0;
  for (const [tid, t] of after) {
    const ms = t.ms - (before.get(tid)?.ms ?? 0);
    if (tid === process.pid) main += ms;
    else if (t.name.startsWith('tokio')) core += ms;
    else if (ms > busiest) { rest += busiest; busiest = ms; }
    else rest += ms;
  }
  const f = (ms: number) => (ms / n).toFixed(1);
  return `main thread ${f(main)}, busiest other thread (the workflow thread) ${f(busiest)}, Temporal core ${f(core)}, the rest ${f(rest)}`;
}
