import { createHash } from 'node:crypto';

/** 128 bits of key material, as four unsigned 32-bit words. */
export type Key = readonly [number, number, number, number];

/** sha256 of the parts (joined by a unit separator so `a|bc` and `ab|c` differ), first 128 bits. */
export function keyOf(...parts: string[]): Key {
  const digest = createHash('sha256').update(parts.join('\u001f')).digest();
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)];
}

/** murmur3 finaliser: a cheap, well-mixing 32-bit bijection used to spread small indices. */
export function mix32(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** sfc32: small, fast and good enough for synthetic data; never Math.random so output is reproducible. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
    for (let i = 0; i < 12; i += 1) this.next();
  }

  static fromKey(key: Key): Rng {
    return new Rng(key[0], key[1], key[2], key[3]);
  }

  /**
   * One independent stream per (key, index, stream): random access to document `index` without
   * generating the documents before it, which is what keeps `count` cheap.
   */
  static forIndex(key: Key, index: number, stream: number): Rng {
    const spread = mix32(index ^ Math.imul(stream + 1, 0x9e3779b9));
    return new Rng(key[0] ^ spread, key[1] ^ mix32(spread + 1), key[2] + index, key[3] ^ stream);
  }

  next(): number {
    const t0 = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    const t = (t0 + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Base64 of `bytes` random bytes: stands in for signatures and certificates nobody verifies. */
  base64(bytes: number): string {
    const buffer = Buffer.allocUnsafe(bytes + 3);
    for (let i = 0; i < bytes; i += 4) buffer.writeUInt32LE(this.next(), i);
    return buffer.subarray(0, bytes).toString('base64');
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i += 1) out += String(this.next() % 10);
    return out;
  }
}
