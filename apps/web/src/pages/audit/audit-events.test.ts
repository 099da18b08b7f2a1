/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../api/types.js';
import { auditActions } from './audit-events.js';
import { changeLines, recordCount } from './audit-labels.js';

const modules = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../server/src/modules');

/**
 * Every `action: 'noun.verb'` the server's sources write, and the actions modules pass to their own
 * `record(…, 'noun.verb', …)` helpers (both sides of a `cond ? 'a.b' : 'c.d'`).
 */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(modules, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.includes('.test.')) continue;
    const source = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    for (const m of source.matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1]!);
    for (const call of source.matchAll(/\brecord\(\s*tenantId,[^;]*?'[a-z_]+(?:\.[a-z_]+)+'[^;]*?(?:,|\))/g))
      for (const m of call[0].matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

describe('audit actions', () => {
  it('the web has a label for every action the server records', () => {
    const known = new Set<string>(auditActions);
    expect(recordedActions().filter((a) => !known.has(a))).toEqual([]);
    expect(recordedActions().length).toBeGreaterThan(10);
  });
});

describe('metadata.changes and batched reads', () => {
  const event = (metadata: Record<string, unknown> | null): AuditEvent => ({
    id: '1',
    action: 'client.updated',
    actorType: 'user',
    actorId: null,
    actorLabel: null,
    targetType: 'client',
    targetId: 'c-1',
    ip: null,
    userAgent: null,
    metadata,
    createdAt: '2026-12-06T00:00:00.000Z',
  });

  it('lists each changed field as before → after, with — for none', () => {
    expect(
      changeLines(
        event({
          changes: { email: { before: 'j***@e***.mx', after: null }, limit: { before: 1, after: { a: 2 } } },
        }),
      ),
    ).toEqual([
      { field: 'email', before: 'j***@e***.mx', after: '—' },
      { field: 'limit', before: '1', after: '{"a":2}' },
    ]);
    expect(changeLines(event({ changes: 'x' }))).toEqual([]);
    expect(changeLines(event({ changes: { a: { changed: true } } }))).toEqual([]);
    expect(changeLines(event(null))).toEqual([]);
  });

  it('counts the records of a batched decryption', () => {
    expect(recordCount(event({ count: 3, records: ['a', 'b', 'c'] }))).toBe(3);
    expect(recordCount(event({ requestId: 'r' }))).toBeNull();
  });
});
