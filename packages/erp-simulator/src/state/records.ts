import { type ErpRecord, type Resource, recordId } from '../seed/generate.js';
import { Rng } from '../seed/prng.js';

function compare(a: ErpRecord, b: ErpRecord): number {
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** What a "touch" changes, so a re-sync sees a different payload and not only a new timestamp. */
function mutate(resource: Resource, record: ErpRecord, rng: Rng): ErpRecord {
  switch (resource) {
    case 'customers':
      return {
        ...record,
        email: `facturacion${rng.int(1, 999)}@${String(record.email).split('@')[1] ?? 'example.mx'}`,
        credit_limit: `${rng.int(0, 50) * 10_000}.00`,
      };
    case 'suppliers':
      return { ...record, payment_terms_days: rng.pick([0, 15, 30, 45, 60, 90]) };
    case 'purchase-orders':
      return { ...record, status: rng.pick(['approved', 'received', 'invoiced', 'cancelled']) };
  }
}

/**
 * One resource's records, listed in (updated_at, id) order: the order an incremental sync needs (it
 * reads "everything changed since T" front to back), and the one keyset cursors walk.
 */
export class RecordStore {
  private readonly byId = new Map<string, ErpRecord>();
  /** The sorted list, rebuilt lazily after a change (a sort of 100,000 records takes ~0.1 s). */
  private sorted: ErpRecord[] | null = null;
  private nextNumber: number;
  private lastStamp = 0;
  private touches = 0;

  constructor(
    readonly resource: Resource,
    private readonly seed: string,
    initial: ErpRecord[],
  ) {
    for (const record of initial) this.byId.set(record.id, record);
    this.nextNumber = initial.length + 1;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): ErpRecord | undefined {
    return this.byId.get(id);
  }

  list(): readonly ErpRecord[] {
    if (!this.sorted) this.sorted = [...this.byId.values()].sort(compare);
    return this.sorted;
  }

  /** Index of the first record with updated_at >= `since` (inclusive: a connector dedupes by id). */
  firstSince(since: string): number {
    return this.bound((r) => r.updated_at < since);
  }

  /** Index of the first record strictly after the (updated_at, id) position a cursor carries. */
  firstAfter(updatedAt: string, id: string): number {
    return this.bound((r) => r.updated_at < updatedAt || (r.updated_at === updatedAt && r.id <= id));
  }

  private bound(before: (record: ErpRecord) => boolean): number {
    const list = this.list();
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(list[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * "Now", but strictly later than any stamp handed out before: two changes in the same millisecond
   * must still be told apart by an `updated_since` taken between them.
   */
  private stamp(): string {
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    return new Date(this.lastStamp).toISOString();
  }

  /**
   * Inserts or shallow-merges records. `updated_at` is bumped to now unless the input carries one
   * (a back-dated change is how a test shows why a connector needs a lookback window).
   */
  upsert(inputs: Record<string, unknown>[]): ErpRecord[] {
    const now = this.stamp();
    const out = inputs.map((input) => {
      const id = typeof input.id === 'string' && input.id ? input.id : this.newId();
      const explicit = typeof input.updated_at === 'string' ? Date.parse(input.updated_at) : Number.NaN;
      const existing = this.byId.get(id);
      const record: ErpRecord = {
        ...(existing ?? { created_at: now }),
        ...input,
        id,
        updated_at: Number.isNaN(explicit) ? now : new Date(explicit).toISOString(),
      };
      this.byId.set(id, record);
      return record;
    });
    this.sorted = null;
    return out;
  }

  private newId(): string {
    let id = recordId(this.resource, this.nextNumber);
    while (this.byId.has(id)) id = recordId(this.resource, ++this.nextNumber);
    this.nextNumber += 1;
    return id;
  }

  /** Changes `count` records picked at random (or the given ids) and bumps their updated_at. */
  touch(options: { count?: number; ids?: string[] }): ErpRecord[] {
    const rng = new Rng(this.seed, 'touch', this.resource, String(++this.touches));
    let ids = options.ids;
    if (!ids) {
      const all = [...this.byId.keys()];
      const count = Math.min(options.count ?? 1, all.length);
      // Partial Fisher-Yates: `count` distinct picks without shuffling the whole array.
      for (let i = 0; i < count; i += 1) {
        const j = rng.int(i, all.length - 1);
        [all[i], all[j]] = [all[j]!, all[i]!];
      }
      ids = all.slice(0, count);
    }
    const now = this.stamp();
    const touched = ids.flatMap((id) => {
      const existing = this.byId.get(id);
      if (!existing) return [];
      const record = { ...mutate(this.resource, existing, rng), updated_at: now };
      this.byId.set(id, record);
      return [record];
    });
    this.sorted = null;
    return touched;
  }

  delete(id: string): boolean {
    const deleted = this.byId.delete(id);
    if (deleted) this.sorted = null;
    return deleted;
  }
}
