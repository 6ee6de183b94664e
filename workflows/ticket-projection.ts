// The ticket's timeline events on their way to the read model. Each event gets the next sequence
// number; the workflow projects the unprojected ones with an idempotent activity and marks them done
// only once it succeeded, so a failed or repeated projection loses and duplicates nothing.
import type { TimelineEvent } from '../domain/ticket';

export interface ProjectionLog {
  seq: number; // the latest event's number
  projectedSeq: number; // every event up to this number is in the read model
  events: TimelineEvent[]; // events not yet projected
}

export const Projection = {
  /** Appends an event under the next sequence number. */
  append(log: ProjectionLog, event: Omit<TimelineEvent, 'seq'>) {
    log.seq += 1;
    log.events.push({ seq: log.seq, ...event });
  },

  /** Events since the last successful projection. */
  unprojected: (log: ProjectionLog): TimelineEvent[] => log.events.filter((e) => e.seq > log.projectedSeq),

  markProjected(log: ProjectionLog, seq: number) {
    if (seq > log.projectedSeq) log.projectedSeq = seq;
    log.events = log.events.filter((e) => e.seq > log.projectedSeq);
  },
};
