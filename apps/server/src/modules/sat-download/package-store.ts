import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { ObjectStore, PutResult } from '../../platform/storage/index.js';
import { clientFolder } from '../taxpayers/index.js';
import type { SatDownloadRepository, SatRequestRow } from './sat-download.repository.js';

export const yearOf = (request: Pick<SatRequestRow, 'periodStart' | 'createdAt'>) =>
  request.periodStart ? Number(request.periodStart.slice(0, 4)) : request.createdAt.getUTCFullYear();

/**
 * `tenants/<tenant>/clientes/<RFC>/<AÑO>/paquetes/cfdi|metadata/<id>.zip`, the layout users know,
 * under the client folder taxpayers owns. Stored on the package row, so a package stored before a
 * layout change is still found where it is.
 */
export function packageKey(request: SatRequestRow, satPackageId: string): string {
  return `${clientFolder(request.tenantId, request.rfc)}${yearOf(request)}/paquetes/${request.kind}/${satPackageId}.zip`;
}

export function manifestKey(tenantId: string, rfc: string, year: number): string {
  return `${clientFolder(tenantId, rfc)}${year}/solicitudes/manifest.json`;
}

/**
 * Where a downloaded package goes: the object store's put, which is atomic on every driver (a failing
 * stream leaves no object), reports size and sha256, and holds one chunk at a time.
 */
export const storeInto =
  (storage: ObjectStore, key: string) =>
  (zip: Readable): Promise<PutResult> =>
    storage.put(key, zip, { contentType: 'application/zip' });

/** An object already stored by an earlier, interrupted run: its size and digest, without re-downloading. */
export async function existingObject(storage: ObjectStore, key: string): Promise<PutResult | null> {
  const head = await storage.head(key);
  if (!head || head.size === 0) return null;
  // Streamed: a package can be hundreds of MB.
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await storage.get(key)) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    hash.update(bytes);
    size += bytes.length;
  }
  return { size, sha256: hash.digest('hex') };
}

/** Rewrites the year's manifest of requests: what was asked, where it stands, where each package is. */
export async function writeManifest(
  storage: ObjectStore,
  repo: Pick<SatDownloadRepository, 'forYear' | 'packagesOf'>,
  tenantId: string,
  rfc: string,
  year: number,
): Promise<void> {
  const requests = await repo.forYear(tenantId, rfc, year);
  const packages = await repo.packagesOf(
    tenantId,
    requests.map((r) => r.id),
  );
  const manifest = {
    rfc,
    year,
    generatedAt: new Date().toISOString(),
    requests: requests.map((r) => ({
      id: r.id,
      satRequestId: r.satRequestId,
      kind: r.kind,
      direction: r.direction,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      filters: r.filters,
      state: r.state,
      cfdiCount: r.cfdiCount,
      replaces: r.replacesId,
      replacedBy: r.replacedById,
      splitFrom: r.splitFromId,
      needsAttention: r.needsAttentionReason,
      packages: packages
        .filter((p) => p.requestId === r.id)
        .map((p) => ({
          id: p.satPackageId,
          state: p.state,
          key: p.storageKey,
          size: p.size,
          sha256: p.sha256,
        })),
    })),
  };
  await storage.put(manifestKey(tenantId, rfc, year), JSON.stringify(manifest, null, 2), {
    contentType: 'application/json',
  });
}
