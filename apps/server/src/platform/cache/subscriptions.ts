import type { MessageHandler } from './cache.port.js';

interface Subscription {
  handler: MessageHandler;
}

interface ChannelState {
  subscriptions: Set<Subscription>;
  /** Settles when the transport has confirmed the channel subscription. */
  ready: Promise<void>;
}

/**
 * Handlers per channel, shared by the memory and Redis pub/sub. The transport is told about a
 * channel when its first handler arrives and when its last one leaves.
 */
export function createSubscriptions(transport: {
  activate(channel: string): Promise<void>;
  deactivate(channel: string): Promise<void>;
  onError(error: unknown): void;
}) {
  const channels = new Map<string, ChannelState>();

  async function add(channel: string, handler: MessageHandler): Promise<() => Promise<void>> {
    let state = channels.get(channel);
    if (!state) {
      const created: ChannelState = { subscriptions: new Set(), ready: transport.activate(channel) };
      created.ready.catch(() => {
        if (channels.get(channel) === created) channels.delete(channel);
      });
      channels.set(channel, created);
      state = created;
    }
    // One object per call, so subscribing the same function twice gives two independent subscriptions.
    const subscription: Subscription = { handler };
    state.subscriptions.add(subscription);
    try {
      // Later subscribers to a channel being activated wait too: a resolved subscribe() must mean
      // that messages published from now on arrive.
      await state.ready;
    } catch (error) {
      state.subscriptions.delete(subscription);
      throw error;
    }
    const owner = state;
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      owner.subscriptions.delete(subscription);
      if (owner.subscriptions.size === 0 && channels.get(channel) === owner) {
        channels.delete(channel);
        await transport.deactivate(channel);
      }
    };
  }

  /** Each handler gets its own parsed copy; one handler throwing does not stop the others. */
  function deliver(channel: string, json: string): void {
    const state = channels.get(channel);
    if (!state) return;
    for (const { handler } of [...state.subscriptions]) {
      try {
        handler(JSON.parse(json));
      } catch (error) {
        transport.onError(error);
      }
    }
  }

  return { add, deliver, clear: () => channels.clear(), channels: () => [...channels.keys()] };
}
