import type {
  connectorAuthTypes,
  connectorDirections,
  paginationStyles,
  pullResourceKinds,
  pushSources,
} from '@boveda/contracts';
import type { Connector, ConnectorCreateInput } from './connectors-api.js';

type AuthType = (typeof connectorAuthTypes)[number];
type Direction = (typeof connectorDirections)[number];
type PushInput = NonNullable<ConnectorCreateInput['push']>;
type ResourceInput = NonNullable<ConnectorCreateInput['pull']>['resources'][number];

/** The mapping a new push connector starts with: the fields most ERPs ask of an invoice. */
export const DEFAULT_BODY_TEMPLATE = {
  uuid: '{{uuid}}',
  rfc_emisor: '{{emisor.rfc}}',
  rfc_receptor: '{{receptor.rfc}}',
  total: '{{total}}',
  fecha: '{{fecha | date}}',
  conceptos: { $each: 'conceptos', as: { descripcion: '{{descripcion}}', importe: '{{importe}}' } },
};

export interface ResourceDraft {
  /** Only for React's keys. */
  key: string;
  name: string;
  kind: (typeof pullResourceKinds)[number];
  path: string;
  recordsPath: string;
  idField: string;
  style: (typeof paginationStyles)[number];
  pageSize: string;
  incremental: boolean;
  updatedField: string;
  param: string;
  lookback: string;
}

/** Everything the form holds, as typed (numbers as text until sent). */
export interface ConnectorDraft {
  name: string;
  direction: Direction;
  baseUrl: string;
  authType: AuthType;
  header: string;
  username: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  /** The method's secret (key, token, password or client secret); empty on edit keeps the stored one. */
  secret: string;
  testPath: string;
  timeoutMs: string;
  rateLimit: string;
  scheduleOn: boolean;
  cron: string;
  timeZone: string;
  enabled: boolean;
  source: (typeof pushSources)[number];
  filterRfc: string;
  filterDirection: '' | 'issued' | 'received';
  filterFrom: string;
  filterTo: string;
  filterTipo: string;
  method: 'POST' | 'PUT' | 'PATCH';
  pushPath: string;
  body: string;
  externalIdPath: string;
  concurrency: string;
  resources: ResourceDraft[];
}

let nextKey = 0;
export function newResource(index = 0): ResourceDraft {
  nextKey += 1;
  return {
    key: `r${nextKey}`,
    name: index === 0 ? 'customers' : '',
    kind: index === 0 ? 'customers' : 'other',
    path: index === 0 ? '/api/customers' : '',
    recordsPath: 'data',
    idField: 'id',
    style: 'page',
    pageSize: '100',
    incremental: false,
    updatedField: 'updated_at',
    param: 'updated_since',
    lookback: '0',
  };
}

export function emptyDraft(): ConnectorDraft {
  return {
    name: '',
    direction: 'push',
    baseUrl: '',
    authType: 'none',
    header: 'X-Api-Key',
    username: '',
    tokenUrl: '',
    clientId: '',
    scope: '',
    secret: '',
    testPath: '',
    timeoutMs: '15000',
    rateLimit: '',
    scheduleOn: false,
    cron: '0 2 * * *',
    timeZone: 'America/Mexico_City',
    enabled: true,
    source: 'inbox',
    filterRfc: '',
    filterDirection: '',
    filterFrom: '',
    filterTo: '',
    filterTipo: '',
    method: 'POST',
    pushPath: '/api/invoices',
    body: JSON.stringify(DEFAULT_BODY_TEMPLATE, null, 2),
    externalIdPath: 'id',
    concurrency: '4',
    resources: [newResource(0)],
  };
}

/** The form of a stored connector: its settings, never its secret. */
export function draftOf(c: Connector): ConnectorDraft {
  const d = emptyDraft();
  const f = c.push?.cfdiFilter;
  return {
    ...d,
    name: c.name,
    direction: c.direction,
    baseUrl: c.baseUrl,
    authType: c.auth.type,
    header: c.auth.header ?? d.header,
    username: c.auth.username ?? '',
    tokenUrl: c.auth.tokenUrl ?? '',
    clientId: c.auth.clientId ?? '',
    scope: c.auth.scope ?? '',
    testPath: c.testPath ?? '',
    timeoutMs: String(c.timeoutMs),
    rateLimit: c.rateLimitPerSecond?.toString() ?? '',
    scheduleOn: c.schedule !== null,
    cron: c.schedule?.cron ?? d.cron,
    timeZone: c.schedule?.timeZone ?? d.timeZone,
    enabled: c.enabled,
    ...(c.push
      ? {
          source: c.push.source,
          filterRfc: f?.rfc ?? '',
          filterDirection: f?.direction ?? '',
          filterFrom: f?.from ?? '',
          filterTo: f?.to ?? '',
          filterTipo: f?.tipo ?? '',
          method: c.push.method,
          pushPath: c.push.path,
          body: JSON.stringify(c.push.body, null, 2),
          externalIdPath: c.push.externalIdPath,
          concurrency: String(c.push.concurrency),
        }
      : {}),
    resources: c.pull
      ? c.pull.resources.map((r, i) => ({
          ...newResource(i),
          name: r.name,
          kind: r.kind,
          path: r.path,
          recordsPath: r.recordsPath,
          idField: r.idField,
          style: r.pagination.style,
          pageSize: String(r.pagination.pageSize),
          incremental: r.incremental !== null,
          updatedField: r.incremental?.updatedField ?? 'updated_at',
          param: r.incremental?.param ?? 'updated_since',
          lookback: String(r.incremental?.lookbackSeconds ?? 0),
        }))
      : d.resources,
  };
}

