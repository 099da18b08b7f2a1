import type { Readable } from 'node:stream';
import {
  AuthenticateTranslator,
  CRequest,
  DateTime,
  Fiel,
  FielRequestBuilder,
  Service,
  ServiceConsumer,
  ServiceEndpoints,
  ServiceType,
  Token,
} from '@nodecfdi/sat-ws-descarga-masiva';
import type { Cache } from '../../../platform/cache/index.js';
import { resolveSatEndpointBase } from '../../../platform/config/sat-endpoints.js';
import { HEAD_LIMIT, readDescargaAnswer, soapFault } from './descarga-answer.js';
import { type SatQuery, toQueryParameters } from './sat-query.js';
import { type Exchange, readText, SatWebClient, type SatWebClientOptions } from './sat-web-client.js';

export interface SatCredentials {
  rfc: string;
  certificateDer: Buffer;
  privateKeyDer: Buffer;
  password: string;
}

export type SatOperation = 'autentica' | 'solicita' | 'verifica' | 'descarga';

/** A call that got no usable answer (transport failure, SOAP fault, unreadable XML): worth retrying later. */
export class SatCallError extends Error {
  readonly code = 'SAT_CALL_FAILED';
  constructor(
    readonly operation: SatOperation,
    reason: string,
  ) {
    super(`${operation}: ${reason}`);
    this.name = 'SatCallError';
  }
}

export interface CallStatus {
  code: number;
  message: string;
}
export interface QueryAnswer extends CallStatus {
  satRequestId: string;
}
export interface VerifyAnswer extends CallStatus {
  requestState: number;
  requestCode: number;
  count: number;
  packageIds: string[];
}
export interface DownloadAnswer<T> extends CallStatus {
  /** What the sink made of the zip (e.g. where it stored it), when the code is 5000 and a package came. */
  stored: T | null;
}
/**
 * Receives the zip as it is decoded from the answer. The stream fails (it never just ends) when the
 * answer is cut or damaged, so the sink must keep nothing on failure (an atomic store does that).
 */
export type PackageSink<T> = (zip: Readable) => Promise<T>;

/** Sends every call and its answer to the history (never the token, never the body). */
export type CallListener = (event: { operation: SatOperation; code?: number; message: string }) => void;

export interface SatGatewayOptions {
  endpoints: { authenticate: string; query: string; verify: string; download: string };
  http: Omit<SatWebClientOptions, 'onRetry'>;
  cache: Cache;
}

// The SAT token lives 5 minutes; renew 60 s early so a call never leaves with a dying token.
const TOKEN_TTL_SECONDS = 240;
const USER_NOT_VALID = 300;
const DESCARGAR = 'http://DescargaMasivaTerceros.sat.gob.mx/IDescargaMasivaTercerosService/Descargar';

export function resolveEndpoints(
  setting: string,
  simulatorUrl?: string,
): SatGatewayOptions['endpoints'] | null {
  const resolved = resolveSatEndpointBase(setting, simulatorUrl);
  if (!resolved) return null;
  if (resolved.production) {
    const e = ServiceEndpoints.cfdi();
    return {
      authenticate: e.getAuthenticate(),
      query: e.getQuery(),
      verify: e.getVerify(),
      download: e.getDownload(),
    };
  }
  const base = resolved.baseUrl;
  return {
    authenticate: `${base}/Autenticacion/Autenticacion.svc`,
    query: `${base}/SolicitaDescargaService.svc`,
    verify: `${base}/VerificaSolicitudDescargaService.svc`,
    download: `${base}/DescargaMasivaService.svc`,
  };
}

/**
 * The SAT conversation for one taxpayer at a time: nodecfdi signs and reads the messages, our web
 * client carries them. The token is shared per key (tenant + RFC) through the cache and obtained
 * once even when several calls need it at the same moment (single flight).
 */
