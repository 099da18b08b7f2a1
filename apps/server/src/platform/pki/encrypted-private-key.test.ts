import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EncryptedKeyFormatError,
  keyDerivationProblem,
  MAX_KDF_ITERATIONS,
  readEncryptedKeyParams,
} from './encrypted-private-key.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../../test-fixtures/efirma/${name}`, import.meta.url));

// A small DER writer, enough to build hostile EncryptedPrivateKeyInfo structures.
const len = (n: number) => (n < 0x80 ? Buffer.from([n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const tlv = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const octets = (n: number) => tlv(0x04, Buffer.alloc(n, 7));
const int = (value: bigint) => {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return tlv(0x02, Buffer.from(hex, 'hex'));
};
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a! * 40 + b!];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
};
const DES_EDE3 = seq(oid('1.2.840.113549.3.7'), octets(8));
const pbkdf2Key = (iterations: bigint) =>
  seq(
    seq(
      oid('1.2.840.113549.1.5.13'),
      seq(seq(oid('1.2.840.113549.1.5.12'), seq(octets(8), int(iterations))), DES_EDE3),
    ),
    octets(1200),
  );

describe('readEncryptedKeyParams', () => {
  it('reads the SAT test e.firma key: PBES2, PBKDF2, 2,048 iterations, 3DES', () => {
    expect(readEncryptedKeyParams(fixture('fiel-EKU9003173C9.key'))).toEqual({
      scheme: 'pbes2',
      kdf: 'pbkdf2',
      iterations: 2048n,
      kdfOid: '1.2.840.113549.1.5.12',
      cipherOid: '1.2.840.113549.3.7',
    });
    expect(readEncryptedKeyParams(fixture('fiel-EKU9003173C9-4m-iterations.key')).iterations).toBe(
      4_000_000n,
    );
  });

  it("reads what Node's own encrypted PKCS#8 export writes", () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const der = privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'x' });
    const params = readEncryptedKeyParams(der);
    expect(params).toMatchObject({ scheme: 'pbes2', kdf: 'pbkdf2', cipherOid: '2.16.840.1.101.3.4.1.42' });
    expect(keyDerivationProblem(params)).toBeNull();
  });

  it('reads legacy PBES1 and PKCS#12 schemes and scrypt', () => {
    const legacy = (algorithm: string) => seq(seq(oid(algorithm), seq(octets(8), int(2048n))), octets(64));
    expect(readEncryptedKeyParams(legacy('1.2.840.113549.1.5.10'))).toMatchObject({
      scheme: 'pbes1',
      iterations: 2048n,
    });
    expect(readEncryptedKeyParams(legacy('1.2.840.113549.1.12.1.3'))).toMatchObject({
      scheme: 'pkcs12',
      iterations: 2048n,
    });
    const scrypt = seq(
      seq(
        oid('1.2.840.113549.1.5.13'),
        seq(seq(oid('1.3.6.1.4.1.11591.4.11'), seq(octets(8), int(1n << 20n), int(8n), int(1n))), DES_EDE3),
      ),
      octets(64),
    );
    const params = readEncryptedKeyParams(scrypt);
    expect(params).toMatchObject({ kdf: 'scrypt', iterations: 1n << 20n });
    expect(keyDerivationProblem(params)).toMatch(/scrypt/);
  });

  it('bounds the iteration count, however it is encoded', () => {
    expect(keyDerivationProblem(readEncryptedKeyParams(pbkdf2Key(BigInt(MAX_KDF_ITERATIONS))))).toBeNull();
    expect(keyDerivationProblem(readEncryptedKeyParams(pbkdf2Key(BigInt(MAX_KDF_ITERATIONS + 1))))).toMatch(
      /100,001 key-derivation iterations/,
    );
    // 2^200 must be compared as a number, not rounded or truncated to something small.
    expect(keyDerivationProblem(readEncryptedKeyParams(pbkdf2Key(1n << 200n)))).toMatch(/over a trillion/);
    expect(keyDerivationProblem(readEncryptedKeyParams(pbkdf2Key(0n)))).toMatch(/no key-derivation/);
  });

  it('refuses what is not a well-formed encrypted key, with a format error and no crash', () => {
    const good = fixture('fiel-EKU9003173C9.key');
    const cases: Buffer[] = [
      Buffer.alloc(0),
      Buffer.from('garbage'),
      good.subarray(0, 40), // truncated
      Buffer.concat([good, Buffer.from([0])]), // trailing byte
      Buffer.from([0x30, 0x80, 0, 0]), // indefinite length (BER, not DER)
      Buffer.from([0x30, 0x85, 1, 1, 1, 1, 1]), // 5-byte length
      Buffer.from([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), // length far past the end
      seq(seq(oid('1.2.3.4'), seq()), octets(8)), // unknown scheme
      seq(seq(oid('1.2.840.113549.1.5.13'), seq()), octets(8)), // PBES2 without parameters
      seq(
        seq(
          oid('1.2.840.113549.1.5.13'),
          seq(seq(oid('1.2.840.113549.1.5.12'), seq(octets(8), tlv(0x02, Buffer.from([0xff])))), DES_EDE3),
        ),
        octets(8),
      ), // negative count
      fixture('fiel-EKU9003173C9.cer'), // a certificate
    ];
    for (const bytes of cases) expect(() => readEncryptedKeyParams(bytes)).toThrow(EncryptedKeyFormatError);
  });
});
