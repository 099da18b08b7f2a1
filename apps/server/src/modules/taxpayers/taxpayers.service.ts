import { randomUUID } from 'node:crypto';
import {
  EFIRMA_EXPIRY_THRESHOLDS,
  EFIRMA_EXPIRY_WARNING_DAYS,
  RFC_PATTERN,
  taxpayerEfirmaExpiring,
} from '@boveda/contracts';
import type { Reader } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import type { UnitOfWork } from '../../platform/db/transaction.js';
import type { Events } from '../../platform/events/index.js';
import { keyDerivationProblem, readEncryptedKeyParams } from '../../platform/pki/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { Quotas } from '../plans/index.js';
import { type EfirmaChecks, type EfirmaFiles, validateEfirma } from './efirma-validation.js';
import type { EfirmaVault } from './efirma-vault.js';
import { taxpayerErrors } from './taxpayers.errors.js';
import { createTaxpayersRepository } from './taxpayers.repository.js';
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
  db: Db;
  transaction: UnitOfWork;
  events: Events;
  vault: EfirmaVault;
  audit: AuditRecorder;
  /** Trusted SAT authorities and where key checks run (`createEfirmaChecks`). */
  checks: EfirmaChecks;
  /** The organization's plan (plans module): refuses a taxpayer past its count. */
  quotas?: Pick<Quotas, 'ensureRoom'>;
  /** Injectable so tests can stand at any date of a certificate's life. */
  now?: () => Date;
}) {
  const { vault, audit, transaction } = deps;
  const createRepo = createTaxpayersRepository;
  const repo = createRepo(deps.db);
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
    /**
     * Validates the e.firma, then stores the row and the encrypted objects in one transaction and
     * audits. Nothing is stored when it fails: a failed object write rolls the row back, and the
     * objects written before it are erased (the row's unique slot is ours until the rollback).
     */
    async addTaxpayer(tenantId: string, files: EfirmaFiles, actor: Actor): Promise<TaxpayerView> {
      const efirma = await validateEfirma(files, now(), deps.checks);
      if (await repo.findActive(tenantId, efirma.rfc)) {
        throw taxpayerErrors('TAXPAYER_ALREADY_EXISTS', `${efirma.rfc} is already registered.`);
      }
      const id = randomUUID();
      let stored = false;
      const row = await transaction(async (tx) => {
        await deps.quotas?.ensureRoom(tx, tenantId, 'taxpayers');
        const inserted = await createRepo(tx.db).insert({
          id,
          tenantId,
          rfc: efirma.rfc,
          legalName: efirma.legalName,
          certificateSerial: efirma.certificateSerial,
          certificateSha256: efirma.certificateSha256,
          validFrom: efirma.validFrom,
          validUntil: efirma.validUntil,
        });
        if (!inserted) return undefined;
        stored = true;
        await vault.store(tenantId, id, efirma.rfc, {
          certificateDer: efirma.certificateDer,
          privateKeyDer: efirma.privateKeyDer,
          password: files.password,
        });
        return inserted;
      }).catch(async (err: unknown) => {
        if (stored) await vault.remove(tenantId, efirma.rfc).catch(() => {});
        throw err;
      });
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

    /**
     * Erases the key material and keeps the row as a tombstone. The active row is locked first, so
     * concurrent removals wait and then find nothing; a failure after erasing leaves the row active
     * and a retry finishes the job.
     */
    async removeTaxpayer(tenantId: string, rfc: string, actor: Actor): Promise<TaxpayerView> {
      const normalized = normalizeRfc(rfc);
      const removed = RFC_PATTERN.test(normalized)
        ? await transaction(async (tx) => {
            const repoTx = createRepo(tx.db);
            const row = await repoTx.lockActive(tenantId, normalized);
            if (!row) return undefined;
            await vault.remove(tenantId, row.rfc);
            return repoTx.markRemoved(row.id, now());
          })
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

    /**
     * Announces e.firmas about to expire (`taxpayers.efirma.expiring`), once per threshold: 30, 7
     * and 1 days before they end. Each announcement commits with the record that it was made, so a
     * crash never announces twice and a missed day is caught up on the next run. Answers how many.
     */
    async announceExpiring(): Promise<number> {
      let announced = 0;
      const at = now();
      // Smallest threshold first: an e.firma found with 5 days left is announced for 7, not for 30.
      for (const threshold of [...EFIRMA_EXPIRY_THRESHOLDS].sort((a, b) => a - b)) {
        for (const row of await repo.expiringBefore(new Date(at.getTime() + threshold * DAY_MS), threshold)) {
          if (row.validUntil.getTime() <= at.getTime()) continue;
          const done = await transaction(async (tx) => {
            const locked = await createRepo(tx.db).lockActive(row.tenantId, row.rfc);
            if (!locked || (locked.expiryAnnouncedDays !== null && locked.expiryAnnouncedDays <= threshold))
              return false;
            await createRepo(tx.db).setExpiryAnnounced(locked.id, threshold);
            await deps.events.publish(
              tx,
              taxpayerEfirmaExpiring,
              {
                taxpayerId: locked.id,
                rfc: locked.rfc,
                legalName: locked.legalName,
                validUntil: locked.validUntil.toISOString(),
                daysLeft: Math.floor((locked.validUntil.getTime() - at.getTime()) / DAY_MS),
                threshold,
              },
              { tenantId: locked.tenantId, actor: { type: 'system', label: 'taxpayers' } },
            );
            return true;
          });
          if (done) announced++;
        }
      }
      return announced;
    },
  };
}

export type TaxpayersService = ReturnType<typeof createTaxpayersService>;
