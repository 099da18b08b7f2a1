import type { ClientView, clientCreateBody, clientListQuery, clientUpdateBody } from '@boveda/contracts';
import type { z } from 'zod';
import { normalize, type Reader, type SecretBox } from '../../platform/crypto/index.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/unique-violation.js';
import { appError } from '../../platform/errors/app-error.js';
import { type Actor, type AuditRecorder, changesOf } from '../audit/index.js';
import { type ClientRow, createClientsRepository } from './clients.repository.js';

/** The personal fields: sealed in their columns, masked in the audit trail. */
const PERSONAL = ['email', 'phone', 'address'] as const;
type Personal = { email: string; phone: string | null; address: string | null };

/** Who acts (the audit trail's actor) and who reads decrypted values (the decryption record's). */
export interface Caller {
  actor: Actor;
  reader: Reader;
}

const cell = (id: string, column: (typeof PERSONAL)[number]) => ({ table: 'clients', column, id });
const clean = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);

export function toClientView(row: ClientRow, personal: Personal): ClientView {
  return {
    id: row.id,
    name: row.name,
    rfc: row.rfc,
    ...personal,
    fiscalRegime: row.fiscalRegime,
    postalCode: row.postalCode,
    cfdiUse: row.cfdiUse,
    archived: row.archivedAt !== null,
    orderCount: row.orderCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Clients: personal data sealed per column under the organization's data key; the email unique
 * through its keyed blind index; every decryption recorded with its reader, every change with its
 * actor and the changed fields (personal ones masked).
 */
export function createClientsService(deps: { db: Db; secretBox: SecretBox; audit: AuditRecorder }) {
  const repo = createClientsRepository(deps.db);
  const box = deps.secretBox;
  const emailIndex = (tenantId: string, email: string) =>
    box.blindIndex(tenantId, 'clients.email', email, normalize.email) as Promise<Buffer>;

  async function found(tenantId: string, id: string) {
    const row = await repo.get(tenantId, id);
    if (!row) throw appError('CLIENT_NOT_FOUND');
    return row;
  }

  /** One client's personal fields: one decryption batch, one trail event naming its reader. */
  async function open(row: ClientRow, reader: Reader): Promise<Personal> {
    const [email, phone, address] = await box.openColumns<string>(
      row.tenantId,
      PERSONAL.map((column) => ({ ref: cell(row.id, column), sealed: row[column] })),
      reader,
    );
    return { email: email ?? '', phone: phone ?? null, address: address ?? null };
  }

  function record(tenantId: string, caller: Caller, action: string, id: string, metadata?: object) {
    return deps.audit.record({
      tenantId,
      actor: caller.actor,
      action,
      target: { type: 'client', id },
      metadata: {
        ...metadata,
        ...('requestId' in caller.reader ? { requestId: caller.reader.requestId } : {}),
      },
    });
  }

  return {
    async create(tenantId: string, caller: Caller, body: z.output<typeof clientCreateBody>) {
      const id = crypto.randomUUID();
      const now = new Date();
      const row = await repo.insert({
        id,
        tenantId,
        name: body.name,
        rfc: body.rfc ?? null,
        email: (await box.sealColumn(tenantId, cell(id, 'email'), body.email.trim()))!,
        emailIndex: await emailIndex(tenantId, body.email),
        phone: await box.sealColumn(tenantId, cell(id, 'phone'), clean(body.phone) ?? null),
        address: await box.sealColumn(tenantId, cell(id, 'address'), clean(body.address) ?? null),
        fiscalRegime: body.fiscalRegime ?? null,
        postalCode: body.postalCode ?? null,
        cfdiUse: body.cfdiUse ?? null,
        createdAt: now,
        updatedAt: now,
      });
      if (!row) throw appError('CLIENT_EMAIL_TAKEN');
      const personal = {
        email: body.email.trim(),
        phone: clean(body.phone) ?? null,
        address: clean(body.address) ?? null,
      };
      await record(tenantId, caller, 'client.created', id, {
        changes: changesOf({}, { ...publicFields(row), ...personal }, { masked: PERSONAL }),
      });
      return toClientView(row, personal);
    },

    /** One client with its personal data (a recorded read). */
    async get(tenantId: string, id: string, reader: Reader) {
      const row = await found(tenantId, id);
      return toClientView(row, await open(row, reader));
    },

    /** Exists in the tenant and is not archived, for a new order (no decryption). */
    async forOrder(tenantId: string, id: string) {
      const row = await repo.get(tenantId, id);
      if (!row) throw appError('CLIENT_UNKNOWN');
      if (row.archivedAt) throw appError('CLIENT_ARCHIVED');
      return row;
    },

    /** The fiscal data an invoice needs, without decrypting anything. */
    async fiscalData(tenantId: string, id: string) {
      const row = await found(tenantId, id);
      return {
        name: row.name,
        rfc: row.rfc,
        fiscalRegime: row.fiscalRegime,
        postalCode: row.postalCode,
        cfdiUse: row.cfdiUse,
      };
    },

    /** `page.limit` counts the look-ahead row (the route asks for one more than it shows). */
    async list(
      tenantId: string,
      query: z.output<typeof clientListQuery>,
      page: { limit: number; after?: { createdAt: Date; id: string } },
      reader: Reader,
    ) {
      const rows = await repo.list(
        tenantId,
        {
          ...(query.q ? { q: query.q } : {}),
          ...(query.email
            ? { emailIndex: await emailIndex(tenantId, query.email).catch(() => Buffer.alloc(32)) }
            : {}),
          archived: query.archived,
        },
        page,
      );
      // A list shows the email only (phone and address are read in the detail): one recorded batch,
      // without the look-ahead row that only tells whether a next page exists.
      const emails = await box.openColumns<string>(
        tenantId,
        rows.slice(0, page.limit - 1).map((r) => ({ ref: cell(r.id, 'email'), sealed: r.email })),
        reader,
      );
      return rows.map((r, i) => ({ row: r, email: emails[i] ?? '' }));
    },

    async update(tenantId: string, id: string, caller: Caller, body: z.output<typeof clientUpdateBody>) {
      const row = await found(tenantId, id);
      const patch: Partial<ClientRow> = {};
      const before: Record<string, unknown> = publicFields(row);
      const after: Record<string, unknown> = { ...before };
      for (const key of ['name', 'rfc', 'fiscalRegime', 'postalCode', 'cfdiUse'] as const)
        if (body[key] !== undefined) {
          patch[key] = (body[key] ?? null) as never;
          after[key] = body[key] ?? null;
        }
      if (body.email !== undefined) {
        const index = await emailIndex(tenantId, body.email);
        if (!index.equals(row.emailIndex)) {
          patch.email = (await box.sealColumn(tenantId, cell(id, 'email'), body.email.trim()))!;
          patch.emailIndex = index;
          before.email = '(previous)';
          after.email = body.email.trim();
        }
      }
      for (const key of ['phone', 'address'] as const)
        if (body[key] !== undefined) {
          // Not decrypted to compare: a value sent is recorded as changed, masked.
          patch[key] = await box.sealColumn(tenantId, cell(id, key), clean(body[key]) ?? null);
          before[key] = '(previous)';
          after[key] = clean(body[key]) ?? null;
        }
      if (Object.keys(patch).length === 0) return this.get(tenantId, id, caller.reader);
      try {
        await repo.update(tenantId, id, patch);
      } catch (err) {
        if (isUniqueViolation(err, 'clients_email_index_uq')) throw appError('CLIENT_EMAIL_TAKEN');
        throw err;
      }
      await record(tenantId, caller, 'client.updated', id, {
        changes: changesOf(before, after, { masked: PERSONAL }),
      });
      return this.get(tenantId, id, caller.reader);
    },

    /**
     * A customer accepted from an ERP: created, or (same email) its fields refreshed. No decryption,
     * no per-client audit event: the caller records the import as one event.
     */
    async importClient(
      tenantId: string,
      body: z.output<typeof clientCreateBody>,
    ): Promise<'created' | 'updated'> {
      const index = await emailIndex(tenantId, body.email);
      const existing = await repo.byEmailIndex(tenantId, index);
      const id = existing?.id ?? crypto.randomUUID();
      const fields = {
        name: body.name,
        ...(body.rfc ? { rfc: body.rfc } : {}),
        ...(body.fiscalRegime ? { fiscalRegime: body.fiscalRegime } : {}),
        ...(body.postalCode ? { postalCode: body.postalCode } : {}),
        ...(body.cfdiUse ? { cfdiUse: body.cfdiUse } : {}),
        ...(body.phone ? { phone: await box.sealColumn(tenantId, cell(id, 'phone'), body.phone) } : {}),
        ...(body.address
          ? { address: await box.sealColumn(tenantId, cell(id, 'address'), body.address) }
          : {}),
      };
      if (existing) {
        await repo.update(tenantId, id, fields);
        return 'updated';
      }
      const now = new Date();
      const created = await repo.insert({
        id,
        tenantId,
        ...fields,
        email: (await box.sealColumn(tenantId, cell(id, 'email'), body.email.trim()))!,
        emailIndex: index,
        createdAt: now,
        updatedAt: now,
      });
      // Created meanwhile by someone else: refresh that one instead.
      return created ? 'created' : this.importClient(tenantId, body);
    },

    async setArchived(tenantId: string, id: string, caller: Caller, archived: boolean) {
      const row = await found(tenantId, id);
      if ((row.archivedAt !== null) !== archived) {
        await repo.update(tenantId, id, { archivedAt: archived ? new Date() : null });
        await record(tenantId, caller, archived ? 'client.archived' : 'client.unarchived', id);
      }
      return this.get(tenantId, id, caller.reader);
    },

    async delete(tenantId: string, id: string, caller: Caller) {
      const row = await found(tenantId, id);
      // The count, and the orders' foreign key for an order created meanwhile.
      const deleted = row.orderCount === 0 && (await repo.delete(tenantId, id).catch(onForeignKey(false)));
      if (!deleted) throw appError('CLIENT_HAS_ORDERS');
      await record(tenantId, caller, 'client.deleted', id, { name: row.name });
    },
  };
}

const onForeignKey =
  <T>(value: T) =>
  (err: unknown): T => {
    if (
      (err as { cause?: { code?: string } }).cause?.code === '23503' ||
      (err as { code?: string }).code === '23503'
    )
      return value;
    throw err;
  };

function publicFields(row: ClientRow) {
  return {
    name: row.name,
    rfc: row.rfc,
    fiscalRegime: row.fiscalRegime,
    postalCode: row.postalCode,
    cfdiUse: row.cfdiUse,
  };
}

export type ClientsService = ReturnType<typeof createClientsService>;