export function createSatGateway(options: SatGatewayOptions) {
  const endpoints = new ServiceEndpoints(
    options.endpoints.authenticate,
    options.endpoints.query,
    options.endpoints.verify,
    options.endpoints.download,
    new ServiceType('cfdi'),
  );
  return createSessions(options, endpoints);
}

/** SAT_ENDPOINTS=simulator names the simulator this process runs (demo mode); elsewhere it is an error at the first call. */
export function createUnavailableGateway(reason: string): SatGateway {
  return {
    session: () => {
      const fail = async (): Promise<never> => {
        throw new SatCallError('autentica', reason);
      };
      return { query: fail, verify: fail, download: fail };
    },
  };
}

function createSessions(options: SatGatewayOptions, endpoints: ServiceEndpoints) {
  const inFlight = new Map<string, Promise<string>>();

  function session(key: string, credentials: SatCredentials, listener: CallListener): SatSession {
    const fiel = Fiel.create(
      credentials.certificateDer.toString('binary'),
      credentials.privateKeyDer.toString('binary'),
      credentials.password,
    );
    const builder = new FielRequestBuilder(fiel);
    const client = new SatWebClient({
      ...options.http,
      onRetry: ({ uri, attempt, reason }) =>
        listener({ operation: operationOf(options.endpoints, uri), message: `retry ${attempt}: ${reason}` }),
    });
    const cacheKey = `sat-token:${key}`;

    async function authenticate(): Promise<string> {
      const body = new AuthenticateTranslator().createSoapRequest(builder);
      let response: string;
      try {
        response = await ServiceConsumer.consume(
          client,
          'http://DescargaMasivaTerceros.gob.mx/IAutenticacion/Autentica',
          endpoints.getAuthenticate(),
          body,
        );
      } catch (error) {
        const reason = describe(error);
        listener({ operation: 'autentica', message: `failed: ${reason}` });
        throw new SatCallError('autentica', reason);
      }
      const value = new AuthenticateTranslator().createTokenFromSoapResponse(response).getValue();
      if (!value) throw new SatCallError('autentica', 'the answer carried no token');
      listener({ operation: 'autentica', message: 'token obtained' });
      return value;
    }

    async function token(fresh: boolean): Promise<string> {
      if (!fresh) {
        const cached = await options.cache.get<string>(cacheKey);
        if (cached) return cached;
      }
      let pending = inFlight.get(key);
      if (!pending) {
        pending = authenticate().then(async (value) => {
          await options.cache.set(cacheKey, value, TOKEN_TTL_SECONDS);
          return value;
        });
        inFlight.set(key, pending);
        pending.then(
          () => inFlight.delete(key),
          () => inFlight.delete(key),
        );
      }
      return pending;
    }

    /** Runs one operation; a "user not valid" (300) usually means the token died: renew once and repeat. */
    async function withToken<T extends CallStatus>(
      operation: SatOperation,
      run: (token: string) => Promise<T>,
    ) {
      let fresh = false;
      for (;;) {
        const value = await token(fresh);
        let answer: T;
        try {
          answer = await run(value);
        } catch (error) {
          const reason = describe(error);
          listener({ operation, message: `failed: ${reason}` });
          throw new SatCallError(operation, reason);
        }
        if (!Number.isFinite(answer.code)) {
          listener({ operation, message: 'failed: unreadable answer' });
          throw new SatCallError(operation, 'unreadable answer');
        }
        listener({ operation, code: answer.code, message: answer.message });
        if (answer.code !== USER_NOT_VALID || fresh) return answer;
        await options.cache.delete(cacheKey);
        fresh = true;
      }
    }

    const service = (value: string) => {
      const now = DateTime.now();
      return new Service(builder, client, new Token(now, now.modify({ minutes: 5 }), value), endpoints);
    };

    /**
     * Descargar, streamed: nodecfdi signs the request, and the answer is read as it arrives instead of
     * through nodecfdi's translator, which would hold the whole package (several times over) in memory.
     */
    async function download<T>(packageId: string, sink: PackageSink<T>, value: string) {
      const request = new CRequest('POST', endpoints.getDownload(), builder.download(packageId), {
        SOAPAction: DESCARGAR,
        Authorization: `WRAP access_token="${value}"`,
      });
      return client.stream(request, (response) => downloadAnswer(response, sink));
    }

    return {
      query: (query: SatQuery) =>
        withToken<QueryAnswer>('solicita', async (value) => {
          const r = await service(value).query(toQueryParameters(query));
          return {
            code: r.getStatus().getCode(),
            message: r.getStatus().getMessage(),
            satRequestId: r.getRequestId(),
          };
        }),
      verify: (satRequestId: string) =>
        withToken<VerifyAnswer>('verifica', async (value) => {
          const r = await service(value).verify(satRequestId);
          return {
            code: r.getStatus().getCode(),
            message: r.getStatus().getMessage(),
            requestState: r.getStatusRequest().getValue() ?? 0,
            requestCode: r.getCodeRequest().getValue() ?? 0,
            count: r.getNumberCfdis(),
            packageIds: r.getPackageIds(),
          };
        }),
      download: <T>(packageId: string, sink: PackageSink<T>) =>
        withToken<DownloadAnswer<T>>('descarga', (value) => download(packageId, sink, value)),
    };
  }

  return { session };
}

