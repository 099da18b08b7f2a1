import { randomUUID } from 'node:crypto';
import { EFIRMA_EXPIRY_WARNING_DAYS } from '@boveda/contracts';
import type { Reader } from '../../platform/crypto/index.js';
import { keyDerivationProblem, readEncryptedKeyParams } from '../../platform/pki/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { type EfirmaChecks, type EfirmaFiles, RFC_PATTERN, validateEfirma } from './efirma-validation.js';
import type { EfirmaVault } from './efirma-vault.js';
import { taxpayerErrors } from './taxpayers.errors.js';
import type { TaxpayersRepository } from './taxpayers.repository.js';
import type { TaxpayerRow } from './taxpayers.schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What callers see of a taxpayer: never any key material. */
export interface TaxpayerView {
  id: string;
  rfc: string;
  legalName: string;
  certificateSerial: string;
  validFrom: Date;
  validUntil: Date;
  status: 'active' | 'removed';
  /** Whole days until the e.firma expires (negative once expired). */
  daysToExpiry: number;
  expired: boolean;
  /** Active and expiring within EFIRMA_EXPIRY_WARNING_DAYS (or already expired). */
  expiresSoon: boolean;
  createdAt: Date;
  removedAt: Date | null;
}

/** Decrypted e.firma for signing SAT requests. Keep it in memory only, and briefly. */
export interface OpenedFiel {
  taxpayerId: string;
  rfc: string;
  certificateDer: Buffer;
  privateKeyDer: Buffer;
  password: string;
}

export function normalizeRfc(rfc: string): string {
  return rfc.trim().toUpperCase();
}

export function createTaxpayersService(deps: {
  repo: TaxpayersRepository;
  vault: EfirmaVault;
  audit: AuditRecorder;
  /** Trusted SAT authorities and where key checks run (`createEfirmaChecks`). */
  checks: EfirmaChecks;
  /** Injectable so tests can stand at any date of a certificate's life. */
  now?: () => Date;
}) {
  const { repo, vault, audit } = deps;
  const now = deps.now ?? (() => new Date());

  function toView(row: TaxpayerRow): TaxpayerView {
    const ms = row.validUntil.getTime() - now().getTime();
    const daysToExpiry = Math.floor(ms / DAY_MS);
    const active = row.status === 'active';
    return {
      id: row.id,
      rfc: row.rfc,
      legalName: row.legalName,
      certificateSerial: row.certificateSerial,
      validFrom: row.validFrom,
      validUntil: row.validUntil,
      status: row.status,
      daysToExpiry,
      expired: ms < 0,
      expiresSoon: active && daysToExpiry < EFIRMA_EXPIRY_WARNING_DAYS,
      createdAt: row.createdAt,
      removedAt: row.removedAt,
    };
  }

  async function activeRow(tenantId: string, rfc: string): Promise<TaxpayerRow> {
    const normalized = normalizeRfc(rfc);
    const row = RFC_PATTERN.test(normalized) ? await repo.findActive(tenantId, normalized) : undefined;
    if (!row) throw taxpayerErrors('TAXPAYER_NOT_FOUND');
    return row;
  }

  return {
    /** Validates the e.firma, stores it encrypted and audits. Nothing is stored when it fails. */
    async addTaxpayer(tenantId: string, files: EfirmaFiles, actor: Actor): Promise<TaxpayerView> {
      const efirma = await validateEfirma(files, now(), deps.checks);
      if (await repo.findActive(tenantId, efirma.rfc)) {
        throw taxpayerErrors('TAXPAYER_ALREADY_EXISTS', `${efirma.rfc} is already registered.`);
      }
      const id = randomUUID();
      let stored = false;
      let row: TaxpayerRow | undefined;
      try {
        row = await repo.insertWith(
          {
            id,
            tenantId,
            rfc: efirma.rfc,
            legalName: efirma.legalName,
            certificateSerial: efirma.certificateSerial,
            certificateSha256: efirma.certificateSha256,
            validFrom: efirma.validFrom,
            validUntil: efirma.validUntil,
          },
          async () => {
            stored = true;
            await vault.store(tenantId, id, efirma.rfc, {
              certificateDer: efirma.certificateDer,
              privateKeyDer: efirma.privateKeyDer,
              password: files.password,
            });
          },
        );
      } catch (err) {
        // The row holds the RFC's unique slot until rollback, so these objects are ours to erase.
        if (stored) await vault.remove(tenantId, efirma.rfc).catch(() => {});
        throw err;
      }
      if (!row) throw taxpayerErrors('TAXPAYER_ALREADY_EXISTS', `${efirma.rfc} is already registered.`);
      await audit.record({
        tenantId,
        actor,
        action: 'taxpayer.created',
        target: { type: 'taxpayer', id },
        metadata: {
          rfc: row.rfc,
          certificateSerial: row.certificateSerial,
          validUntil: row.validUntil.toISOString(),
        },
      });
      return toView(row);
    },

    async getTaxpayer(tenantId: string, rfc: string): Promise<TaxpayerView> {
      return toView(await activeRow(tenantId, rfc));
    },

    async listTaxpayers(tenantId: string, opts: { includeRemoved?: boolean } = {}): Promise<TaxpayerView[]> {
      return (await repo.list(tenantId, opts.includeRemoved ?? false)).map(toView);
    },

    /** Every active taxpayer of every tenant (the nightly SAT sync walks this). */
    async listAllActive(): Promise<{ tenantId: string; rfc: string; taxpayerId: string }[]> {
      return repo.listAllActive();
    },

    /**
     * Decrypts the e.firma for `reader` (the SAT job or CLI command that signs with it; each
     * decryption is audited with it by the secret box). 404 when not active; 422
     * EFIRMA_KEY_UNSUPPORTED for a key stored before its KDF cost was bounded at upload, so the
     * caller never derives it.
     */
    async openFiel(tenantId: string, rfc: string, reader: Reader): Promise<OpenedFiel> {
      const row = await activeRow(tenantId, rfc);
      const material = await vault.open(tenantId, row.id, row.rfc, reader);
      const problem = keyDerivationProblem(readEncryptedKeyParams(material.privateKeyDer));
      if (problem)
        throw taxpayerErrors(
          'EFIRMA_KEY_UNSUPPORTED',
          `The stored private key of ${row.rfc} is refused: ${problem}.`,
        );
      return { taxpayerId: row.id, rfc: row.rfc, ...material };
    },

    /** Erases the key material and keeps the row as a tombstone. */
    async removeTaxpayer(tenantId: string, rfc: string, actor: Actor): Promise<TaxpayerView> {
      const normalized = normalizeRfc(rfc);
      const removed = RFC_PATTERN.test(normalized)
        ? await repo.removeWith(tenantId, normalized, (row) => vault.remove(tenantId, row.rfc), now())
        : undefined;
      if (!removed) throw taxpayerErrors('TAXPAYER_NOT_FOUND');
      await audit.record({
        tenantId,
        actor,
        action: 'taxpayer.removed',
        target: { type: 'taxpayer', id: removed.id },
        metadata: { rfc: removed.rfc, certificateSerial: removed.certificateSerial },
      });
      return toView(removed);
    },
  };
}

export type TaxpayersService = ReturnType<typeof createTaxpayersService>;
