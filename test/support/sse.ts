// Reads a server-sent-event stream (a Response from app.request or fetch) the way a browser would:
// eventsource-parser splits it into events; `next` waits for one that matches.
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface EventReader {
  events: EventSourceMessage[];
  /** Waits for the first event (seen or to come) after `from` that matches; answers it. */
  next(match: (e: EventSourceMessage) => boolean, timeoutMs?: number): Promise<EventSourceMessage>;
  close(): Promise<void>;
}

export function readEvents(res: Response): EventReader {
  if (!res.body) throw new Error('no body');
  const events: EventSourceMessage[] = [];
  const waiters = new Set<() => void>();
  const parser = createParser({
    onEvent: (e) => {
      events.push(e);
      for (const w of waiters) w();
    },
  });
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const pump = (async () => {
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) return;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  })();
  return {
    events,
    next(match, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      await reader.cancel().catch(() => undefined);
      await pump;
    },
  };
}
