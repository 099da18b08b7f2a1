import { CfdiParseError } from './errors.js';
import { scanXml } from './xml-scanner.js';
import { ATTR, MAX_XML_DEPTH, REPEATABLE_ELEMENTS, TEXT_KEY } from './xml-shape.js';

export { ATTR, MAX_XML_DEPTH, REPEATABLE_ELEMENTS, TEXT_KEY };

export type XmlNode = Record<string, unknown>;

export interface ParsedXml {
  document: XmlNode;
  rootName: string;
  root: XmlNode;
}

/**
 * Parses a decoded XML string into the JSON representation (xml-scanner.ts). DTDs are refused before
 * the scanner sees them: no DOCTYPE means no entity can be declared, so XXE and entity bombs cannot
 * start. This pass runs first so that a DTD anywhere is DTD_FORBIDDEN, whatever else is wrong.
 */
export function parseXml(xml: string): ParsedXml {
  rejectMarkupDeclarations(xml);
  const document = scanXml(xml);
  const names = Object.keys(document);
  if (names.length === 0) {
    if (xml.trim() === '') throw new CfdiParseError('EMPTY_FILE', 'the file holds only whitespace');
    throw new CfdiParseError('XML_MALFORMED', 'no root element');
  }
  // The scanner allows one root element, but a root with a repeatable name is an array.
  const rootName = names[0]!;
  const rootValue = document[rootName];
  if (Array.isArray(rootValue)) {
    throw new CfdiParseError('XML_MALFORMED', `the root element cannot be <${rootName.slice(0, 60)}>`);
  }
  const root = typeof rootValue === 'object' && rootValue !== null ? (rootValue as XmlNode) : {};
  return { document, rootName, root };
}

/**
 * Any `<!` that is not a comment or CDATA section is a markup declaration (DOCTYPE, ENTITY, ELEMENT…).
 * One indexOf pass; comments and CDATA are skipped so their text cannot trigger false positives.
 */
export function rejectMarkupDeclarations(xml: string): void {
  let i = xml.indexOf('<!');
  while (i !== -1) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return; // unterminated: the scanner refuses it, or any `<!` it meets later
      i = xml.indexOf('<!', end + 3);
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) return;
      i = xml.indexOf('<!', end + 3);
    } else {
      throw new CfdiParseError('DTD_FORBIDDEN', 'DOCTYPE and entity declarations are not allowed');
    }
  }
}
