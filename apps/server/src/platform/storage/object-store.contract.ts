import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InvalidObjectKeyError,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStore,
} from './storage.port.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Deterministic, incompressible-looking bytes so a misplaced part shows up in the hash. */
function patternBytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A stream in 64 KiB chunks, as an HTTP upload or a zip entry would arrive. */
function chunked(bytes: Buffer, failAfter?: number): Readable {
  const chunkSize = 64 * 1024;
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += chunkSize) {
        if (failAfter !== undefined && offset >= failAfter) throw new Error('upload interrupted');
        yield bytes.subarray(offset, offset + chunkSize);
      }
    })(),
  );
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function listAll(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const out: ObjectInfo[] = [];
  // Drivers may add an `etag`; the contract compares keys and sizes.
  for await (const info of store.list(prefix)) out.push({ key: info.key, size: info.size });
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * The behaviour every ObjectStore driver must have. `makeStore` is called once per suite; each test
 * works under its own random prefix so tests never see each other's objects.
 */
export function describeObjectStoreContract(name: string, makeStore: () => Promise<ObjectStore>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    let store: ObjectStore;
    let ns: string;
    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      await store?.close?.();
    });
    const fresh = () => {
      ns = `contract-${randomUUID()}`;
      return ns;
    };

    it('stores a buffer and reads it back as a stream and as a buffer, with its size and sha256', async () => {
      const key = `${fresh()}/docs/factura.xml`;
      const bytes = Buffer.from('<cfdi:Comprobante Total="1160.00"/>\n', 'utf8');
      const result = await store.put(key, bytes, { contentType: 'application/xml' });
      expect(result).toEqual({ size: bytes.length, sha256: sha256(bytes) });
      expect(await collect(await store.get(key))).toEqual(bytes);
      expect(await store.getBuffer(key)).toEqual(bytes);
      expect(await store.head(key)).toEqual({ key, size: bytes.length });
    });

    it('accepts strings and Uint8Arrays as bodies', async () => {
      const text = 'Razón social: Pequeña Empresa, S.A. de C.V.';
      const textResult = await store.put(`${fresh()}/a.txt`, text);
      expect(textResult.sha256).toBe(sha256(Buffer.from(text, 'utf8')));
      expect((await store.getBuffer(`${ns}/a.txt`)).toString('utf8')).toBe(text);

      const whole = patternBytes(100, 7);
      const view = new Uint8Array(whole.buffer, whole.byteOffset + 10, 50);
      await store.put(`${ns}/b.bin`, view);
      expect(await store.getBuffer(`${ns}/b.bin`)).toEqual(whole.subarray(10, 60));
    });

    it('streams an upload larger than one multipart part (6.5 MB) without altering a byte', async () => {
      const bytes = patternBytes(6.5 * 1024 * 1024, 42);
      const key = `${fresh()}/paquetes/cfdi/paquete.zip`;
      const result = await store.put(key, chunked(bytes), { contentType: 'application/zip' });
      expect(result).toEqual({ size: bytes.length, sha256: sha256(bytes) });
      expect(sha256(await collect(await store.get(key)))).toBe(sha256(bytes));
      expect(await store.head(key)).toEqual({ key, size: bytes.length });
    });

    it('stores an empty stream as an empty object', async () => {
      const key = `${fresh()}/empty.txt`;
      expect(await store.put(key, Readable.from([]))).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
      expect(await store.getBuffer(key)).toEqual(Buffer.alloc(0));
    });

    it('replaces an object on a second put', async () => {
      const key = `${fresh()}/estado.json`;
      await store.put(key, '{"v":1}');
      await store.put(key, '{"v":2,"more":true}');
      expect((await store.getBuffer(key)).toString()).toBe('{"v":2,"more":true}');
      expect((await listAll(store, `${ns}/`)).map((o) => o.key)).toEqual([key]);
    });

    it('reports a missing object: head → null, get/getBuffer/getRange → ObjectNotFoundError', async () => {
      const key = `${fresh()}/no-existe.xml`;
      expect(await store.head(key)).toBeNull();
      await expect(store.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.getBuffer(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
      if (store.getRange)
        await expect(store.getRange(key, 0, 10)).rejects.toBeInstanceOf(ObjectNotFoundError);
      // A key that is only a "folder" of other objects is not an object either.
      await store.put(`${ns}/carpeta/hijo.txt`, 'x');
      expect(await store.head(`${ns}/carpeta`)).toBeNull();
      await expect(store.getBuffer(`${ns}/carpeta`)).rejects.toBeInstanceOf(ObjectNotFoundError);
    });

    it('deletes idempotently', async () => {
      const key = `${fresh()}/borrar.txt`;
      await store.put(key, 'bye');
      await store.delete(key);
      expect(await store.head(key)).toBeNull();
      await expect(store.delete(key)).resolves.toBeUndefined();
      await expect(store.delete(`${ns}/nunca/existio.txt`)).resolves.toBeUndefined();
      expect(await listAll(store, `${ns}/`)).toEqual([]);
    });

    it('lists every key under a prefix recursively, across many pages, with sizes', async () => {
      fresh();
      const expected: ObjectInfo[] = [];
      const writes: Promise<unknown>[] = [];
      for (let i = 0; i < 25; i++) {
        const key = `${ns}/clientes/c${i % 3}/2026/${String(i).padStart(3, '0')}.xml`;
        const body = 'x'.repeat(i + 1);
        expected.push({ key, size: body.length });
        writes.push(store.put(key, body));
      }
      writes.push(store.put(`${ns}/otros/fuera.txt`, 'not listed under clientes/'));
      await Promise.all(writes);
      const listed = await listAll(store, `${ns}/clientes/`);
      expect(listed).toEqual(expected.sort((a, b) => (a.key < b.key ? -1 : 1)));
      expect(await listAll(store, `${ns}/clientes/c1/`)).toHaveLength(8);
      expect(await listAll(store, `${ns}/nada/`)).toEqual([]);
    });

    it('treats the list prefix as a plain string prefix, like S3', async () => {
      fresh();
      await store.put(`${ns}/ab`, '1');
      await store.put(`${ns}/a/x`, '2');
      await store.put(`${ns}/abc/y`, '3');
      await store.put(`${ns}/b`, '4');
      expect((await listAll(store, `${ns}/a`)).map((o) => o.key)).toEqual([
        `${ns}/a/x`,
        `${ns}/ab`,
        `${ns}/abc/y`,
      ]);
      expect((await listAll(store, `${ns}/ab`)).map((o) => o.key)).toEqual([`${ns}/ab`, `${ns}/abc/y`]);
    });

    it('handles keys with Ñ, accents, spaces and the real package layout', async () => {
      fresh();
      const keys = [
        `${ns}/clientes/EKU9003173C9/2026/paquetes/cfdi/${randomUUID()}_01.zip`,
        `${ns}/clientes/PEÑA Ñandú/Facturación enero/recibo @ 2026=ok+1.pdf`,
      ];
      for (const key of keys) {
        await store.put(key, `contenido de ${key}`);
        expect((await store.getBuffer(key)).toString()).toBe(`contenido de ${key}`);
      }
      expect((await listAll(store, `${ns}/`)).map((o) => o.key)).toEqual([...keys].sort());
      // "Ñ" typed as N + combining tilde names the same object as the precomposed letter.
      const decomposed = keys[1]!.normalize('NFD');
      expect(decomposed).not.toBe(keys[1]);
      expect((await store.getBuffer(decomposed)).toString()).toBe(`contenido de ${keys[1]}`);
      expect(await store.head(decomposed)).toEqual({
        key: keys[1],
        size: Buffer.byteLength(`contenido de ${keys[1]}`),
      });
    });

    it('rejects unsafe keys on every operation with InvalidObjectKeyError', async () => {
      const bad = [
        '',
        '/absoluto.txt',
        'a//b.txt',
        'a/b/',
        'a/../b.txt',
        './a.txt',
        'a/./b',
        '..',
        'a\\b.txt',
        'a\u0000b',
        'a/b?c',
        'a/b#c',
        'a/~tmp',
        'x'.repeat(1025),
        `${'Ñ'.repeat(513)}`,
      ];
      for (const key of bad) {
        await expect(store.put(key, 'x'), key).rejects.toBeInstanceOf(InvalidObjectKeyError);
        await expect(store.get(key), key).rejects.toBeInstanceOf(InvalidObjectKeyError);
        await expect(store.getBuffer(key), key).rejects.toBeInstanceOf(InvalidObjectKeyError);
        await expect(store.head(key), key).rejects.toBeInstanceOf(InvalidObjectKeyError);
        await expect(store.delete(key), key).rejects.toBeInstanceOf(InvalidObjectKeyError);
      }
      await expect(listAll(store, '../')).rejects.toBeInstanceOf(InvalidObjectKeyError);
      await expect(listAll(store, '/etc')).rejects.toBeInstanceOf(InvalidObjectKeyError);
    });

    it('reads byte ranges, clamped to the end of the object', async () => {
      if (!store.getRange) return;
      const key = `${fresh()}/rango.bin`;
      const bytes = patternBytes(1000, 3);
      await store.put(key, bytes);
      expect(await store.getRange(key, 0, 0)).toEqual(bytes.subarray(0, 1));
      expect(await store.getRange(key, 100, 199)).toEqual(bytes.subarray(100, 200));
      expect(await store.getRange(key, 990, 5000)).toEqual(bytes.subarray(990));
      expect(await store.getRange(key, 1000, 1100)).toEqual(Buffer.alloc(0));
      await expect(store.getRange(key, 10, 5)).rejects.toBeInstanceOf(RangeError);
      await expect(store.getRange(key, -1, 5)).rejects.toBeInstanceOf(RangeError);
    });

    it('never exposes a partial object: a failing upload stream leaves nothing (or the old version)', async () => {
      fresh();
      const bytes = patternBytes(2 * 1024 * 1024, 9);
      const key = `${ns}/interrumpido.zip`;
      await expect(store.put(key, chunked(bytes, 1024 * 1024))).rejects.toThrow('upload interrupted');
      expect(await store.head(key)).toBeNull();
      expect(await listAll(store, `${ns}/`)).toEqual([]);

      await store.put(key, 'version 1');
      await expect(store.put(key, chunked(bytes, 1024 * 1024))).rejects.toThrow('upload interrupted');
      expect((await store.getBuffer(key)).toString()).toBe('version 1');
      expect((await listAll(store, `${ns}/`)).map((o) => o.key)).toEqual([key]);
    });

    it('keeps an object invisible while its upload is still streaming', async () => {
      const key = `${fresh()}/en-curso.bin`;
      const first = patternBytes(256 * 1024, 5);
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const source = Readable.from(
        (async function* () {
          yield first;
          await gate;
          yield Buffer.from('fin');
        })(),
      );
      const pending = store.put(key, source);
      // Let the first chunk travel to the driver before looking.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await store.head(key)).toBeNull();
      expect(await listAll(store, `${ns}/`)).toEqual([]);
      release();
      const result = await pending;
      expect(result.size).toBe(first.length + 3);
      expect(await store.head(key)).toEqual({ key, size: first.length + 3 });
    });
  });
}
