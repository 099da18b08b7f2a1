import { XMLParser } from 'fast-xml-parser';
import { entityDecoder } from './entities.js';
import { CfdiParseError } from './errors.js';

/** Attribute keys carry this prefix, text content is under TEXT_KEY (the xmltodict convention). */
export const ATTR = '@';
export const TEXT_KEY = '#text';

/** Real CFDI nest about 8 levels (Carta Porte ~10); addenda rarely beyond 20. Bounds the parser stack. */
export const MAX_XML_DEPTH = 100;

/**
 * Elements that the Anexo 20 and complement XSDs declare repeatable (maxOccurs > 1), by local name.
 * They are always arrays in the JSON, even with one occurrence, so consumers never branch on shape.
 */
export const REPEATABLE_ELEMENTS: ReadonlySet<string> = new Set([
  // CFDI 3.2 / 3.3 / 4.0
  'CfdiRelacionados',
  'CfdiRelacionado',
  'Concepto',
  'Traslado',
  'Retencion',
  'InformacionAduanera',
  'CuentaPredial',
  'Parte',
  'RegimenFiscal', // 3.2: element under Emisor (in 3.3/4.0 it is an attribute, which this never touches)
  'Complemento',
  'Addenda',
  // Pagos 1.0 / 2.0
  'Pago',
  'DoctoRelacionado',
  'TrasladoDR',
  'RetencionDR',
  'TrasladoP',
  'RetencionP',
  // Nómina 1.1 / 1.2
  'Percepcion',
  'Deduccion',
  'OtroPago',
  'Incapacidad',
  'HorasExtra',
  'SubContratacion',
  // Retenciones
  'ImpRetenidos',
  'CfdiRetenRelacionados',
  // frequent complements
  'Ubicacion',
  'Mercancia',
  'TiposFigura',
  'Remolque',
  'RetencionesLocales',
  'TrasladosLocales',
  'Leyenda',
]);

function localName(qName: string): string {
  const i = qName.indexOf(':');
  return i < 0 ? qName : qName.slice(i + 1);
}

// One instance for the process: building the options and entity tables per document costs time.
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: ATTR,
  textNodeName: TEXT_KEY,
  parseAttributeValue: false, // amounts, RFCs and folios stay strings (no float rounding, no lost zeros)
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  processEntities: true,
  entityDecoder, // XML's five entities and numeric references only (entities.ts)
  maxNestedTags: MAX_XML_DEPTH,
  jPath: false,
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && REPEATABLE_ELEMENTS.has(localName(name)),
});

export type XmlNode = Record<string, unknown>;

export interface ParsedXml {
  document: XmlNode;
  rootName: string;
  root: XmlNode;
}

/**
 * Parses a decoded XML string into the JSON representation. DTDs are refused before the parser sees
 * them: no DOCTYPE means no entity can be declared, so XXE and entity bombs cannot start.
 */
export function parseXml(xml: string): ParsedXml {
  rejectMarkupDeclarations(xml);
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
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

/**
 * Any `<!` that is not a comment or CDATA section is a markup declaration (DOCTYPE, ENTITY, ELEMENT…).
 * One indexOf pass; comments and CDATA are skipped so their text cannot trigger false positives.
 */
function rejectMarkupDeclarations(xml: string): void {
  let i = xml.indexOf('<!');
  while (i !== -1) {
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) return; // unterminated comment: the parser reports it
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

/**
 * fast-xml-parser accepts unclosed elements, so a truncated file would parse as a shorter document.
 * A complete document ends with the root's end tag (or is a self-closing root), then only
 * whitespace, comments or processing instructions.
 */
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
  for (const key in node) if (!key.startsWith(ATTR) && key !== TEXT_KEY) return true;
  return false;
}

const isXmlSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
