/** One Server-Sent Event as received. */
export interface ReceivedEvent {
  id: string | null;
  event: string;
  data: string;
  /** Parsed `data` (JSON) when it is JSON. */
  json: any;
  receivedAt: number;
}

/**
 * A client of `GET /api/v1/events` for tests: reads the stream with fetch (so it can send an
 * Authorization header, which EventSource cannot) and parses it as a browser would.
 */
export async function openEventStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: controller.signal,
  });
  const received: ReceivedEvent[] = [];
  const waiters: { test: (e: ReceivedEvent) => boolean; resolve: (e: ReceivedEvent) => void }[] = [];
  const reading = (async () => {
    if (!res.ok || !res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line.includes(':')) continue;
            const at = line.indexOf(':');
            fields[line.slice(0, at)] = line.slice(at + 1).replace(/^ /, '');
          }
          if (fields.data === undefined) continue;
          let json: unknown;
          try {
            json = JSON.parse(fields.data);
          } catch {
            json = undefined;
          }
          const event = {
            id: fields.id ?? null,
            event: fields.event ?? 'message',
            data: fields.data,
            json,
            receivedAt: Date.now(),
          };
          received.push(event);
          for (const w of waiters.splice(0)) {
            if (w.test(event)) w.resolve(event);
            else waiters.push(w);
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response: res,
    received,
    /** The first event (already received or still to come) that passes `test`. */
    next(test: (e: ReceivedEvent) => boolean, timeoutMs = 20_000): Promise<ReceivedEvent> {
      const seen = received.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such event in time')), timeoutMs);
        waiters.push({ test, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}
