import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createOcrEngine, OcrError, THREAD_LIMITS_APPLIED } from './ocr-engine.js';
import { prepareImage } from './prepare-image.js';
import { createPrepareImageRunner } from './prepare-image-runner.js';
import { fixture } from './testing/images.js';

/** Whitespace collapsed, upper case: OCR line breaks and spacing are not what these tests check. */
const flat = (text: string) => text.replace(/\s+/g, ' ').toUpperCase();

describe('OCR engine (tesseract.js, offline, spa best_int)', () => {
  // One thread: test files run two at a time on two cores.
  const engine = createOcrEngine({
    workers: 1,
    timeoutMs: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: 192 },
  });
  afterAll(() => engine.close());

  it('reads the labels, identifiers and total of a 200 dpi scan, without blocking the event loop', async () => {
    // Prepared as the server does it: on a worker thread.
    const page = await createPrepareImageRunner().prepare(fixture('scan-cfdi40-real-200dpi.jpg'));
    expect(page.format).toBe('pgm');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    const result = await engine.recognize(page.image, { words: true }).finally(() => clearInterval(timer));
    const elapsed = Date.now() - started;
    const text = flat(result.text);
    // What OCR alone must give; correcting RFC/UUID characters is the extraction's job.
    for (const label of [
      'FOLIO FISCAL',
      'RFC',
      'TOTAL',
      'SUBTOTAL',
      'EMISOR',
      'RECEPTOR',
      '$1,000.00',
      '$862.07',
    ]) {
      expect(text, label).toContain(label);
    }
    expect(text).toContain('C2832671-DA6D-11EF-A83D-00155D012007');
    expect(text).toContain('COSC8001137NA');
    expect(result.confidence).toBeGreaterThan(50);
    expect(result.words?.length).toBeGreaterThan(100);
    expect(result.words?.[0]).toMatchObject({ text: expect.any(String), bbox: { x0: expect.any(Number) } });
    // A recognition holding this thread would let no timer fire until it ended (~40 ticks/s otherwise).
    expect(ticks).toBeGreaterThan(Math.max(20, (elapsed / 10) * 0.2));
    // Nothing fetched or cached: no traineddata written next to the process.
    expect(existsSync(path.join(process.cwd(), 'spa.traineddata'))).toBe(false);
  });

  it('runs its thread under the V8 limits it was given', () => {
    expect(THREAD_LIMITS_APPLIED).toBe(true);
    const { threads } = engine.stats();
    expect(threads).toHaveLength(1);
    expect(threads[0]?.resourceLimits?.maxOldGenerationSizeMb).toBe(192);
  });

  it('terminates a recognition past its bound, and the next one runs on a new thread', async () => {
    const page = await prepareImage(fixture('scan-cfdi40-real-200dpi.jpg'));
    const before = engine.stats().threads[0]?.threadId;
    const err = await engine.recognize(page.image, { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OcrError);
    expect((err as OcrError).code).toBe('OCR_TIMEOUT');
    expect(engine.stats()).toMatchObject({ killed: 1, running: 0, threads: [] });

    const crop = await prepareImage(fixture('crop-emisor-200dpi.jpg'));
    const text = flat((await engine.recognize(crop.image)).text);
    expect(text).toContain('PASE, SERVICIOS ELECTRONICOS');
    expect(text).toContain('RFC');
    expect(engine.stats().threads[0]?.threadId).not.toBe(before);
  });
});

describe('OCR engine pool', () => {
  it('fails the job (and keeps the process) when a thread hits its V8 heap limit', async () => {
    const engine = createOcrEngine({
      workers: 1,
      resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 },
    });
    try {
      const crop = (await prepareImage(fixture('crop-emisor-200dpi.jpg'))).image;
      const err = await engine.recognize(crop).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'OCR_FAILED',
        message: expect.stringContaining('ERR_WORKER_OUT_OF_MEMORY'),
      });
      expect(engine.stats()).toMatchObject({ killed: 1, threads: [] });
    } finally {
      await engine.close();
    }
  });

  it('fails an image tesseract cannot read (and keeps the process), then works again', async () => {
    const engine = createOcrEngine({ workers: 1 });
    try {
      const err = await engine.recognize(Buffer.from('not an image')).catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'OCR_FAILED', message: expect.stringContaining('read image') });
      const crop = (await prepareImage(fixture('crop-emisor-200dpi.jpg'))).image;
      await expect(engine.recognize(crop)).resolves.toMatchObject({ text: expect.stringContaining('RFC') });
    } finally {
      await engine.close();
    }
  });

  it('refuses beyond its queue, recycles threads, and close() fails what waits and frees every thread', async () => {
    const engine = createOcrEngine({ workers: 1, maxQueued: 1, recycleAfter: 1 });
    const crop = (await prepareImage(fixture('crop-emisor-200dpi.jpg'))).image;
    const running = engine.recognize(crop);
    const waiting = engine.recognize(crop).catch((e: unknown) => e);
    await expect(engine.recognize(crop)).rejects.toMatchObject({ code: 'OCR_BUSY' });
    expect(engine.stats()).toMatchObject({ running: 1, queued: 1 });
    await expect(running).resolves.toMatchObject({ text: expect.stringContaining('RFC') });
    // recycleAfter 1: the thread that ran the first job was replaced (WASM memory never shrinks).
    expect(engine.stats().recycled).toBe(1);
    await engine.close();
    // The second job had started when the first finished; close() fails it as well.
    expect(await waiting).toMatchObject({ code: 'OCR_CLOSED' });
    expect(engine.stats().threads).toEqual([]);
    await expect(engine.recognize(crop)).rejects.toMatchObject({ code: 'OCR_CLOSED' });
  });
});
