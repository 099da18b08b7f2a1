import { normalizeDecimal } from './decimal.js';
import { CfdiParseError } from './errors.js';
import { ATTR, type XmlNode } from './xml.js';

/** Element value as an object (an empty element `<a/>` parses as ''). */
export function asNode(value: unknown): XmlNode | undefined {
  if (Array.isArray(value)) return asNode(value[0]);
  return typeof value === 'object' && value !== null ? (value as XmlNode) : value === '' ? {} : undefined;
}

/** All occurrences of a child element, whatever the shape the parser gave it. */
export function asNodes(value: unknown): XmlNode[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map((v) => asNode(v) ?? {});
  const node = asNode(value);
  return node ? [node] : [];
}

/** Attribute value as written (already trimmed by the parser), null when absent or empty. */
export function attr(node: XmlNode | undefined, name: string): string | null {
  const v = node?.[ATTR + name];
  return typeof v === 'string' && v !== '' ? v : null;
}

/** First attribute present among spellings that changed between versions (e.g. RFCEmisor / RfcE). */
export function attrOf(node: XmlNode | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const v = attr(node, name);
    if (v !== null) return v;
  }
  return null;
}

export function rfc(node: XmlNode | undefined, ...names: string[]): string | null {
  const v = attrOf(node, ...names);
  // Trimmed and upper-cased: templates carry ' AAA010101AAA', and search is by exact RFC.
  return v === null ? null : v.trim().toUpperCase() || null;
}

/** Money/decimal attribute normalized (see decimal.ts); INVALID_AMOUNT when it is not a decimal. */
export function money(node: XmlNode | undefined, name: string, minScale = 2): string | null {
  const v = attr(node, name);
  if (v === null) return null;
  const n = normalizeDecimal(v, minScale);
  if (n === null)
    throw new CfdiParseError('INVALID_AMOUNT', `${name}="${v.slice(0, 40)}" is not a decimal amount`);
  return n;
}

export function moneyOf(node: XmlNode | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const v = money(node, name);
    if (v !== null) return v;
  }
  return null;
}

export function prefixOf(qName: string): string {
  const i = qName.indexOf(':');
  return i < 0 ? '' : qName.slice(0, i);
}

export function localNameOf(qName: string): string {
  const i = qName.indexOf(':');
  return i < 0 ? qName : qName.slice(i + 1);
}

/** Namespace of an element: its own xmlns declaration first, then the root's. */
export function namespaceOf(qName: string, node: XmlNode | undefined, root: XmlNode): string | null {
  const prefix = prefixOf(qName);
  const key = prefix ? `${ATTR}xmlns:${prefix}` : `${ATTR}xmlns`;
  const own = node?.[key];
  if (typeof own === 'string') return own;
  const inherited = root[key];
  return typeof inherited === 'string' ? inherited : null;
}

/** Child element keys of a node, in document order (attributes and text excluded). */
export function elementKeys(node: XmlNode): string[] {
  const keys: string[] = [];
  for (const key in node) if (!key.startsWith(ATTR) && key !== '#text') keys.push(key);
  return keys;
}
