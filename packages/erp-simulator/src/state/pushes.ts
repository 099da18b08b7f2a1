import { createHash } from 'node:crypto';
import type { Answer } from '../http/answer.js';

export const COLLECTIONS = ['invoices', 'documents'] as const;
export type Collection = (typeof COLLECTIONS)[number];

const PREFIX: Record<Collection, string> = { invoices: 'INV', documents: 'DOC' };

export interface Received {
  id: string;
  collection: Collection;
  received_at: string;
  idempotency_key: string | null;
  document: unknown;
}

/** JSON with sorted keys: the same document sent with other spacing or key order is the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function fingerprint(document: unknown): string {
  return createHash('sha256').update(canonical(document)).digest('hex');
}

/** Documents pushed into the ERP, plus the Idempotency-Key memory (kept for the instance's life). */
export class PushStore {
  private readonly items = new Map<Collection, Map<string, Received>>();
  private readonly seq = new Map<Collection, number>();
  private readonly keys = new Map<string, { fingerprint: string; answer: Answer }>();

  add(collection: Collection, document: unknown, idempotencyKey: string | null): Received {
    const n = (this.seq.get(collection) ?? 0) + 1;
    this.seq.set(collection, n);
    const received: Received = {
      id: `${PREFIX[collection]}-${String(n).padStart(6, '0')}`,
      collection,
      received_at: new Date().toISOString(),
      idempotency_key: idempotencyKey,
      document,
    };
    const items = this.items.get(collection) ?? new Map<string, Received>();
    this.items.set(collection, items);
    items.set(received.id, received);
    return received;
  }

  get(collection: Collection, id: string): Received | undefined {
    return this.items.get(collection)?.get(id);
  }

  /** In arrival order. */
  list(collection: Collection): Received[] {
    return [...(this.items.get(collection)?.values() ?? [])];
  }

  recall(collection: Collection, key: string) {
    return this.keys.get(`${collection}\u001f${key}`);
  }

  remember(collection: Collection, key: string, print: string, answer: Answer): void {
    this.keys.set(`${collection}\u001f${key}`, { fingerprint: print, answer });
  }

  clear(): void {
    this.items.clear();
    this.seq.clear();
    this.keys.clear();
  }
}
