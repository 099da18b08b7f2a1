import { type Key, mix32 } from './prng.js';
import { packRfc, unpackRfc } from './rfc.js';
import type { Direction } from './types.js';

/**
 * A document's UUID *is* its address, disguised: (RFC 56 bits, direction 1, month 14, index 22)
 * = 93 payload bits, plus a 29-bit keyed tag. The payload is XOR-masked with a pad derived from the
 * tag, so UUIDs look random, differ per seed, and `byUuid` decodes them without any registry.
 * The 6 remaining bits are the RFC 4122 version (4) and variant, so the result is a valid v4 UUID.
 */
export interface DocAddress {
  rfc: string;
  direction: Direction;
  month: number;
  index: number;
}

export const MAX_MONTH = 2 ** 14 - 1;
export const MAX_INDEX = 2 ** 22 - 1;
const MASK31 = 0x7fffffff;
const PAYLOAD_BITS = 93n;

function chunks31(value: bigint): [number, number, number] {
  return [
    Number(value & 0x7fffffffn),
    Number((value >> 31n) & 0x7fffffffn),
    Number((value >> 62n) & 0x7fffffffn),
  ];
}

function tagOf(key: Key, payload: bigint): number {
  const [a, b, c] = chunks31(payload);
  let h = mix32(a ^ key[0]);
  h = mix32(h ^ b ^ key[1]);
  h = mix32(h ^ c ^ key[2]);
  return h >>> 3; // 29 bits
}

function padOf(key: Key, tag: number): bigint {
  const a = mix32(tag ^ key[3]) & MASK31;
  const b = mix32(a ^ key[1] ^ tag) & MASK31;
  const c = mix32(b ^ key[2] ^ tag) & MASK31;
  return BigInt(a) | (BigInt(b) << 31n) | (BigInt(c) << 62n);
}

export function encodeUuid(key: Key, address: DocAddress): string {
  const payload =
    (packRfc(address.rfc) << 37n) |
    (BigInt(address.direction === 'issued' ? 0 : 1) << 36n) |
    (BigInt(address.month) << 22n) |
    BigInt(address.index);
  const tag = tagOf(key, payload);
  const value = (BigInt(tag) << PAYLOAD_BITS) | (payload ^ padOf(key, tag));
  // 122 bits = 60 (around the version nibble) + 2 (in the variant nibble, 8..b) + 60.
  const high60 = value >> 62n;
  const low62 = value & ((1n << 62n) - 1n);
  const h = high60.toString(16).padStart(15, '0');
  const variant = (8 + Number(low62 >> 60n)).toString(16);
  const l = (low62 & ((1n << 60n) - 1n)).toString(16).padStart(15, '0');
  const digits = `${h.slice(0, 12)}4${h.slice(12)}${variant}${l}`;
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(
    20,
  )}`.toUpperCase();
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

export function decodeUuid(key: Key, uuid: string): DocAddress | undefined {
  const upper = uuid.trim().toUpperCase();
  if (!UUID.test(upper)) return undefined;
  const digits = upper.replaceAll('-', '');
  const high60 = BigInt(`0x${digits.slice(0, 12)}${digits.slice(13, 16)}`);
  const variantBits = BigInt(Number.parseInt(digits[16] as string, 16) - 8);
  const low60 = BigInt(`0x${digits.slice(17)}`);
  const value = (high60 << 62n) | (variantBits << 60n) | low60;
  const tag = Number(value >> PAYLOAD_BITS);
  const payload = (value & ((1n << PAYLOAD_BITS) - 1n)) ^ padOf(key, tag);
  if (tagOf(key, payload) !== tag) return undefined;
  const rfc = unpackRfc(payload >> 37n);
  if (rfc === undefined) return undefined;
  return {
    rfc,
    direction: ((payload >> 36n) & 1n) === 0n ? 'issued' : 'received',
    month: Number((payload >> 22n) & 0x3fffn),
    index: Number(payload & 0x3fffffn),
  };
}
