/**
 * A small LRU map whose entries also expire. Used for unwrapped data keys: bounded and short-lived
 * to limit how long key material sits in memory, yet saving a DB read and an unwrap per secret.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): T | undefined {
    const hit = this.entries.get(id);
    if (!hit) return undefined;
    if (hit.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    // Re-insert to mark as most recently used (a Map iterates in insertion order).
    this.entries.delete(id);
    this.entries.set(id, hit);
    return hit.value;
  }

  set(id: string, value: T): void {
    if (this.maxEntries <= 0 || this.ttlMs <= 0) return;
    this.entries.delete(id);
    this.entries.set(id, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
