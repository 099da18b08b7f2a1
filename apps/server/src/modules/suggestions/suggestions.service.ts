import {
  type InvoiceFieldName,
  type InvoiceSuggestion,
  type SuggestionStats,
  suggestionKinds,
} from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { CatalogService } from '../catalog/index.js';
import type { InboxService } from '../inbox/index.js';
import { type Candidate, candidatesOf, DISMISSALS_TO_STOP, TRUSTED_SOURCES, WINDOW } from './rules.js';
import { suggestionErrors } from './suggestions.errors.js';
import { createSuggestionsRepository, type SuggestionRow } from './suggestions.repository.js';

export interface SuggestionActor {
  type: 'user' | 'api_key' | 'oauth_client' | 'system';
  id: string;
  label: string;
}

type Invoice = Awaited<ReturnType<InboxService['get']>>['row'];

/** The invoice's value for a suggestion's field, and whether it may be suggested over. */
function currentOf(row: Invoice, c: Pick<Candidate, 'field'>) {
  if (c.field === 'category') return { value: row.categoryCode, open: row.categoryCode === null };
  if (c.field === 'account') return { value: row.accountCode, open: row.accountCode === null };
  const f = row.preview?.fields[c.field as InvoiceFieldName];
  const value = f?.value ?? null;
  return { value, open: value === null || !TRUSTED_SOURCES.includes(f!.source) };
}

