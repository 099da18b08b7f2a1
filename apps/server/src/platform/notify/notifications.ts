import pg from 'pg';
import type { Tx } from '../db/transaction.js';

/**
 * PostgreSQL LISTEN/NOTIFY as a wake-up bell between processes. A NOTIFY sent inside a transaction
 * is delivered only when it commits (and identical ones of one transaction arrive once), so a
 * worker hears "there is work" exactly when the work became visible. It carries no data: a missed
 * bell (a reconnect, a process that was down) only delays work until the listener's next poll.
 */
export interface Notifications {
  /** Rings `channel` when `tx` commits; `payload` (≤ 200 characters, not secret) says which work. */
  notify(tx: Tx, channel: string, payload?: string): Promise<void>;
  /** Calls `onNotify` for every bell on `channel` (any process); answers the unsubscribe. */
  listen(channel: string, onNotify: (payload: string | undefined) => void): Promise<() => void>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export function createNotifications(opts: {
  connectionString: string;
  onError: (err: unknown) => void;
}): Notifications {
  const handlers = new Map<string, Set<(payload: string | undefined) => void>>();
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const check = (channel: string) => {
    if (!CHANNEL.test(channel)) throw new TypeError(`Not a notification channel name: ${channel}`);
  };

  /** One connection per process listens for every channel; it reconnects and re-listens on error. */
  async function connect(): Promise<pg.Client> {
    if (client) return client;
    if (connecting) return connecting;
    connecting = (async () => {
      const c = new pg.Client({ connectionString: opts.connectionString, application_name: 'boveda-listen' });
      c.on('notification', (msg) => {
        for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload || undefined);
      });
      c.on('error', (err) => {
        opts.onError(err);
        if (client === c) client = null;
        c.end().catch(() => {});
        scheduleReconnect();
      });
      await c.connect();
      for (const channel of handlers.keys()) await c.query(`LISTEN ${channel}`);
      client = c;
      // Anything rung while we were away is picked up by the listeners' own polls; ring them now
      // so they look at once.
      for (const set of handlers.values()) for (const handler of set) handler(undefined);
      return c;
    })().finally(() => {
      connecting = null;
    });
    return connecting;
  }

  function scheduleReconnect() {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().catch((err) => {
        opts.onError(err);
        scheduleReconnect();
      });
    }, 1000);
    retryTimer.unref();
  }

  return {
    async notify(tx, channel, payload) {
      check(channel);
      if (payload !== undefined && payload.length > 200) throw new TypeError('notification payload too long');
      await tx.query('SELECT pg_notify($1, $2)', [channel, payload ?? null]);
    },

    async listen(channel, onNotify) {
      check(channel);
      const first = !handlers.has(channel);
      const set = handlers.get(channel) ?? new Set<(payload: string | undefined) => void>();
      handlers.set(channel, set);
      set.add(onNotify);
      if (first) {
        const c = await connect();
        await c.query(`LISTEN ${channel}`);
      }
      return () => {
        set.delete(onNotify);
      };
    },

    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const c = client ?? (connecting ? await connecting.catch(() => null) : null);
      client = null;
      await c?.end().catch(() => {});
    },
  };
}
