import type { VerifyAnswer } from './sat/sat-gateway.js';
import { type AttentionReason, isCertificateProblem, processingError } from './sat-reasons.js';

/** A request accepted or in progress longer than this since it was filed is stuck (doc §1.10). */
export const STALE_MS = 4 * 24 * 3600 * 1000;

/** What to do with a request after a verification answer: the recovery table, as data. */
export type VerifyOutcome =
  | { action: 'wait'; state: 'accepted' | 'in_progress' }
  | { action: 'replace-stale'; state: 'accepted' | 'in_progress' }
  | { action: 'download'; packageIds: string[]; count: number }
  | { action: 'empty'; count: number }
  | { action: 'split'; code: number; count: number }
  | { action: 'replace-expired' }
  | { action: 'stop'; code: number; reason?: AttentionReason }
  | { action: 'retry-later' };

export function verifyOutcome(a: VerifyAnswer, filedAt: Date, now: Date): VerifyOutcome {
  // Rejections that belong to the request: the code may come in CodigoEstadoSolicitud or, for
  // 5003, in CodEstatus (the sources disagree, doc §1.9), so both are read.
  if (a.requestState === 5) {
    const code = a.requestCode !== 5000 ? a.requestCode : a.code;
    if (code === 5004) return { action: 'empty', count: 0 };
    if (code === 5003) return { action: 'split', code, count: a.count };
    return { action: 'stop', code };
  }
  if (a.code !== 5000) {
    if (isCertificateProblem(a.code)) return { action: 'stop', code: a.code };
    // 404 "Error no controlado", EstadoSolicitud 0 and friends: the SAT's hiccup; verify again later.
    return { action: 'retry-later' };
  }
  switch (a.requestState) {
    case 1:
    case 2: {
      const state = a.requestState === 1 ? 'accepted' : 'in_progress';
      return now.getTime() - filedAt.getTime() > STALE_MS
        ? { action: 'replace-stale', state }
        : { action: 'wait', state };
    }
    case 3:
      return a.packageIds.length
        ? { action: 'download', packageIds: a.packageIds, count: a.count }
        : { action: 'empty', count: a.count };
    case 6:
      return { action: 'replace-expired' };
    case 4:
      return { action: 'stop', code: a.requestCode, reason: processingError(a.requestCode) };
    default:
      return { action: 'retry-later' };
  }
}
