import type { HomeSummary, HomeTaxpayer, SatAttentionCode, SatHistoryParams } from '@boveda/contracts';

/** The parts of other modules the start page reads (each through its own service). */
export interface HomeDeps {
  taxpayers: {
    listTaxpayers(tenantId: string): Promise<
      {
        rfc: string;
        legalName: string;
        validUntil: Date;
        daysToExpiry: number;
        expired: boolean;
        expiresSoon: boolean;
      }[]
    >;
  };
  sat: {
    homeStatus(
      tenantId: string,
      rfcs: string[],
    ): Promise<
      Map<
        string,
        {
          lastSyncAt: Date | null;
          attentionCount: number;
          attention: {
            id: string;
            state: string;
            kind: 'cfdi' | 'metadata';
            direction: 'issued' | 'received' | null;
            periodStart: string | null;
            periodEnd: string | null;
            code: number | null;
            reason: string | null;
            attention: { code: SatAttentionCode; params: SatHistoryParams } | null;
            finishedAt: Date | null;
          }[];
        }
      >
    >;
  };
  cfdi: {
    vaultCounts(
      tenantId: string,
      rfcs: string[],
      range: { from: string; to: string },
    ): Promise<Map<string, { issued: number; received: number; missingXml: number }>>;
  };
  now?: () => Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The calendar month of `at` in Mexico City (CFDI dates are that local time, as written): its key,
 * first and last day, and the first day of the next month (the exclusive bound a query uses).
 */
export function mexicoCityMonth(at: Date): { key: string; from: string; to: string; next: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Mexico_City',
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(at);
  const year = Number(parts.find((p) => p.type === 'year')!.value);
  const month = Number(parts.find((p) => p.type === 'month')!.value);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return {
    key: `${year}-${pad(month)}`,
    from: `${year}-${pad(month)}-01`,
    to: `${year}-${pad(month)}-${pad(lastDay)}`,
    next: `${nextYear}-${pad(nextMonth)}-01`,
  };
}

export function createHomeService(deps: HomeDeps) {
  const now = deps.now ?? (() => new Date());
  return {
    /**
     * Every active taxpayer of the organization at a glance: three bounded reads (the taxpayers, one
     * per-RFC pass over the SAT requests, one per-RFC pass over the vault), whatever their number.
     */
    async summary(tenantId: string): Promise<HomeSummary> {
      const month = mexicoCityMonth(now());
      const list = await deps.taxpayers.listTaxpayers(tenantId);
      const rfcs = list.map((t) => t.rfc);
      const [status, counts] = await Promise.all([
        deps.sat.homeStatus(tenantId, rfcs),
        deps.cfdi.vaultCounts(tenantId, rfcs, { from: month.from, to: month.next }),
      ]);
      const taxpayers: HomeTaxpayer[] = list.map((t) => {
        const s = status.get(t.rfc);
        const c = counts.get(t.rfc);
        return {
          rfc: t.rfc,
          legalName: t.legalName,
          lastSyncAt: s?.lastSyncAt?.toISOString() ?? null,
          thisMonth: { issued: c?.issued ?? 0, received: c?.received ?? 0 },
          attentionCount: s?.attentionCount ?? 0,
          attention: (s?.attention ?? []).map((a) => ({
            id: a.id,
            state: a.state,
            type: a.kind,
            direction: a.direction,
            period: a.periodStart && a.periodEnd ? { start: a.periodStart, end: a.periodEnd } : null,
            code: a.code,
            reason: a.reason,
            attention: a.attention,
            finishedAt: a.finishedAt?.toISOString() ?? null,
          })),
          efirma: {
            validUntil: t.validUntil.toISOString(),
            daysToExpiry: t.daysToExpiry,
            expired: t.expired,
            expiresSoon: t.expiresSoon,
          },
          missingXml: c?.missingXml ?? 0,
        };
      });
      const sum = (f: (t: HomeTaxpayer) => number) => taxpayers.reduce((n, t) => n + f(t), 0);
      return {
        month: { key: month.key, from: month.from, to: month.to },
        taxpayers,
        totals: {
          taxpayers: taxpayers.length,
          thisMonth: { issued: sum((t) => t.thisMonth.issued), received: sum((t) => t.thisMonth.received) },
          attention: sum((t) => t.attentionCount),
          efirmasExpiring: sum((t) => (t.efirma.expiresSoon ? 1 : 0)),
          missingXml: sum((t) => t.missingXml),
        },
      };
    },
  };
}

export type HomeService = ReturnType<typeof createHomeService>;
