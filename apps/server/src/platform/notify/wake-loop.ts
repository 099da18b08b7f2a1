/**
 * A worker loop that drains a queue back to back and sleeps only when it is empty: until a bell
 * (`wake()`, e.g. a NOTIFY), the time `work` asks for, or `idleMs` at most (the safety poll for a
 * missed bell). `stop()` waits for the current round.
 */
export interface WakeLoop {
  wake(): void;
  stop(): Promise<void>;
}

export interface WakeLoopOptions {
  /** Does one round; answers how many items it handled and, optionally, when to look again (ms). */
  work(): Promise<{ handled: number; nextInMs?: number | null }>;
  idleMs: number;
  onError(err: unknown): void;
  /** After an error, wait this long before the next round (default 1 s). */
  errorBackoffMs?: number;
}

export function startWakeLoop(opts: WakeLoopOptions): WakeLoop {
  let running = true;
  let rung = false;
  let sleeper: { timer: NodeJS.Timeout; resolve: () => void } | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (rung || !running) return resolve();
      const timer = setTimeout(() => {
        sleeper = null;
        resolve();
      }, ms);
      sleeper = { timer, resolve };
    });

  const wake = () => {
    rung = true;
    if (sleeper) {
      clearTimeout(sleeper.timer);
      const { resolve } = sleeper;
      sleeper = null;
      resolve();
    }
  };

  const done = (async () => {
    while (running) {
      rung = false;
      try {
        const { handled, nextInMs } = await opts.work();
        if (handled > 0) continue;
        await sleep(Math.max(0, Math.min(opts.idleMs, nextInMs ?? opts.idleMs)));
      } catch (err) {
        opts.onError(err);
        await sleep(opts.errorBackoffMs ?? 1000);
      }
    }
  })();

  return {
    wake,
    async stop() {
      running = false;
      wake();
      await done;
    },
  };
}