export function createSuggestionsService(deps: {
  db: Db;
  inbox: Pick<InboxService, 'get' | 'edit' | 'supplierHistory'>;
  catalog: Pick<CatalogService, 'activeByCodes'>;
}) {
  const repo = createSuggestionsRepository(deps.db);

  const view = (r: SuggestionRow, row: Invoice, labels: Map<string, string>): InvoiceSuggestion => ({
    id: r.id,
    kind: r.kind,
    field: r.field,
    value: r.value,
    label: labels.get(`${r.field}:${r.value}`) ?? null,
    current: currentOf(row, r).value,
    source: r.source,
    evidence:
      r.source === 'llm'
        ? { matching: r.matching, of: r.of, model: r.model }
        : { matching: r.matching, of: r.of },
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  });

  /** What the supplier's history supports for this invoice now, with catalogue names. */
  async function candidatesFor(tenantId: string, row: Invoice) {
    if (row.status !== 'waiting_validation' || !row.emisorRfc) return { candidates: [], labels: new Map() };
    const history = await deps.inbox.supplierHistory(tenantId, row.emisorRfc, WINDOW);
    let candidates = candidatesOf(
      history.map(({ row: h, edits }) => ({
        categoryCode: h.categoryCode,
        accountCode: h.accountCode,
        fields: h.finalData?.fields ?? {},
        edits: edits.map((e) => ({ field: e.field, from: e.fromValue, to: e.toValue })),
      })),
    ).filter((c) => {
      const current = currentOf(row, c);
      return current.open && current.value !== c.value;
    });
    // A category or account offered must still be an active entry of the catalogue.
    const labels = new Map<string, string>();
    for (const kind of ['category', 'account'] as const) {
      const codes = candidates.filter((c) => c.field === kind).map((c) => c.value);
      for (const e of await deps.catalog.activeByCodes(tenantId, kind, codes))
        labels.set(`${kind}:${e.code}`, e.name);
    }
    candidates = candidates.filter(
      (c) => (c.field !== 'category' && c.field !== 'account') || labels.has(`${c.field}:${c.value}`),
    );
    // People said no to this value for this supplier again and again: stop offering it.
    const decisions = await repo.decisionsOfSupplier(
      tenantId,
      row.emisorRfc,
      candidates.map((c) => c.field),
    );
    const refused = new Set(
      decisions
        .filter((d) => d.dismissed >= DISMISSALS_TO_STOP && d.dismissed > d.accepted)
        .map((d) => `${d.field}:${d.value}`),
    );
    return { candidates: candidates.filter((c) => !refused.has(`${c.field}:${c.value}`)), labels };
  }

  const service = {
    /** The fields (`category`, `account`) the rules have a suggestion for on this invoice now. */
    async ruleFields(tenantId: string, invoiceId: string) {
      const { row } = await deps.inbox.get(tenantId, invoiceId);
      const { candidates } = await candidatesFor(tenantId, row);
      return { row, fields: new Set(candidates.map((c) => c.field)) };
    },

    /**
     * The suggestions open on an invoice. Computed on read from what people confirmed for the
     * supplier; each is recorded the first time it is offered (the measure), and one dismissed on
     * this invoice is never offered on it again.
     */
    async forInvoice(tenantId: string, invoiceId: string): Promise<InvoiceSuggestion[]> {
      const { row } = await deps.inbox.get(tenantId, invoiceId);
      const { candidates, labels } = await candidatesFor(tenantId, row);
      await repo.offer(
        candidates.map((c) => ({
          tenantId,
          invoiceId,
          supplierRfc: row.emisorRfc!,
          kind: c.kind,
          field: c.field,
          value: c.value,
          source: 'rules' as const,
          matching: c.matching,
          of: c.of,
        })),
      );
      const live = new Map(candidates.map((c) => [`${c.field}:${c.value}`, c]));
      const stored = await repo.ofInvoice(tenantId, invoiceId);
      // The model's proposals stay open while the invoice waits, the field is empty and the code is
      // still an active entry of the catalogue.
      const proposed = stored.filter(
        (s) =>
          s.source === 'llm' &&
          s.status === 'offered' &&
          row.status === 'waiting_validation' &&
          !live.has(`${s.field}:${s.value}`) &&
          currentOf(row, s).open &&
          currentOf(row, s).value === null,
      );
      for (const kind of ['category', 'account'] as const) {
        const codes = proposed.filter((s) => s.field === kind).map((s) => s.value);
        if (codes.length === 0) continue;
        for (const e of await deps.catalog.activeByCodes(tenantId, kind, codes))
          labels.set(`${kind}:${e.code}`, e.name);
      }
      const open = new Set(proposed.filter((s) => labels.has(`${s.field}:${s.value}`)).map((s) => s.id));
      return stored
        .filter((s) => s.status === 'offered' && (live.has(`${s.field}:${s.value}`) || open.has(s.id)))
        .map((s) => {
          if (open.has(s.id)) return view(s, row, labels);
          // The evidence as it is now (more invoices may have been confirmed since it was offered).
          const c = live.get(`${s.field}:${s.value}`)!;
          return view({ ...s, matching: c.matching, of: c.of }, row, labels);
        });
    },

    /** Fills the field with the suggested value (an edit of the invoice, as a person's), then records it. */
    async accept(tenantId: string, invoiceId: string, id: string, actor: SuggestionActor, version: number) {
      const s = await repo.get(tenantId, invoiceId, id);
      if (!s) throw suggestionErrors('SUGGESTION_NOT_FOUND');
      if (s.status !== 'offered') throw suggestionErrors('SUGGESTION_ALREADY_DECIDED');
      await deps.inbox.edit(
        tenantId,
        invoiceId,
        actor,
        s.field === 'category' || s.field === 'account'
          ? { version, [s.field]: s.value }
          : { version, fields: { [s.field]: s.value } },
      );
      const decided = await repo.decide(tenantId, id, 'accepted', actor.label);
      if (!decided) throw suggestionErrors('SUGGESTION_ALREADY_DECIDED');
      const { row } = await deps.inbox.get(tenantId, invoiceId);
      return view(decided, row, new Map());
    },

    async dismiss(tenantId: string, invoiceId: string, id: string, actor: SuggestionActor) {
      const s = await repo.get(tenantId, invoiceId, id);
      if (!s) throw suggestionErrors('SUGGESTION_NOT_FOUND');
      const decided = await repo.decide(tenantId, id, 'dismissed', actor.label);
      if (!decided) throw suggestionErrors('SUGGESTION_ALREADY_DECIDED');
      const { row } = await deps.inbox.get(tenantId, invoiceId);
      return view(decided, row, new Map());
    },

    /** Offered, accepted and dismissed per kind: every recorded suggestion was offered once. */
    async stats(tenantId: string): Promise<SuggestionStats> {
      const rows = await repo.stats(tenantId);
      const count = (match: (r: (typeof rows)[number]) => boolean) => {
        const of = (status: string) =>
          rows.filter((r) => match(r) && r.status === status).reduce((n, r) => n + r.n, 0);
        const accepted = of('accepted');
        const dismissed = of('dismissed');
        return { offered: of('offered') + accepted + dismissed, accepted, dismissed };
      };
      const items = suggestionKinds.map((kind) => ({ kind, ...count((r) => r.kind === kind) }));
      const bySource = {
        rules: count((r) => r.source === 'rules'),
        llm: count((r) => r.source === 'llm'),
      };
      const totals = items.reduce(
        (t, i) => ({
          offered: t.offered + i.offered,
          accepted: t.accepted + i.accepted,
          dismissed: t.dismissed + i.dismissed,
        }),
        { offered: 0, accepted: 0, dismissed: 0 },
      );
      const decided = totals.accepted + totals.dismissed;
      return { items, totals, bySource, acceptanceRate: decided === 0 ? null : totals.accepted / decided };
    },
  };
  return service;
}

export type SuggestionsService = ReturnType<typeof createSuggestionsService>;
