import { Redis } from 'ioredis';
import { CacheConnectionError } from './cache.port.js';

/** host:port of a Redis URL, for messages: the URL itself may carry a password. */
export function redisTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'an invalid Redis URL';
  }
}

/**
 * Connects eagerly so a wrong REDIS_URL stops start-up with a clear error instead of surfacing
 * later as slow, retried commands.
 */
export async function connectRedis(
  url: string,
  name: string,
  onError: (error: unknown) => void,
): Promise<Redis> {
  const target = redisTarget(url);
  let client: Redis;
  try {
    client = new Redis(url, { lazyConnect: true, connectionName: name });
  } catch (error) {
    throw new CacheConnectionError(target, { cause: error });
  }
  // Without a listener ioredis prints every reconnect error; failed commands still reject.
  client.on('error', onError);
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.disconnect();
    throw new CacheConnectionError(target, { cause: error });
  }
}

export async function closeRedis(client: Redis): Promise<void> {
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}
