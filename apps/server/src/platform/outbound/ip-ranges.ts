import { isIPv4, isIPv6 } from 'node:net';

/**
 * Special-purpose address ranges (IANA IPv4/IPv6 special registries) an outbound request to a
 * user-given URL must not reach. `kind` lets configuration open only what it means to open:
 * OUTBOUND_ALLOW_PRIVATE allows `private`, `loopback` and `cgnat`, never link-local (cloud metadata
 * at 169.254.169.254 / fd00:ec2::254 is link-local or ULA) nor the rest.
 */
export type RangeKind =
  | 'private'
  | 'loopback'
  | 'cgnat'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'ipv4-mapped'
  | 'ipv4-translated';

export const PRIVATE_KINDS: ReadonlySet<RangeKind> = new Set(['private', 'loopback', 'cgnat']);

const V4: [string, number, RangeKind][] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

// Order matters: the first match wins, so the exact ::/128 and ::1/128 come before ::/96.
const V6: [string, number, RangeKind][] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::ffff:0:0', 96, 'ipv4-mapped'],
  ['::', 96, 'ipv4-mapped'],
  ['64:ff9b::', 96, 'ipv4-translated'],
  ['64:ff9b:1::', 48, 'ipv4-translated'],
  ['100::', 64, 'reserved'],
  ['2001::', 32, 'ipv4-translated'],
  ['2001:10::', 28, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['2002::', 16, 'ipv4-translated'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

function v4ToBigInt(ip: string): bigint {
  return ip.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function v6ToBigInt(ip: string): bigint {
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    // Embedded IPv4 tail (::ffff:127.0.0.1): rewrite it as two hex groups.
    const v4 = v4ToBigInt(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => Number.parseInt(h, 16)));
  const [head = '', rest] = text.split('::');
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const zeros = rest === undefined ? [] : Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right].reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

function compile(list: [string, number, RangeKind][], bits: number, toInt: (ip: string) => bigint) {
  return list.map(([base, prefix, kind]) => {
    const shift = BigInt(bits - prefix);
    return { network: toInt(base) >> shift, shift, kind };
  });
}

const V4_RANGES = compile(V4, 32, v4ToBigInt);
const V6_RANGES = compile(V6, 128, v6ToBigInt);

/** The special range an IP address belongs to, or undefined for a public unicast address. */
export function classifyAddress(address: string): RangeKind | undefined {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(ip)) {
    const n = v4ToBigInt(ip);
    return V4_RANGES.find((r) => n >> r.shift === r.network)?.kind;
  }
  if (isIPv6(ip)) {
    const n = v6ToBigInt(ip.toLowerCase());
    return V6_RANGES.find((r) => n >> r.shift === r.network)?.kind;
  }
  // Not an IP at all: refuse rather than guess.
  return 'reserved';
}
