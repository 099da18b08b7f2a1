import { extractComprobante, extractComprobante32 } from './comprobante.js';
import { decodeXml } from './decode.js';
import { CfdiParseError } from './errors.js';
import { attr, localNameOf, namespaceOf, prefixOf } from './nodes.js';
import { extractRetenciones } from './retenciones.js';
import type { CfdiFields, ParseCfdiOptions, ParsedCfdi } from './types.js';
import { parseXml } from './xml.js';

export const CFDI_NAMESPACES = {
  cfd4: 'http://www.sat.gob.mx/cfd/4',
  cfd3: 'http://www.sat.gob.mx/cfd/3',
  retenciones1: 'http://www.sat.gob.mx/esquemas/retencionpago/1',
  retenciones2: 'http://www.sat.gob.mx/esquemas/retencionpago/2',
} as const;

/**
 * Parses one CFDI (4.0, 3.3, 3.2) or Retenciones (1.0, 2.0) document: the whole document as JSON
 * plus normalized fields. One decode and one parse pass; throws CfdiParseError with a stable code.
 */
export function parseCfdi(xml: Buffer | string, options: ParseCfdiOptions = {}): ParsedCfdi {
  const text = decodeXml(xml, options.maxBytes);
  const { document, rootName, root } = parseXml(text);
  const fields = extractFields(rootName, root, options.allowMissingUuid ?? false);
  return { ...fields, document };
}

function extractFields(
  rootName: string,
  root: Record<string, unknown>,
  allowMissingUuid: boolean,
): CfdiFields {
  const local = localNameOf(rootName);
  const ns = namespaceOf(rootName, root, root);
  const prefix = prefixOf(rootName);
  const p = prefix ? `${prefix}:` : '';
  if (local === 'Comprobante' && ns === CFDI_NAMESPACES.cfd4) {
    const version = attr(root, 'Version');
    if (version !== '4.0') throw unsupported(`CFDI namespace cfd/4 with Version="${version ?? ''}"`);
    return extractComprobante(root, p, '4.0', allowMissingUuid);
  }
  if (local === 'Comprobante' && ns === CFDI_NAMESPACES.cfd3) {
    if (attr(root, 'Version') === '3.3') return extractComprobante(root, p, '3.3', allowMissingUuid);
    if (attr(root, 'version') === '3.2') return extractComprobante32(root, p, allowMissingUuid);
    throw unsupported(
      `CFDI namespace cfd/3 with version "${attr(root, 'Version') ?? attr(root, 'version') ?? ''}"`,
    );
  }
  if (local === 'Retenciones' && ns === CFDI_NAMESPACES.retenciones1) {
    return extractRetenciones(root, p, '1.0', allowMissingUuid);
  }
  if (local === 'Retenciones' && ns === CFDI_NAMESPACES.retenciones2) {
    return extractRetenciones(root, p, '2.0', allowMissingUuid);
  }
  if (local === 'Comprobante' && ns?.startsWith('http://www.sat.gob.mx/cfd/')) {
    throw unsupported(`CFDI namespace ${ns}`);
  }
  throw new CfdiParseError(
    'NOT_CFDI',
    `root element <${rootName.slice(0, 60)}> in namespace ${ns ?? '(none)'} is not a CFDI`,
  );
}

const unsupported = (what: string) => new CfdiParseError('UNSUPPORTED_VERSION', `unsupported ${what}`);
