/** Why a universe call was refused. The protocol layer maps these to SAT codes or HTTP errors. */
export type UniverseErrorCode =
  | 'invalid-rfc'
  | 'invalid-date'
  | 'invalid-volume'
  | 'invalid-option'
  | 'unknown-uuid'
  | 'entry-too-large';

export class UniverseError extends Error {
  readonly code: UniverseErrorCode;

  constructor(code: UniverseErrorCode, message: string) {
    super(message);
    this.name = 'UniverseError';
    this.code = code;
  }
}