/** Field errors by the API's own paths (`baseUrl`, `push.body`, `pull.resources.0.name`). */
export type FieldErrors = Record<string, string>;
export type DraftProblem = 'required' | 'number' | 'json' | 'secret';

export const wantsPush = (d: Direction) => d === 'push' || d === 'both';
export const wantsPull = (d: Direction) => d === 'pull' || d === 'both';

function integer(text: string, min: number, max: number): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

/**
 * The request body of a draft, or what is wrong with it. `stored` is the connector being edited: a
 * secret left empty keeps its stored one when the method is the same (the API's own rule).
 */
export function bodyOfDraft(
  d: ConnectorDraft,
  stored?: Connector,
): { body: ConnectorCreateInput; problems: Record<string, DraftProblem> } {
  const problems: Record<string, DraftProblem> = {};
  const need = (path: string, value: string) => {
    if (value.trim() === '') problems[path] = 'required';
    return value.trim();
  };
  const num = (path: string, text: string, min: number, max: number, fallback: number) => {
    const n = integer(text, min, max);
    if (n === undefined) problems[path] = 'number';
    return n ?? fallback;
  };
  const secret = d.secret.trim() || undefined;
  const keeps = stored !== undefined && stored.auth.type === d.authType && stored.auth.hasSecret;
  if (d.authType !== 'none' && !secret && !keeps) problems['auth.secret'] = 'secret';

  const auth: ConnectorCreateInput['auth'] =
    d.authType === 'none'
      ? { type: 'none' }
      : d.authType === 'api_key'
        ? { type: 'api_key', header: need('auth.header', d.header), ...(secret ? { key: secret } : {}) }
        : d.authType === 'bearer'
          ? { type: 'bearer', ...(secret ? { token: secret } : {}) }
          : d.authType === 'basic'
            ? {
                type: 'basic',
                username: need('auth.username', d.username),
                ...(secret ? { password: secret } : {}),
              }
            : {
                type: 'oauth2',
                tokenUrl: need('auth.tokenUrl', d.tokenUrl),
                clientId: need('auth.clientId', d.clientId),
                ...(secret ? { clientSecret: secret } : {}),
                ...(d.scope.trim() ? { scope: d.scope.trim() } : {}),
              };

  let push: PushInput | null = null;
  if (wantsPush(d.direction)) {
    let template: unknown = null;
    try {
      template = JSON.parse(d.body);
    } catch {
      problems['push.body'] = 'json';
    }
    const filter = {
      ...(d.filterRfc.trim() ? { rfc: d.filterRfc.trim().toUpperCase() } : {}),
      ...(d.filterDirection ? { direction: d.filterDirection } : {}),
      ...(d.filterFrom ? { from: d.filterFrom } : {}),
      ...(d.filterTo ? { to: d.filterTo } : {}),
      ...(d.filterTipo ? { tipo: d.filterTipo as 'I' } : {}),
    };
    push = {
      source: d.source,
      ...(d.source === 'cfdi' ? { cfdiFilter: filter } : {}),
      method: d.method,
      path: need('push.path', d.pushPath),
      body: template,
      externalIdPath: d.externalIdPath.trim(),
      concurrency: num('push.concurrency', d.concurrency, 1, 16, 4),
    };
  }

  const resources: ResourceInput[] = d.resources.map((r, i) => ({
    name: need(`pull.resources.${i}.name`, r.name),
    kind: r.kind,
    path: need(`pull.resources.${i}.path`, r.path),
    recordsPath: r.recordsPath.trim(),
    idField: need(`pull.resources.${i}.idField`, r.idField),
    pagination: {
      style: r.style,
      pageSize: num(`pull.resources.${i}.pagination.pageSize`, r.pageSize, 1, 1000, 100),
    },
    incremental: r.incremental
      ? {
          updatedField: need(`pull.resources.${i}.incremental.updatedField`, r.updatedField),
          param: need(`pull.resources.${i}.incremental.param`, r.param),
          lookbackSeconds: num(
            `pull.resources.${i}.incremental.lookbackSeconds`,
            r.lookback,
            0,
            2_592_000,
            0,
          ),
        }
      : null,
  }));

  const body: ConnectorCreateInput = {
    name: need('name', d.name),
    direction: d.direction,
    baseUrl: need('baseUrl', d.baseUrl),
    auth,
    testPath: d.testPath.trim() || null,
    timeoutMs: num('timeoutMs', d.timeoutMs, 500, 120_000, 15_000),
    rateLimitPerSecond: d.rateLimit.trim() === '' ? null : num('rateLimitPerSecond', d.rateLimit, 1, 1000, 1),
    schedule: d.scheduleOn
      ? { cron: need('schedule.cron', d.cron), timeZone: need('schedule.timeZone', d.timeZone) }
      : null,
    enabled: d.enabled,
    push,
    pull: wantsPull(d.direction) ? { resources } : null,
  };
  return { body, problems };
}
