import { type FileHandle, open } from 'node:fs/promises';

/** Random-access bytes of a zip: a Buffer already in memory, or a file read by offset. */
export interface ByteSource {
  readonly size: number;
  /**
   * The bytes [offset, offset + length); may share memory with an internal window that the next
   * read overwrites: use them before the next read, or copy them.
   */
  read(offset: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(buffer: Buffer): ByteSource {
  return {
    size: buffer.length,
    read: async (offset, length) => buffer.subarray(offset, offset + length),
    close: async () => {},
  };
}

/**
 * Entries of a SAT package are a few KB each and stored in order, so reads go through one
 * sequential window: a 200k-entry package costs tens of syscalls, not 400k, and memory stays at
 * one window however large the file is.
 */
const WINDOW_BYTES = 8 * 1024 * 1024;

export async function fileSource(path: string): Promise<ByteSource> {
  const handle: FileHandle = await open(path, 'r');
  let size: number;
  try {
    size = (await handle.stat()).size;
  } catch (e) {
    await handle.close();
    throw e;
  }
  // One buffer for the life of the source, refilled in place: allocating a fresh 8 MB window per
  // refill left dead windows (external memory) for the GC to find, tens of MB per parse worker.
  let storage = Buffer.alloc(0);
  let window = storage;
  let windowStart = 0;
  return {
    size,
    async read(offset, length) {
      const end = Math.min(offset + length, size);
      if (offset >= windowStart && end <= windowStart + window.length) {
        return window.subarray(offset - windowStart, end - windowStart);
      }
      const want = Math.max(Math.min(Math.max(end - offset, WINDOW_BYTES), size - offset), 0);
      if (want > storage.length) storage = Buffer.allocUnsafe(Math.max(want, WINDOW_BYTES));
      let filled = 0;
      while (filled < want) {
        const { bytesRead } = await handle.read(storage, filled, want - filled, offset + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      window = storage.subarray(0, filled);
      windowStart = offset;
      return window.subarray(0, Math.min(end - offset, filled));
    },
    close: () => handle.close(),
  };
}

export async function openSource(source: Buffer | string): Promise<ByteSource> {
  return typeof source === 'string' ? fileSource(source) : bufferSource(source);
}
