import type { AcceptedInvitation, Role } from '@boveda/contracts';
import { ApiError, NetworkError, problemFromResponse } from './errors.js';
import type {
  ApiKeyPage,
  AuditChainVerification,
  AuditEventPage,
  CfdiDetail,
  CfdiPage,
  CfdiSearch,
  CfdiTotals,
  ChangePasswordInput,
  CreateApiKeyInput,
  CreatedApiKey,
  CreateSatRequestInput,
  CreateUserInput,
  FileMissingXmlInput,
  FileMissingXmlResult,
  FileYearInput,
  FileYearResult,
  HomeSummary,
  Invitation,
  InvitationPage,
  LoginInput,
  LoginResult,
  Me,
  MetadataPage,
  MetadataReconciliation,
  MetadataSearch,
  MetadataTotals,
  OrganizationSettings,
  PageQuery,
  ReceivedInvitationPage,
  RegisterTaxpayerInput,
  RotatedSigningSecret,
  SatRequest,
  SatRequestDetail,
  SatRequestListQuery,
  SatRequestPage,
  SatYearProgress,
  SyncSatResult,
  Taxpayer,
  TaxpayerPage,
  UpdateOrganizationSettingsInput,
  UserPage,
  YearSummary,
} from './types.js';

export type * from './types.js';
export { ApiError, NetworkError };

export const CSRF_COOKIE = 'boveda_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Reads one cookie value out of a `document.cookie`-style string. */
export function readCookie(cookies: string, name: string): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

export interface ApiClientOptions {
  /** Origin to prefix to `/api/...`; empty in the browser, where the SPA and API share an origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Where the CSRF double-submit token comes from; in the browser, the `boveda_csrf` cookie. */
  readCsrfToken?: () => string | null;
  /** Called on any 401 except a failed sign-in, so the app can send the user to the sign-in page. */
  onUnauthenticated?: (error: ApiError) => void;
}

type QueryValues = Record<string, string | number | null | undefined>;

