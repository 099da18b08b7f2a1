import type { Document, Element } from '@xmldom/xmldom';
import type { RawAnswer } from '../soap/faults.js';
import type { SimClock } from '../state/clock.js';
import type { Fault } from '../state/faults.js';
import type { RequestStore, RequestTiming } from '../state/request-store.js';
import type { StatusStore } from '../state/status-store.js';
import type { TokenStore } from '../state/token-store.js';
import type { Universe } from '../universe/types.js';

export interface SimulatorLimits {
  /** CFDI per request before 5003 (SAT: 200,000). */
  maxCfdi: number;
  /** Metadata rows per request before 5003 (SAT: 1,000,000). */
  maxMetadata: number;
  /** SolicitaDescargaFolio requests per UUID per (Mexico) day before 5011. Undocumented; invented default. */
  folioPerDay: number;
  /** Open question 2 of the protocol notes: which Verifica attribute carries 5003/5011. */
  overLimitField: 'CodigoEstadoSolicitud' | 'CodEstatus';
}

export interface SimulatorTiming extends RequestTiming {
  /** Simulated seconds a token is honoured (SAT: 5 minutes). */
  tokenLifetimeSeconds: number;
  /** Tolerance for the Autentica Timestamp against the simulated clock (WCF's default maxClockSkew is 5 min). */
  clockSkewSeconds: number;
}

export interface SimContext {
  clock: SimClock;
  tokens: TokenStore;
  requests: RequestStore;
  /** ConsultaCFDIService answers set through the admin API. */
  statuses: StatusStore;
  universe(): Universe;
  strict: boolean;
  timing: SimulatorTiming;
  limits: SimulatorLimits;
}

/** The parsed SOAP call handed to an operation. */
export interface SoapCall {
  doc: Document;
  header: Element | undefined;
  body: Element;
  authorization: string | undefined;
  /** A semantic fault armed for this call (expiredToken, stolen, requestError), if any. */
  fault: Fault | undefined;
}

export interface StreamAnswer {
  status: number;
  contentType: string;
  head: string;
  base64: AsyncIterable<string>;
  tail: string;
}

export type SoapAnswer = RawAnswer | StreamAnswer;

export function xmlAnswer(body: string): RawAnswer {
  return { status: 200, contentType: 'text/xml; charset=utf-8', body };
}
