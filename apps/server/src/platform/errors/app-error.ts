import { type ErrorCode, errorCatalogue, isErrorCode, type ValidationIssue } from '@boveda/contracts';

export interface ErrorSpec {
  status: number;
  title: string;
}

/**
 * The only error type that reaches a client with its own message. Everything else becomes a
 * generic INTERNAL problem, so internal messages and stacks never leak.
 */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ValidationIssue[] | undefined;
  readonly params: Record<string, string | number | string[]> | undefined;

  constructor(code: string, spec: ErrorSpec, detail?: string, extra?: ErrorExtra) {
    super(detail ?? spec.title, { cause: extra?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = detail;
    this.errors = extra?.errors;
    this.params = extra?.params;
  }
}

export interface ErrorExtra {
  /** Field-level problems, each with its stable code (`validationIssueCodes`) and params. */
  errors?: ValidationIssue[];
  /** Values the code's text refers to, sent as the problem's `params`. */
  params?: Record<string, string | number | string[]>;
  cause?: unknown;
}

/** An error of the catalogue in `@boveda/contracts`, which holds each code's status and title. */
export function appError(code: ErrorCode, detail?: string, extra?: ErrorExtra): AppError {
  return new AppError(code, errorCatalogue[code], detail, extra);
}

/**
 * A module's codes, so its call sites read `taxpayerErrors('EFIRMA_IS_CSD', '…')` and a code from
 * elsewhere does not compile there. Statuses and titles stay in the catalogue.
 */
export function defineErrors<const C extends ErrorCode>(...codes: C[]) {
  return Object.assign(
    (code: C, detail?: string, extra?: ErrorExtra) => new AppError(code, errorCatalogue[code], detail, extra),
    { codes },
  );
}

/** The status and title of any code the API answers with. */
export const errorSpecOf = (code: string): ErrorSpec | undefined =>
  isErrorCode(code) ? errorCatalogue[code] : undefined;

/** The codes a route may list in `schema.errors`: any of the catalogue. */
export type DeclarableErrorCode = ErrorCode;

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
