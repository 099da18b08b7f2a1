import { DOMParser, type Document, type Element, type Node } from '@xmldom/xmldom';

export const NS = {
  soap: 'http://schemas.xmlsoap.org/soap/envelope/',
  wsse: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd',
  wsu: 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  des: 'http://DescargaMasivaTerceros.sat.gob.mx',
  auth: 'http://DescargaMasivaTerceros.gob.mx',
} as const;

export class MalformedXmlError extends Error {
  override readonly name = 'MalformedXmlError';
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * Parses a SOAP message. DTDs are refused outright (no entity expansion, no external fetches), and any
 * well-formedness error becomes a `MalformedXmlError` instead of a partial tree.
 */
export function parseXml(source: string): Document {
  if (/<!DOCTYPE/i.test(source)) throw new MalformedXmlError('DTDs are not allowed');
  let failure: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning' && failure === undefined) failure = message;
    },
  });
  let doc: Document;
  try {
    doc = parser.parseFromString(source, 'text/xml');
  } catch (error) {
    throw new MalformedXmlError(error instanceof Error ? error.message : 'unparseable XML');
  }
  if (failure !== undefined || !doc.documentElement)
    throw new MalformedXmlError(failure ?? 'no root element');
  return doc;
}

export function isElement(node: Node | null | undefined): node is Element {
  return node?.nodeType === ELEMENT_NODE;
}

export function childElements(node: Node): Element[] {
  const result: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (isElement(child)) result.push(child);
  }
  return result;
}

/** First child element with this local name (case-insensitive, as SAT clients differ) and optional namespace. */
export function childElement(node: Node, localName: string, namespace?: string): Element | undefined {
  const wanted = localName.toLowerCase();
  return childElements(node).find(
    (el) =>
      el.localName?.toLowerCase() === wanted && (namespace === undefined || el.namespaceURI === namespace),
  );
}

/**
 * Drops whitespace-only text nodes between elements. The signed parts of these messages have no mixed
 * content, and recorded fixtures are pretty-printed after signing, so indentation is not part of what
 * was signed.
 */
export function stripInterElementWhitespace(node: Node): void {
  for (let child = node.firstChild; child; ) {
    const next = child.nextSibling;
    if (child.nodeType === TEXT_NODE && !(child.nodeValue ?? '').trim()) node.removeChild(child);
    else if (isElement(child)) stripInterElementWhitespace(child);
    child = next;
  }
}

export function textOf(node: Node | undefined): string {
  return (node?.textContent ?? '').trim();
}

/** Namespace declarations in scope at `node` (nearest wins), as xml-crypto's canonicalizers expect them. */
export function inScopeNamespaces(node: Node): { prefix: string; namespaceURI: string }[] {
  const seen = new Map<string, string>();
  for (let current: Node | null = node; current && isElement(current); current = current.parentNode) {
    const attrs = current.attributes;
    for (let i = 0; i < attrs.length; i++) {
      const attr = attrs.item(i);
      if (!attr) continue;
      const prefix =
        attr.name === 'xmlns' ? '' : attr.prefix === 'xmlns' ? (attr.localName ?? '') : undefined;
      if (prefix !== undefined && !seen.has(prefix)) seen.set(prefix, attr.value);
    }
  }
  return [...seen].map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

export function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
