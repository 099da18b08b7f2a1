import { type QueryClient, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError, problemFromResponse } from '../../api/errors.js';
import { queryKeys } from '../../api/queries.js';

export interface Taxes {
  isr: string | null;
  iva: string | null;
  ieps: string | null;
}

export interface CfdiItem {
  uuid: string;
  kind: string;
  version: string;
  tipo: string | null;
  serie: string | null;
  folio: string | null;
  issuedAt: string | null;
  certifiedAt: string | null;
  emisorRfc: string | null;
  emisorNombre: string | null;
  receptorRfc: string | null;
  receptorNombre: string | null;
  moneda: string | null;
  tipoCambio: string | null;
  subtotal: string | null;
  descuento: string | null;
  total: string | null;
  traslados: Taxes;
  retenciones: Taxes;
  metodoPago: string | null;
  formaPago: string | null;
  complementos: string[];
  status: string;
  cancelledAt: string | null;
}

export interface CfdiDetail extends CfdiItem {
  rfcPac: string | null;
  emisorRegimen: string | null;
  receptorRegimen: string | null;
  receptorUsoCfdi: string | null;
  receptorDomicilio: string | null;
  related: { tipoRelacion: string | null; uuids: string[] }[];
  hasXml: boolean;
  document: unknown;
}

export interface SummaryGroup {
  tipo: string | null;
  moneda: string | null;
  count: number;
  cancelled: number;
  subtotal: string;
  descuento: string;
  traslados: { isr: string; iva: string; ieps: string };
  retenciones: { isr: string; iva: string; ieps: string };
  total: string;
  totalMxn: string;
}

export interface YearSummary {
  rfc: string;
  year: number;
  months: { month: number; issued: SummaryGroup[]; received: SummaryGroup[] }[];
}

/** The explorer's filters, exactly the query parameters of GET /api/v1/cfdi. */
export interface CfdiSearch {
  rfc?: string;
  direction?: 'issued' | 'received';
  from?: string;
  to?: string;
  tipo?: string;
  counterpart?: string;
  minTotal?: string;
  maxTotal?: string;
  status?: string;
  complemento?: string;
  q?: string;
  sort?: 'date' | 'total';
  order?: 'asc' | 'desc';
}

export function searchParams(search: CfdiSearch, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...search, ...extra })) if (v) params.set(k, String(v));
  return params.toString();
}

/**
 * Same-origin GET with the session cookie; failures become ApiError / NetworkError like the shared
 * client. A 401 re-checks /me through the shared client, whose handler sends the person to sign in.
 */
async function getJson<T>(queryClient: QueryClient, path: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch (e) {
    throw new NetworkError(e);
  }
  if (!res.ok) {
    const error = await problemFromResponse(res);
    if (error instanceof ApiError && error.status === 401)
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    throw error;
  }
  return (await res.json()) as T;
}

export const exportUrl = (search: CfdiSearch, format: 'csv' | 'xlsx') =>
  `/api/v1/cfdi/export.${format}?${searchParams(search)}`;
export const xmlUrl = (uuid: string) => `/api/v1/cfdi/${encodeURIComponent(uuid)}/xml`;

const PAGE_SIZE = 200;

export function useCfdiSearch(search: CfdiSearch) {
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: ['cfdi', 'search', search],
    queryFn: ({ pageParam }) =>
      getJson<{ items: CfdiItem[]; nextCursor: string | null }>(
        queryClient,
        `/api/v1/cfdi?${searchParams(search, { limit: String(PAGE_SIZE), ...(pageParam ? { cursor: pageParam } : {}) })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCfdiDetail(uuid: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['cfdi', 'detail', uuid],
    queryFn: () => getJson<CfdiDetail>(queryClient, `/api/v1/cfdi/${encodeURIComponent(uuid!)}`),
    enabled: uuid !== null,
  });
}

export function useYearSummary(rfc: string, year: number) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['cfdi', 'summary', rfc, year],
    queryFn: () =>
      getJson<YearSummary>(queryClient, `/api/v1/taxpayers/${encodeURIComponent(rfc)}/summary?year=${year}`),
    enabled: /^[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}$/.test(rfc),
  });
}
