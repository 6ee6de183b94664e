// One listener per API process on the live channel, fanned out in memory to this process's
// server-sent-event streams, each filtered by who is watching (domain/live.ts). A ring of the latest
// messages lets a client that reconnects with Last-Event-ID catch up; when the ring cannot tell what
// it missed (older than the ring, or sent while this process was not listening) it is told to reset.
import type { Database } from '../../db/client';
import { livePosition } from '../../db/live-channel';
import { LIVE_CHANNEL, liveMessageSchema, mayReceive, type LiveEvent } from '../../domain/live';
import type { Viewer } from '../../domain/ticket-access';
import { log } from '../../platform/logger';

export interface LiveSubscriber {
  viewer: Viewer;
  send(event: LiveEvent): void;
  /** Messages were lost (the listener reconnected): re-read everything. */
  reset(): void;
  /** The hub is closing: end the stream. */
  end(): void;
}

export interface LiveHubOptions {
  /** Messages kept for Last-Event-ID (default 2 000). */
  ringSize?: number;
  log?: (message: string) => void;
}

export class LiveHub {
  private readonly subscribers = new Set<LiveSubscriber>();
  private ring: LiveEvent[] = [];
  /** Every message with an id above this has been heard (and is in the ring unless evicted). */
  private complete = Number.MAX_SAFE_INTEGER;
  private stopListening: (() => Promise<void>) | null = null;

  private constructor(private readonly ringSize: number, private readonly log: (message: string) => void) {}

  static async start(database: Pick<Database, 'db' | 'listen'>, opts: LiveHubOptions = {}): Promise<LiveHub> {
    const hub = new LiveHub(opts.ringSize ?? 2_000, opts.log ?? ((m) => log('live').warn(m)));
    // Listen first, then read the position: nothing committed after the position can be missed.
    hub.stopListening = await database.listen(LIVE_CHANNEL, (payload) => hub.hear(payload), () => void hub.resumed(database));
    hub.complete = await livePosition(database.db);
    return hub;
  }

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a stream. With `lastEventId`, answers the messages it missed (null: they cannot be known, the
   * client must re-read); without, an empty list.
   */
  subscribe(subscriber: LiveSubscriber, lastEventId: number | null): { missed: LiveEvent[] | null; unsubscribe(): void } {
    this.subscribers.add(subscriber);
    const unsubscribe = () => void this.subscribers.delete(subscriber);
    if (lastEventId === null) return { missed: [], unsubscribe };
    if (lastEventId < this.complete) return { missed: null, unsubscribe };
    return { missed: this.ring.filter((e) => e.id > lastEventId && mayReceive(subscriber.viewer, e)), unsubscribe };
  }

  /** Stops listening and ends every stream's subscription. */
  async close(): Promise<void> {
    for (const s of this.subscribers) s.end();
    this.subscribers.clear();
    await this.stopListening?.();
  }

  /** A NOTIFY carries a transaction's messages as an array; a worker of the previous release sends one object. */
  private hear(payload: string) {
    let events: LiveEvent[];
    try {
      const raw = JSON.parse(payload) as unknown;
      events = (Array.isArray(raw) ? raw : [raw]).map((m: { id?: unknown }) => ({ ...liveMessageSchema.parse(m), id: Number(m.id) }));
    } catch {
      return this.log('ignored a malformed message');
    }
    for (const event of events) this.deliver(event);
  }

  private deliver(event: LiveEvent) {
    // Ids are taken before commit, so two close transactions may be heard out of order: keep the ring sorted.
    let at = this.ring.length;
    while (at > 0 && this.ring[at - 1].id > event.id) at--;
    this.ring.splice(at, 0, event);
    if (this.ring.length > this.ringSize) this.complete = Math.max(this.complete, this.ring.shift()!.id);
    for (const s of this.subscribers) if (mayReceive(s.viewer, event)) s.send(event);
  }

  private async resumed(database: Pick<Database, 'db'>) {
    this.log('listener reconnected; streams re-read');
    this.ring = [];
    this.complete = await livePosition(database.db).catch(() => Number.MAX_SAFE_INTEGER);
    for (const s of this.subscribers) s.reset();
  }
}
