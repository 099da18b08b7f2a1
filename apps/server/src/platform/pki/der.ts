/**
 * A minimal DER reader: enough to look inside small, untrusted ASN.1 structures (an uploaded key's
 * algorithm parameters) before handing them to anything expensive. Strict DER only: definite
 * lengths of at most 4 bytes, every element inside its parent. Errors are DerError, whose message
 * names the problem, never the bytes.
 */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

export interface DerNode {
  tag: number;
  /** Offset of the first content byte in the buffer. */
  start: number;
  /** One past the last content byte. */
  end: number;
}

export function readNode(buf: Uint8Array, offset: number, limit = buf.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated element');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not expected here');
  let length = buf[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0) throw new DerError('indefinite length is not DER');
    if (count > 4) throw new DerError('element too long');
    if (start + count > limit) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError('element runs past its parent');
  return { tag, start, end };
}

/** The elements directly inside a constructed element, in order. */
export function childrenOf(buf: Uint8Array, node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  for (let at = node.start; at < node.end; ) {
    const child = readNode(buf, at, node.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`${what} is missing or of the wrong type`);
  return node;
}

/** Dotted OID text (`1.2.840.113549.1.5.13`). */
export function readOid(buf: Uint8Array, node: DerNode): string {
  expectTag(node, TAG.OID, 'object identifier');
  if (node.end - node.start > 64) throw new DerError('object identifier too long');
  const arcs: bigint[] = [];
  let value = 0n;
  for (let i = node.start; i < node.end; i++) {
    const byte = buf[i]!;
    value = (value << 7n) | BigInt(byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0n;
    }
  }
  if (arcs.length === 0 || buf[node.end - 1]! & 0x80) throw new DerError('malformed object identifier');
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** A non-negative INTEGER as a bigint (so an absurd value is compared, not rounded). */
export function readUnsigned(buf: Uint8Array, node: DerNode): bigint {
  expectTag(node, TAG.INTEGER, 'integer');
  if (node.end === node.start) throw new DerError('empty integer');
  if (buf[node.start]! & 0x80) throw new DerError('negative integer');
  let value = 0n;
  for (let i = node.start; i < node.end; i++) value = (value << 8n) | BigInt(buf[i]!);
  return value;
}
