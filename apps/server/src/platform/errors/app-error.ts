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

// Every code of the base and module catalogues, so a route can declare the errors it answers
// with by code alone (`schema.errors`) and the OpenAPI document finds their statuses.
const specsByCode = new Map<string, ErrorSpec>(Object.entries(errorCatalogue));

/**
 * A module's own error catalogue (e.g. `EFIRMA_IS_CSD → 422`). Returns a factory so call sites
 * read `taxpayerErrors('EFIRMA_IS_CSD', '…')` and the status stays declared in one place. A code
 * may appear in two catalogues only with the same status, or the server does not start.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(catalogue: T) {
  for (const [code, spec] of Object.entries(catalogue)) {
    const known = specsByCode.get(code);
    if (known && known.status !== spec.status)
      throw new Error(`Error code ${code} is declared with status ${known.status} and ${spec.status}`);
    if (!known) specsByCode.set(code, spec);
  }
  const make = (code: keyof T & string, detail?: string, extra?: { cause?: unknown }) =>
    new AppError(code, catalogue[code]!, detail, extra);
  return Object.assign(make, { catalogue });
}

/** The status and title of any known code, base or module. */
export const errorSpecOf = (code: string): ErrorSpec | undefined => specsByCode.get(code);

/**
 * The codes a route may list in `schema.errors`: the base catalogue, plus each module's, which
 * its `.errors.ts` adds so that a misspelt code does not compile:
 *
 *   declare module '../../platform/errors/app-error.js' {
 *     interface DeclarableErrorCodes extends CodesOf<typeof taxpayerErrors> {}
 *   }
 */
export interface DeclarableErrorCodes extends Record<BaseErrorCode, true> {}
export type DeclarableErrorCode = keyof DeclarableErrorCodes & string;
export type CodesOf<Factory extends { catalogue: object }> = Record<
  keyof Factory['catalogue'] & string,
  true
>;

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
