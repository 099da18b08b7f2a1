import { type BaseErrorCode, errorCatalogue } from '@boveda/contracts';

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
  readonly errors: { path: string; message: string }[] | undefined;

  constructor(
    code: string,
    spec: ErrorSpec,
    detail?: string,
    extra?: { errors?: { path: string; message: string }[]; cause?: unknown },
  ) {
    super(detail ?? spec.title, { cause: extra?.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = spec.status;
    this.title = spec.title;
    this.detail = detail;
    this.errors = extra?.errors;
  }
}

/** Error from the base catalogue shared with the web app (`@boveda/contracts`). */
export function appError(
  code: BaseErrorCode,
  detail?: string,
  extra?: { errors?: { path: string; message: string }[]; cause?: unknown },
): AppError {
  return new AppError(code, errorCatalogue[code], detail, extra);
}

/**
 * A module's own error catalogue (e.g. `EFIRMA_IS_CSD → 422`). Returns a factory so call sites
 * read `taxpayerErrors('EFIRMA_IS_CSD', '…')` and the status stays declared in one place.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(catalogue: T) {
  const make = (code: keyof T & string, detail?: string, extra?: { cause?: unknown }) =>
    new AppError(code, catalogue[code]!, detail, extra);
  return Object.assign(make, { catalogue });
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