export type SatSession = {
  query(query: SatQuery): Promise<QueryAnswer>;
  verify(satRequestId: string): Promise<VerifyAnswer>;
  /** Streams the package into `sink`; memory stays bounded whatever the package size. */
  download<T>(packageId: string, sink: PackageSink<T>): Promise<DownloadAnswer<T>>;
};
export type SatGateway = {
  session(key: string, credentials: SatCredentials, listener: CallListener): SatSession;
};

function operationOf(e: SatGatewayOptions['endpoints'], uri: string): SatOperation {
  if (uri === e.authenticate) return 'autentica';
  if (uri === e.verify) return 'verifica';
  if (uri === e.download) return 'descarga';
  return 'solicita';
}

/** Reads a Descargar answer as it arrives; the package (5000) goes to `sink` without being held. */
async function downloadAnswer<T>(response: Exchange, sink: PackageSink<T>): Promise<DownloadAnswer<T>> {
  if (response.statusCode >= 300) throw new Error(await httpFailure(response));
  const answer = await readDescargaAnswer(response.body);
  if (answer.kind === 'fault') throw new Error(`SOAP fault ${answer.code}: ${answer.message}`);
  const stored = answer.code === 5000 && answer.package ? await sink(answer.package) : null;
  return { code: answer.code, message: answer.message, stored };
}

/** A non-2xx answer: the SOAP fault it carries, else its status (nodecfdi's wording). */
async function httpFailure(response: Exchange): Promise<string> {
  const fault = soapFault(await readText(response.body, HEAD_LIMIT).catch(() => ''));
  if (fault) return `SOAP fault ${fault.code}: ${fault.message}`;
  const kind = response.statusCode >= 500 ? 'server' : 'client';
  return `Unexpected ${kind} error status code ${response.statusCode}`;
}

function describe(error: unknown): string {
  // nodecfdi wraps what the web client threw ("empty response"); the transport's reason is inside.
  if (
    error &&
    typeof error === 'object' &&
    'getPrevious' in error &&
    typeof error.getPrevious === 'function'
  ) {
    const previous = error.getPrevious() as unknown;
    if (previous instanceof Error) return describe(previous);
  }
  if (error && typeof error === 'object' && 'getFault' in error && typeof error.getFault === 'function') {
    const fault = error.getFault() as { getCode(): string; getMessage(): string };
    return `SOAP fault ${fault.getCode()}: ${fault.getMessage()}`;
  }
  return error instanceof Error ? error.message : String(error);
}
