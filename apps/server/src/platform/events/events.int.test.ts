import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/database.js';
import { createPubSub, type PubSub } from '../cache/index.js';
import { createJobs, type Jobs } from '../jobs/jobs.js';
import { createNotifications, type Notifications } from '../notify/index.js';
import { createEvents, type DomainEvent, defineEvent, type Events } from './index.js';

async function waitFor<T>(fn: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const noteAdded = defineEvent({
  type: 'test.note.added',
  version: 1,
  schema: z.object({ noteId: z.string(), text: z.string() }),
  aggregateOf: (p) => `note:${p.noteId}`,
  description: 'A note was added (tests only).',
});

describe('domain events: outbox, ordered delivery, live listeners', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let jobs: Jobs;
  let pubsub: PubSub;
  let events: Events;
  let notifications: Notifications;
  const batches: string[][] = [];
  const poison = new Set<string>();
  const tenantId = randomUUID();
  const handled: string[] = [];
  const finals: string[] = [];
  let failUntil = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase();
    await database.pool.query('CREATE TABLE notes_seen (text text PRIMARY KEY)');
    jobs = createJobs({
      connectionString: database.url,
      pollingIntervalSeconds: 0.5,
      supervise: true,
      onError: () => {},
    });
    await jobs.start();
    pubsub = await createPubSub();
    notifications = createNotifications({ connectionString: database.url, onError: () => {} });
    events = createEvents({
      pool: database.pool,
      transaction: database.transaction,
      jobs,
      pubsub,
      notifications,
      onError: () => {},
      // A bell that is never rung must not be what delivers: the safety poll is far off.
      batchIdleMs: 60_000,
    });
    events.subscribeBatch({
      name: 'test.fan-out',
      events: [noteAdded],
      retry: [1],
      async handleBatch(batch, { tx }) {
        const texts = batch.map((e) => (e.payload as { text: string }).text);
        if (texts.some((t) => poison.has(t))) throw new Error('poison in the batch');
        await tx.query('INSERT INTO notes_seen (text) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [
          texts.map((t) => `batch:${t}`),
        ]);
        batches.push(texts);
      },
    });
    events.subscribe({
      name: 'test.record-note',
      event: noteAdded,
      retry: [1, 1],
      async handle(event, { tx }) {
        // Writes through tx: kept only when the delivery counts as done.
        await tx.query('INSERT INTO notes_seen (text) VALUES ($1)', [event.payload.text]);
        const failures = failUntil.get(event.payload.text) ?? 0;
        if (failures > 0) {
          failUntil.set(event.payload.text, failures - 1);
          throw new Error(`not yet: ${event.payload.text}`);
        }
        handled.push(event.payload.text);
      },
      onFinalFailure: async (event) => void finals.push((event.payload as { text: string }).text),
    });
    await events.startDelivery();
  });
  afterAll(async () => {
    await events.stopDelivery();
    await notifications.close();
    await jobs.stop();
    await pubsub.close();
    await database.close();
  });

  const publish = (noteId: string, text: string) =>
    database.transaction((tx) => events.publish(tx, noteAdded, { noteId, text }, { tenantId }));

  it('exists only when the transaction that published it commits, and is heard live after COMMIT', async () => {
    const heard: DomainEvent[] = [];
    const stop = await events.listen(tenantId, (e) => heard.push(e));
    await expect(
      database.transaction(async (tx) => {
        await events.publish(tx, noteAdded, { noteId: 'n0', text: 'rolled back' }, { tenantId });
        expect(heard).toEqual([]);
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const published = await publish('n1', 'first');
    await waitFor(() => (handled.includes('first') ? true : undefined));
    await waitFor(() => (heard.length > 0 ? true : undefined));
    await stop();
    expect(heard.map((e) => e.payload)).toEqual([{ noteId: 'n1', text: 'first' }]);
    expect(heard[0]!.id).toBe(published.id);
    const { rows } = await database.pool.query(
      "SELECT count(*)::int AS n FROM domain_events WHERE payload->>'text' = 'rolled back'",
    );
    expect(rows[0].n).toBe(0);
  });

  it('delivers one aggregate in order while others move on, retrying on schedule', async () => {
    handled.length = 0;
    failUntil = new Map([['a1', 1]]);
    await publish('a', 'a1');
    await publish('a', 'a2');
    await publish('b', 'b1');
    await waitFor(() => (handled.includes('a2') ? true : undefined));
    // b1 did not wait for a's retry; a2 waited for a1.
    expect(handled.indexOf('b1')).toBeLessThan(handled.indexOf('a1'));
    expect(handled.indexOf('a1')).toBeLessThan(handled.indexOf('a2'));
    // The failed attempt's write was rolled back with it: each note recorded once. `handled` is
    // written inside the delivery's transaction, so wait for a2's COMMIT before reading the table.
    const seen = async () =>
      (
        await database.pool.query<{ text: string }>(
          "SELECT text FROM notes_seen WHERE text IN ('a1','a2','b1') ORDER BY text",
        )
      ).rows.map((r) => r.text);
    await waitFor(async () => ((await seen()).includes('a2') ? true : undefined));
    expect(await seen()).toEqual(['a1', 'a2', 'b1']);
  });

  it('gives up after the last retry, marks the delivery dead and calls the final hook once', async () => {
    failUntil = new Map([['doomed', 99]]);
    const event = await publish('d', 'doomed');
    await waitFor(() => (finals.includes('doomed') ? true : undefined));
    const { rows } = await database.pool.query(
      "SELECT status, attempts, last_error FROM event_deliveries WHERE event_id = $1 AND consumer = 'test.record-note'",
      [event.id],
    );
    expect(rows).toEqual([{ status: 'dead', attempts: 3, last_error: 'not yet: doomed' }]);
    expect(finals).toEqual(['doomed']);
  });

  it('lets a reconnecting client catch up on what it missed, by event id', async () => {
    const before = await publish('c', 'c1');
    await publish('c', 'c2');
    await publish('c', 'c3');
    const missed = await events.since(tenantId, before.id, 10);
    expect(missed.map((e) => (e.payload as { text: string }).text)).toEqual(['c2', 'c3']);
    expect(await events.since(randomUUID(), '0', 10)).toEqual([]);
  });

  it('hands batch consumers the events of many transactions at once, woken at commit, isolating a bad one', async () => {
    batches.length = 0;
    poison.add('bad');
    const texts = Array.from({ length: 30 }, (_, i) => `many-${i}`);
    await database.transaction(async (tx) => {
      for (const text of texts) await events.publish(tx, noteAdded, { noteId: text, text }, { tenantId });
      await events.publish(tx, noteAdded, { noteId: 'bad', text: 'bad' }, { tenantId });
    });
    // Woken by the NOTIFY of the commit: the 60 s safety poll would be far too late.
    await waitFor(
      () => (batches.flat().filter((t) => t.startsWith('many-')).length === 30 ? true : undefined),
      10_000,
    );
    const { rows } = await database.pool.query(
      `SELECT d.status, d.attempts, d.last_error FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
       WHERE d.consumer = 'test.fan-out' AND e.payload->>'text' = 'bad'`,
    );
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1, last_error: 'poison in the batch' });
    // The good ones committed once each, the bad one wrote nothing.
    const seen = await database.pool.query(
      "SELECT count(*)::int AS n FROM notes_seen WHERE text LIKE 'batch:many-%'",
    );
    expect(seen.rows[0].n).toBe(30);
    // Its retry runs when due (the loop sleeps until then), then it is dead; nothing else is pending.
    await waitFor(async () => {
      const r = await database.pool.query(
        `SELECT count(*)::int AS n FROM event_deliveries WHERE consumer = 'test.fan-out' AND status = 'pending'`,
      );
      return r.rows[0].n === 0 ? true : undefined;
    }, 10_000);
    const dead = await database.pool.query(
      `SELECT count(*)::int AS n FROM event_deliveries WHERE consumer = 'test.fan-out' AND status = 'dead'`,
    );
    expect(dead.rows[0].n).toBe(1);
  });
});
