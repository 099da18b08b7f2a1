import type { BatchWriter, CfdiRepository } from '../cfdi.repository.js';

/**
 * Keeps up to `connections` batches in flight, one per connection, so PostgreSQL works on one
 * batch while this thread assembles the next. `send` waits only when every connection is busy.
 */
export async function withDispatcher<T>(
  repo: CfdiRepository,
  connections: number,
  body: (send: (work: (writer: BatchWriter) => Promise<void>) => Promise<void>) => Promise<T>,
): Promise<T> {
  const idle: BatchWriter[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown = null;
  try {
    for (let i = 0; i < connections; i++) idle.push(await repo.openWriter());
    const send = async (work: (writer: BatchWriter) => Promise<void>) => {
      while (idle.length === 0 && !failure) await Promise.race(inFlight);
      if (failure) throw failure;
      const writer = idle.pop()!;
      const run: Promise<void> = work(writer)
        .catch((e: unknown) => {
          failure ??= e;
        })
        .finally(() => {
          inFlight.delete(run);
          idle.push(writer);
        });
      inFlight.add(run);
    };
    const result = await body(send);
    await Promise.all(inFlight);
    if (failure) throw failure;
    return result;
  } finally {
    // Never hand a connection back while its query is still running.
    await Promise.allSettled(inFlight);
    await Promise.all(idle.map((w) => w.release()));
  }
}
