import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import {
  bitString,
  explicit,
  integer,
  nullValue,
  octetString,
  oid,
  sequence,
  set,
  tlv,
  utcTime,
  utf8String,
} from './der.js';

export interface SelfSignedCertificate {
  /** PEM certificate: hand it to clients as their `ca` to trust the simulator. */
  cert: string;
  key: string;
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), nullValue());

/**
 * A throwaway RSA-2048 / SHA-256 certificate for `localhost` and 127.0.0.1, generated at start so the
 * simulator can speak HTTPS without an openssl binary. Validity uses the real clock (TLS clients check
 * it against theirs), not the simulated one.
 */
export function createSelfSignedCertificate(commonName = 'Boveda SAT simulator'): SelfSignedCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const name = sequence(set(sequence(oid('2.5.4.3'), utf8String(commonName))));
  const now = Date.now();
  const subjectAltName = sequence(
    tlv(0x82, Buffer.from('localhost', 'ascii')),
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
  );
  const extensions = explicit(
    3,
    sequence(
      sequence(oid('2.5.29.17'), octetString(subjectAltName)),
      sequence(oid('2.5.29.19'), octetString(sequence())),
    ),
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.concat([Buffer.from([0x01]), randomBytes(15)])),
    SHA256_WITH_RSA,
    name,
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const der = sequence(tbs, SHA256_WITH_RSA, bitString(sign('sha256', tbs, privateKey)));
  const body = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
