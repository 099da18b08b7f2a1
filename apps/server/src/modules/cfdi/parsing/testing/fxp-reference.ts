import { XMLParser } from 'fast-xml-parser';
import { decodeEntities } from '../entities.js';
import { CfdiParseError } from '../errors.js';
import {
  MAX_XML_DEPTH,
  type ParsedXml,
  REPEATABLE_ELEMENTS,
  rejectMarkupDeclarations,
  type XmlNode,
} from '../xml.js';

/** Adapter for fast-xml-parser's `entityDecoder` option (the reference parser of the equivalence test). */
const entityDecoder = {
  setExternalEntities: (_entities: Record<string, string>): void => {},
  addInputEntities: (_entities: Record<string, string>): void => {},
  reset: (): void => {},
  setXmlVersion: (_version: number): void => {},
  decode: decodeEntities,
};

/**
 * The parseXml that xml-scanner.ts replaced, kept unchanged as the oracle of the equivalence test
 * and of the scanner probe: fast-xml-parser with the options we used in production, the DTD pre-pass
 * and the truncation check. Tests only; nothing in the parse path imports this.
 */
export function referenceParseXml(xml: string): ParsedXml {
  rejectMarkupDeclarations(xml);
  let document: XmlNode;
  try {
    document = referenceParser.parse(xml) as XmlNode;
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (message.includes('nested tags')) {
      throw new CfdiParseError('XML_TOO_DEEP', `elements nest deeper than ${MAX_XML_DEPTH} levels`, {
        cause,
      });
    }
    throw new CfdiParseError('XML_MALFORMED', `malformed XML: ${message.slice(0, 200)}`, { cause });
  }
  const names = Object.keys(document);
  if (names.length === 0) {
    if (xml.trim() === '') throw new CfdiParseError('EMPTY_FILE', 'the file holds only whitespace');
    throw new CfdiParseError('XML_MALFORMED', 'no root element');
  }
  if (names.length > 1) throw new CfdiParseError('XML_MALFORMED', 'more than one root element or stray text');
  const rootName = names[0]!;
  const rootValue = document[rootName];
  if (Array.isArray(rootValue)) throw new CfdiParseError('XML_MALFORMED', 'more than one root element');
  assertEndsWithRoot(xml, rootName, rootValue);
  const root = typeof rootValue === 'object' && rootValue !== null ? (rootValue as XmlNode) : {};
  return { document, rootName, root };
}

function localName(qName: string): string {
  const i = qName.indexOf(':');
  return i < 0 ? qName : qName.slice(i + 1);
}

/** Exactly the production configuration before the scanner (fast-xml-parser 5.12). */
export const referenceParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  processEntities: true,
  entityDecoder,
  maxNestedTags: MAX_XML_DEPTH,
  jPath: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATABLE_ELEMENTS.has(localName(name)),
});

function assertEndsWithRoot(xml: string, rootName: string, rootValue: unknown): void {
  let end = xml.length;
  for (;;) {
    while (end > 0 && isXmlSpace(xml.charCodeAt(end - 1))) end--;
    if (xml.startsWith('-->', end - 3)) {
      const start = xml.lastIndexOf('<!--', end - 3);
      if (start === -1) break;
      end = start;
    } else if (xml.startsWith('?>', end - 2)) {
      const start = xml.lastIndexOf('<?', end - 2);
      if (start === -1) break;
      end = start;
    } else {
      break;
    }
  }
  const lastTag = xml.lastIndexOf('<', end - 1);
  if (lastTag !== -1 && xml.charCodeAt(end - 1) === 62 /* > */) {
    const tag = xml.slice(lastTag, end);
    if (tag.startsWith('</') && tag.slice(2, -1).trim() === rootName) return;
    const selfClosing = tag.endsWith('/>') && tag.startsWith(`<${rootName}`);
    const isEmpty =
      typeof rootValue !== 'object' || rootValue === null || !hasChildElement(rootValue as XmlNode);
    if (selfClosing && isEmpty) return;
  }
  throw new CfdiParseError('XML_MALFORMED', `the document does not end with </${rootName}> (truncated?)`);
}

function hasChildElement(node: XmlNode): boolean {
  for (const key in node) if (!key.startsWith('@') && key !== '#text') return true;
  return false;
}

const isXmlSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
