import { readdirSync, readFileSync } from 'node:fs';
import {
  createTrustStore,
  readCertificates,
  type TrustAnchor,
  TrustAnchorError,
  type TrustStore,
} from '../../platform/pki/index.js';

const bundleDir = new URL('./sat-ca/', import.meta.url);

/** The certificates in one folder of the bundle (not its `roots/`: those only vouch for the ACs). */
export function bundledAuthorities(set: 'production' | 'test'): TrustAnchor[] {
  const dir = new URL(`${set}/`, bundleDir);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.cer'))
    .sort()
    .flatMap((name) => readCertificates(name, readFileSync(new URL(name, dir))));
}

export interface SatTrustOptions {
  /** Accept the SAT's test CA too (demo mode and tests; never a production install). */
  trustTestCa: boolean;
  /** Operator-supplied AC certificates (DER or PEM files), read once at start. */
  extraCaFiles: string[];
}

/**
 * The certification authorities whose e.firma (and CSD) certificates Bóveda accepts: the SAT's
 * production ACs bundled in `sat-ca/production`, the test CA when configured, and any extra AC
 * files. A file that cannot be read or is not a certificate stops start-up with its name.
 */
export function loadSatTrust(options: SatTrustOptions): TrustStore {
  const anchors = [
    ...bundledAuthorities('production'),
    ...(options.trustTestCa ? bundledAuthorities('test') : []),
    ...options.extraCaFiles.flatMap((file) => readCertificates(file, readExtra(file))),
  ];
  return createTrustStore(anchors);
}

function readExtra(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch {
    throw new TrustAnchorError(`SAT_EXTRA_CA_FILES: ${file} cannot be read`);
  }
}
