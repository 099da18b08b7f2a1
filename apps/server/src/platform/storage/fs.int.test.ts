import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createObjectStore } from './create-object-store.js';
import { describeObjectStoreContract } from './object-store.contract.js';
import { InvalidObjectKeyError } from './storage.port.js';

const dirs: string[] = [];
async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-fs-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeObjectStoreContract('fs', async () => createObjectStore({ driver: 'fs', rootDir: await tempRoot() }));

describe('fs driver specifics', () => {
  it('leaves no temp file behind when an upload fails', async () => {
    const rootDir = await tempRoot();
    const store = createObjectStore({ driver: 'fs', rootDir });
    const failing = Readable.from(
      (async function* () {
        yield Buffer.alloc(1024, 1);
        throw new Error('connection reset');
      })(),
    );
    await expect(store.put('t/docs/a.bin', failing)).rejects.toThrow('connection reset');
    const leftovers = await readdir(rootDir, { recursive: true });
    expect(leftovers.filter((name) => name.includes('~'))).toEqual([]);
  });

  it('writes objects readable only by the server user', async () => {
    const rootDir = await tempRoot();
    const store = createObjectStore({ driver: 'fs', rootDir });
    await store.put('t/secreto.xml', '<x/>');
    expect((await stat(path.join(rootDir, 't', 'secreto.xml'))).mode & 0o777).toBe(0o600);
  });

  it('rejects a key that collides with a folder of objects, which a file system cannot hold', async () => {
    const store = createObjectStore({ driver: 'fs', rootDir: await tempRoot() });
    await store.put('t/a/b.txt', 'child');
    await expect(store.put('t/a', 'parent')).rejects.toBeInstanceOf(InvalidObjectKeyError);
    await store.put('t/c', 'file');
    await expect(store.put('t/c/d.txt', 'under a file')).rejects.toBeInstanceOf(InvalidObjectKeyError);
  });

  it('prunes folders emptied by delete, so the same path can later hold an object', async () => {
    const rootDir = await tempRoot();
    const store = createObjectStore({ driver: 'fs', rootDir });
    await store.put('t/a/b/c.txt', 'x');
    await store.delete('t/a/b/c.txt');
    expect(await readdir(rootDir)).toEqual([]);
    await store.put('t/a', 'now a file');
    expect((await store.getBuffer('t/a')).toString()).toBe('now a file');
  });
});
