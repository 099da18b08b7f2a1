/** A seeded PRNG (mulberry32): the same seed gives the same requests on every run and machine. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  return {
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    /** A version 4 UUID. */
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(4)]}${hex(3)}-${hex(12)}`,
    bytes: (n: number) => Uint8Array.from({ length: n }, () => int(256)),
  };
}

export type Random = ReturnType<typeof createRandom>;
