import type { IssueParams, ValidationIssue } from '../validation-issues.js';
import { aiErrors } from './ai.js';
import { apiKeyErrors } from './api-keys.js';
import { baseErrors } from './base.js';
import { catalogErrors } from './catalog.js';
import { cfdiErrors } from './cfdi.js';
import { connectorErrors } from './connectors.js';
import type { ErrorEntry } from './define.js';
import { inboxErrors } from './inbox.js';
import { oauthErrors } from './oauth.js';
import { orderErrors } from './orders.js';
import { pacErrors } from './pac.js';
import { peopleErrors } from './people.js';
import { planErrors } from './plans.js';
import { satErrors } from './sat.js';
import { scheduleErrors } from './schedules.js';
import { taxpayerErrors } from './taxpayers.js';
import { webhookErrors } from './webhooks.js';

export { defineErrorCatalogue, type ErrorEntry } from './define.js';

/**
 * Every error code the API answers with: the single source of its status, its title, the text a
 * person reads and when it happens. The server throws by code, the OpenAPI document lists them per
 * route, the web shows `text` by code; a code added here without a text does not compile.
 */
export const errorCatalogue = {
  ...baseErrors,
  ...apiKeyErrors,
  ...peopleErrors,
  ...taxpayerErrors,
  ...satErrors,
  ...cfdiErrors,
  ...inboxErrors,
  ...webhookErrors,
  ...oauthErrors,
  ...connectorErrors,
  ...pacErrors,
  ...orderErrors,
  ...catalogErrors,
  ...scheduleErrors,
  ...aiErrors,
  ...planErrors,
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

/** A code of the catalogue (the server answers nothing else), or false. */
export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(errorCatalogue, code);

/** problem+json body (RFC 9457) with our extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  /**
   * Field-level problems for VALIDATION_FAILED (and a few rule checks): each with its path, a
   * stable `code` from `validationIssueCodes`, its `params` and the rule in English (`message`).
   */
  errors?: ValidationIssue[];
  /** Values the code's text refers to (`allowed: ['picking', 'cancelled']`), for clients and the web. */
  params?: IssueParams;
}

export const problemTypeBase = 'https://boveda.dev/problems/';