/** `?a=1&b=x` of the values that are set (empty, null and undefined are left out), or ''. */
function queryString(query: QueryValues = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/** Where the browser downloads a search as CSV or XLSX (a link: the session cookie goes along). */
export const cfdiExportUrl = (search: CfdiSearch, format: 'csv' | 'xlsx') =>
  `/api/v1/cfdi/export.${format}${queryString(search)}`;
/**
 * Where the browser downloads a search's original XML as one ZIP (`GET /cfdi/export.zip`): the
 * search's filters, the selected rows when there are any, a PDF beside each XML with `pdf`.
 */
export const cfdiZipUrl = (search: CfdiSearch, opts: { uuids?: readonly string[]; pdf?: boolean } = {}) =>
  `/api/v1/cfdi/export.zip${queryString({
    ...search,
    uuids: opts.uuids?.length ? opts.uuids.join(',') : undefined,
    pdf: opts.pdf ? 'true' : undefined,
  })}`;
/** Where the browser downloads a CFDI's original XML. */
/** Where the browser downloads a metadata search as CSV or XLSX (same filters as the page). */
export const metadataExportUrl = (search: MetadataSearch, format: 'csv' | 'xlsx') =>
  `/api/v1/metadata/export.${format}${queryString(search)}`;

export const cfdiXmlUrl = (uuid: string) => `/api/v1/cfdi/${encodeURIComponent(uuid)}/xml`;
/** Where the browser downloads a CFDI's PDF representation. */
export const cfdiPdfUrl = (uuid: string) => `/api/v1/cfdi/${encodeURIComponent(uuid)}/pdf`;
/** Where the browser downloads a stored SAT package, as the SAT delivered it. */
export const satPackageUrl = (rfc: string, requestId: string, satPackageId: string) =>
  `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests/${encodeURIComponent(requestId)}/packages/${encodeURIComponent(satPackageId)}`;

export interface UploadProgress {
  /** Bytes of the request body sent so far, and in all (0 while the browser does not know). */
  loaded: number;
  total: number;
}

export interface RequestOptions {
  /** JSON-encoded, except FormData, which goes as multipart with the browser's own boundary. */
  body?: unknown;
  query?: QueryValues;
  /** A 401 here is an expected answer (wrong password), not a lost session. */
  expectUnauthenticated?: boolean;
}

function browserCsrfToken(): string | null {
  return typeof document === 'undefined' ? null : readCookie(document.cookie, CSRF_COOKIE);
}

function fileName(blob: Blob, fallback: string): string {
  return typeof File !== 'undefined' && blob instanceof File && blob.name ? blob.name : fallback;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const readCsrf = options.readCsrfToken ?? browserCsrfToken;

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const multipart = opts.body instanceof FormData;
    // For FormData the content-type must be left to fetch: it carries the multipart boundary.
    if (opts.body !== undefined && !multipart) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD') {
      const token = readCsrf();
      if (token) headers[CSRF_HEADER] = token;
    }

    let res: Response;
    try {
      res = await doFetch(`${baseUrl}${path}${queryString(opts.query)}`, {
        method,
        headers,
        credentials: 'same-origin',
        body:
          opts.body === undefined
            ? undefined
            : multipart
              ? (opts.body as FormData)
              : JSON.stringify(opts.body),
      });
    } catch (err) {
      throw new NetworkError(err);
    }

    if (!res.ok) {
      const error = await problemFromResponse(res);
      if (error.status === 401 && !opts.expectUnauthenticated) options.onUnauthenticated?.(error);
      throw error;
    }
    if (res.status === 204) return undefined as T;
    // Some answers accept without a body (202 for a mail queued): nothing to parse.
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * A multipart upload that reports how much of the body went out (fetch cannot tell), with the same
   * CSRF header, errors and 401 handling as `request`. Outside a browser it falls back to `request`.
   */
  function upload<T>(
    path: string,
    form: FormData,
    opts: { onProgress?(progress: UploadProgress): void; signal?: AbortSignal } = {},
  ): Promise<T> {
    if (typeof XMLHttpRequest === 'undefined' || options.fetch)
      return request<T>('POST', path, { body: form });
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${baseUrl}${path}`);
      xhr.setRequestHeader('accept', 'application/json');
      const token = readCsrf();
      if (token) xhr.setRequestHeader(CSRF_HEADER, token);
      xhr.upload.onprogress = (e) =>
        opts.onProgress?.({ loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.onerror = () => reject(new NetworkError(new Error('upload failed')));
      xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
      xhr.onload = () => {
        const headers = new Headers({ 'content-type': xhr.getResponseHeader('content-type') ?? '' });
        const res = new Response(xhr.status === 204 ? null : xhr.responseText, {
          status: xhr.status,
          statusText: xhr.statusText,
          headers,
        });
        if (res.ok) {
          if (res.status === 204) resolve(undefined as T);
          else res.json().then((body) => resolve(body as T), reject);
          return;
        }
        void problemFromResponse(res).then((error) => {
          if (error.status === 401) options.onUnauthenticated?.(error);
          reject(error);
        });
      };
      opts.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(form);
    });
  }

  return {
    /**
     * Any call of the API: for a page's own module of calls (e.g. `pages/inbox/inbox-api.ts`), typed
     * there with the contracts' schemas.
     */
    request,
    upload,

    login: (input: LoginInput) =>
      request<LoginResult>('POST', '/api/v1/auth/login', { body: input, expectUnauthenticated: true }),
    logout: () => request<void>('POST', '/api/v1/auth/logout'),
    me: () => request<Me>('GET', '/api/v1/me'),
    /** Moves the web session to another organization the person belongs to (new cookies). */
    switchOrganization: (tenant: string) =>
      request<LoginResult>('POST', '/api/v1/auth/switch', { body: { tenant } }),

    listApiKeys: (page: PageQuery = {}) =>
      request<ApiKeyPage>('GET', '/api/v1/api-keys', { query: { limit: page.limit, cursor: page.cursor } }),
    createApiKey: (input: CreateApiKeyInput) =>
      request<CreatedApiKey>('POST', '/api/v1/api-keys', { body: input }),
    revokeApiKey: (id: string) => request<void>('DELETE', `/api/v1/api-keys/${encodeURIComponent(id)}`),
    /** A new signing secret for the key (shown once); the old one stops working. */
    rotateApiKeySigningSecret: (id: string) =>
      request<RotatedSigningSecret>('POST', `/api/v1/api-keys/${encodeURIComponent(id)}/signing-secret`),
    organizationSettings: () => request<OrganizationSettings>('GET', '/api/v1/organization/settings'),
    updateOrganizationSettings: (input: UpdateOrganizationSettingsInput) =>
      request<OrganizationSettings>('PATCH', '/api/v1/organization/settings', { body: input }),

    listUsers: () => request<UserPage>('GET', '/api/v1/users'),
    /** Invites a person; the answer is the same whether or not the email already has an account. */
    inviteUser: (input: CreateUserInput) => request<Invitation>('POST', '/api/v1/users', { body: input }),
    changeUserRole: (id: string, role: Role) =>
      request<void>('PATCH', `/api/v1/users/${encodeURIComponent(id)}`, { body: { role } }),
    deactivateUser: (id: string) =>
      request<void>('POST', `/api/v1/users/${encodeURIComponent(id)}/deactivate`),
    reactivateUser: (id: string) =>
      request<void>('POST', `/api/v1/users/${encodeURIComponent(id)}/reactivate`),
    /** Removes the membership; the person's sessions and the keys they created end at once. */
    removeUser: (id: string) => request<void>('DELETE', `/api/v1/users/${encodeURIComponent(id)}`),
    sendPasswordReset: (id: string) =>
      request<void>('POST', `/api/v1/users/${encodeURIComponent(id)}/password-reset`),
    changeMyPassword: (input: ChangePasswordInput) =>
      request<void>('POST', '/api/v1/me/password', { body: input }),
    /** "¿Olvidaste tu contraseña?": always accepted, whether or not the email has an account. */
    requestPasswordReset: (email: string) =>
      request<void>('POST', '/api/v1/auth/password-reset', { body: { email }, expectUnauthenticated: true }),
    confirmPasswordReset: (token: string, password: string) =>
      request<void>('POST', '/api/v1/auth/password-reset/confirm', {
        body: { token, password },
        expectUnauthenticated: true,
      }),
    listInvitations: () => request<InvitationPage>('GET', '/api/v1/invitations'),
    revokeInvitation: (id: string) =>
      request<void>('DELETE', `/api/v1/invitations/${encodeURIComponent(id)}`),
    listMyInvitations: () => request<ReceivedInvitationPage>('GET', '/api/v1/me/invitations'),
    acceptInvitation: (id: string) =>
      request<AcceptedInvitation>('POST', `/api/v1/me/invitations/${encodeURIComponent(id)}/accept`),
    declineInvitation: (id: string) =>
      request<void>('POST', `/api/v1/me/invitations/${encodeURIComponent(id)}/decline`),

    listAuditEvents: (page: PageQuery = {}) =>
      request<AuditEventPage>('GET', '/api/v1/audit-events', {
        query: { limit: page.limit, cursor: page.cursor },
      }),

    verifyAuditChain: () => request<AuditChainVerification>('GET', '/api/v1/audit-events/verify'),

    listTaxpayers: (opts: { includeRemoved?: boolean } = {}) =>
      request<TaxpayerPage>('GET', '/api/v1/taxpayers', {
        query: { includeRemoved: opts.includeRemoved ? 'true' : undefined },
      }),
    getTaxpayer: (rfc: string) => request<Taxpayer>('GET', `/api/v1/taxpayers/${encodeURIComponent(rfc)}`),
    /** The RFC and name come from the certificate; each validation failure is a 422 with its own code. */
    registerTaxpayer: (input: RegisterTaxpayerInput) => {
      const form = new FormData();
      form.append('certificate', input.certificate, fileName(input.certificate, 'efirma.cer'));
      form.append('privateKey', input.privateKey, fileName(input.privateKey, 'efirma.key'));
      form.append('password', input.password);
      return request<Taxpayer>('POST', '/api/v1/taxpayers', { body: form });
    },
    removeTaxpayer: (rfc: string) => request<void>('DELETE', `/api/v1/taxpayers/${encodeURIComponent(rfc)}`),

    listSatYears: (rfc: string) =>
      request<{ items: SatYearProgress[] }>(
        'GET',
        `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests/years`,
      ).then((r) => r.items),

    listSatRequests: (rfc: string, q: Omit<SatRequestListQuery, keyof PageQuery> & PageQuery = {}) =>
      request<SatRequestPage>('GET', `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests`, {
        query: {
          state: q.state,
          type: q.type,
          direction: q.direction,
          year: q.year,
          limit: q.limit,
          cursor: q.cursor,
        },
      }),
    getSatRequest: (rfc: string, id: string) =>
      request<SatRequestDetail>(
        'GET',
        `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests/${encodeURIComponent(id)}`,
      ),
    /** Answers the open request with the same parameters instead of filing a duplicate. */
    createSatRequest: (rfc: string, input: CreateSatRequestInput) =>
      request<SatRequest>('POST', `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests`, {
        body: input,
      }),
    /** Files a stopped request again; the new one replaces it once the SAT accepts it. */
    retrySatRequest: (rfc: string, id: string) =>
      request<SatRequest>(
        'POST',
        `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests/${encodeURIComponent(id)}/retry`,
      ),
    fileSatYear: (rfc: string, input: FileYearInput) =>
      request<FileYearResult>('POST', `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests/year`, {
        body: input,
      }),
    /** Queues a verification and download pass over every open request of the organization. */
    syncSat: () => request<SyncSatResult>('POST', '/api/v1/sat/sync'),

    /** One page of a CFDI search, in the search's sort. */
    searchCfdi: (search: CfdiSearch, page: PageQuery = {}) =>
      request<CfdiPage>('GET', '/api/v1/cfdi', {
        query: { ...search, limit: page.limit, cursor: page.cursor },
      }),
    /** A search's count and sums in MXN, without its rows. */
    getCfdiTotals: (search: CfdiSearch) =>
      request<CfdiTotals>('GET', '/api/v1/cfdi/totals', { query: { ...search } }),
    getCfdi: (uuid: string) => request<CfdiDetail>('GET', `/api/v1/cfdi/${encodeURIComponent(uuid)}`),
    /**
     * Per month of `year`: issued and received CFDI by tipo and currency, and the chart's netted base
     * and IVA; without a year, the newest year with data.
     */
    getTaxpayerSummary: (rfc: string, year?: number) =>
      request<YearSummary>('GET', `/api/v1/taxpayers/${encodeURIComponent(rfc)}/summary`, {
        query: { year },
      }),
    /** One page of a SAT metadata search; each row says whether its CFDI is in the vault. */
    searchMetadata: (search: MetadataSearch, page: PageQuery = {}) =>
      request<MetadataPage>('GET', '/api/v1/metadata', {
        query: { ...search, limit: page.limit, cursor: page.cursor },
      }),
    /** A metadata search's counts: not cancelled, cancelled, missing XML, `monto` by efecto. */
    getMetadataTotals: (search: MetadataSearch) =>
      request<MetadataTotals>('GET', '/api/v1/metadata/totals', { query: { ...search } }),
    /** A taxpayer's year of metadata against the vault, per month and direction. */
    getMetadataReconciliation: (rfc: string, year: number) =>
      request<MetadataReconciliation>('GET', '/api/v1/metadata/reconciliation', { query: { rfc, year } }),
    /** One folio request per missing XML of the selection (at most 200 per call). */
    fileMissingXml: (rfc: string, input: FileMissingXmlInput) =>
      request<FileMissingXmlResult>(
        'POST',
        `/api/v1/taxpayers/${encodeURIComponent(rfc)}/sat-requests/missing-xml`,
        { body: input },
      ),
    /** The start page: every taxpayer at a glance. */
    getHome: () => request<HomeSummary>('GET', '/api/v1/home'),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
