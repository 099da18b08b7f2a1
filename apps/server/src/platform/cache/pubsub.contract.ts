import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidCacheValueError, type PubSub } from './cache.port.js';

export interface PubSubContractOptions {
  /** Two instances reach each other (Redis); memory instances are independent. */
  sharedAcrossInstances: boolean;
}

/** Collects messages; `next()` waits for the next one (the timeout only turns a hang into a failure). */
function inbox() {
  const received: unknown[] = [];
  const waiting: ((message: unknown) => void)[] = [];
  let read = 0;
  return {
    received,
    handler: (message: unknown) => {
      received.push(message);
      waiting.shift()?.(message);
    },
    next(): Promise<unknown> {
      if (read < received.length) return Promise.resolve(received[read++]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message arrived')), 5_000);
        waiting.push((message) => {
          clearTimeout(timer);
          read++;
          resolve(message);
        });
      });
    },
  };
}

export function describePubSubContract(
  name: string,
  makePubSub: (onError: (error: unknown) => void) => Promise<PubSub>,
  options: PubSubContractOptions,
): void {
  describe(`PubSub contract: ${name}`, () => {
    let bus: PubSub;
    let other: PubSub;
    const errors: unknown[] = [];
    let n = 0;
    const channel = (label: string) => `${label}.${++n}`;
    beforeAll(async () => {
      bus = await makePubSub((error) => errors.push(error));
      other = options.sharedAcrossInstances ? await makePubSub((error) => errors.push(error)) : bus;
    });
    afterAll(async () => {
      await bus?.close();
      if (other && other !== bus) await other.close();
    });

    it('delivers JSON messages in order to every subscriber of the channel only', async () => {
      const ch = channel('paquetes');
      const a = inbox();
      const b = inbox();
      const elsewhere = inbox();
      await bus.subscribe(ch, a.handler);
      await other.subscribe(ch, b.handler);
      await bus.subscribe(channel('otro'), elsewhere.handler);

      await other.publish(ch, { id: 1, estado: 'descargado' });
      await bus.publish(ch, ['ñ', 2]);
      expect(await a.next()).toEqual({ id: 1, estado: 'descargado' });
      expect(await a.next()).toEqual(['ñ', 2]);
      expect(await b.next()).toEqual({ id: 1, estado: 'descargado' });
      expect(await b.next()).toEqual(['ñ', 2]);
      expect(elsewhere.received).toEqual([]);
    });

    it.runIf(options.sharedAcrossInstances)('delivers across instances (connections)', async () => {
      const ch = channel('cross');
      const box = inbox();
      await bus.subscribe(ch, box.handler);
      await other.publish(ch, 'hola desde otra instancia');
      expect(await box.next()).toBe('hola desde otra instancia');
    });

    it('stops delivering after unsubscribe, while other subscriptions keep receiving', async () => {
      const ch = channel('unsub');
      const leaving = inbox();
      const staying = inbox();
      const unsubscribe = await bus.subscribe(ch, leaving.handler);
      await bus.subscribe(ch, staying.handler);
      await other.publish(ch, 'antes');
      expect(await leaving.next()).toBe('antes');
      expect(await staying.next()).toBe('antes');

      await unsubscribe();
      await unsubscribe(); // idempotent
      await other.publish(ch, 'después');
      // Messages on one channel arrive in order to every handler: once the staying handler has
      // the second message, the leaving one would have had it too.
      expect(await staying.next()).toBe('después');
      expect(leaving.received).toEqual(['antes']);
    });

    it('can subscribe again after the last handler left the channel', async () => {
      const ch = channel('again');
      const first = inbox();
      const unsubscribe = await bus.subscribe(ch, first.handler);
      await unsubscribe();
      const second = inbox();
      await bus.subscribe(ch, second.handler);
      await other.publish(ch, 1);
      expect(await second.next()).toBe(1);
      expect(first.received).toEqual([]);
    });

    it('keeps delivering to other handlers when one throws, and reports the error', async () => {
      const ch = channel('throws');
      const box = inbox();
      const before = errors.length;
      await bus.subscribe(ch, () => {
        throw new Error('handler roto');
      });
      await bus.subscribe(ch, box.handler);
      await other.publish(ch, 'x');
      expect(await box.next()).toBe('x');
      expect(errors.slice(before)).toEqual([expect.objectContaining({ message: 'handler roto' })]);
    });

    it('rejects messages JSON cannot hold', async () => {
      await expect(bus.publish(channel('bad'), undefined)).rejects.toBeInstanceOf(InvalidCacheValueError);
      await expect(bus.publish(channel('bad'), 1n)).rejects.toBeInstanceOf(InvalidCacheValueError);
    });
  });
}
