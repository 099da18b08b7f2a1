import { existingObject, storeInto } from './package-store.js';
import type { StoredHow } from './request-recorder.js';
import type { SatSession } from './sat/sat-gateway.js';
import type { ConversationDeps } from './sat-conversation.js';
import type { SatPackageRow, SatRequestRow } from './sat-download.repository.js';
import { type AttentionReason, isCertificateProblem, stopReason } from './sat-reasons.js';

export type PackageOutcome = 'stored' | 'gone' | 'stopped' | 'retry';

/**
 * Downloads one package and stores it before marking it stored. Each package has its own state, and
 * its object key is fixed by its SAT id, so a run that dies anywhere in here is resumed by the next
 * one with nothing lost and nothing stored twice.
 */
export function createPackageDownloader(c: {
  deps: ConversationDeps;
  tenantId: string;
  rfc: string;
  session: SatSession;
  call: <T>(r: SatRequestRow, run: () => Promise<T>) => Promise<T | null>;
  stop: (r: SatRequestRow, code: number | null, reason: AttentionReason) => Promise<unknown>;
  onStored: () => void;
}) {
  const { deps, tenantId } = c;
  const { repo } = deps;

  async function stored(
    r: SatRequestRow,
    p: SatPackageRow,
    put: { size: number; sha256: string },
    how: StoredHow,
  ) {
    // Marked stored and announced (sat.package.stored, which the cfdi module ingests) together.
    await repo.packageStored(r, p, put, how);
    c.onStored();
    return 'stored' as const;
  }

  async function downloadOne(r: SatRequestRow, p: SatPackageRow): Promise<PackageOutcome> {
    // Stored by a run that died before recording it: keep it, do not spend one of the two downloads.
    const already = await existingObject(deps.storage, p.storageKey);
    if (already) return stored(r, p, already, 'found_in_storage');
    await repo.updatePackage(tenantId, p.id, { downloadAttempts: p.downloadAttempts + 1 });
    // Streamed straight into storage: a put is atomic, so a download cut anywhere stores nothing.
    const a = await c.call(r, () =>
      c.session.download(p.satPackageId, storeInto(deps.storage, p.storageKey)),
    );
    if (!a) return 'retry';
    if (a.code === 5000 && a.stored) return stored(r, p, a.stored, 'downloaded');
    // 5007 (gone or past 72 h), 5004 (unknown), 5008 (downloaded twice already, elsewhere).
    if (a.code === 5007 || a.code === 5004 || a.code === 5008) {
      await repo.updatePackage(tenantId, p.id, { state: 'failed', lastError: `${a.code} ${a.message}` });
      await repo.addEvent(tenantId, r.id, {
        type: 'package',
        satCode: a.code,
        satMessage: a.message,
        code: 'package_gone',
        params: { packageId: p.satPackageId, satCode: a.code, satMessage: a.message },
        message: `Package ${p.satPackageId} is gone at the SAT: ${a.code} ${a.message}`,
      });
      return 'gone';
    }
    if (isCertificateProblem(a.code)) {
      await c.stop(r, a.code, stopReason(a.code, a.message));
      return 'stopped';
    }
    await repo.updatePackage(tenantId, p.id, { lastError: `${a.code} ${a.message}` });
    return 'retry';
  }

  return { downloadOne };
}
