import { satCatalogs, satName } from '@boveda/contracts';

/**
 * Reads line items and document-level taxes out of the CFDI JSON (`document` of
 * GET /api/v1/cfdi/{uuid}): element names keep their prefix (`cfdi:Concepto`), attributes are
 * `@Name` strings, and CFDI 3.2 writes attribute names in lower case, so lookups go by local name
 * and ignore case.
 */
type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const localName = (key: string) => key.slice(key.indexOf(':') + 1).toLowerCase();

function child(node: Node | undefined, name: string): unknown {
  if (!node) return undefined;
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(node)) if (!k.startsWith('@') && localName(k) === want) return v;
  return undefined;
}

function children(node: Node | undefined, name: string): Node[] {
  const v = child(node, name);
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(isNode);
}

function attr(node: Node, name: string): string | null {
  const want = `@${name}`.toLowerCase();
  for (const [k, v] of Object.entries(node)) if (k.toLowerCase() === want && typeof v === 'string') return v;
  return null;
}

function root(document: unknown): Node | undefined {
  if (!isNode(document)) return undefined;
  const value = Object.values(document).find(isNode);
  return value;
}

export interface Concepto {
  clave: string | null;
  cantidad: string | null;
  unidad: string | null;
  descripcion: string | null;
  valorUnitario: string | null;
  importe: string | null;
}

export function conceptosOf(document: unknown): Concepto[] {
  const conceptos = children(root(document), 'Conceptos')[0];
  return children(conceptos, 'Concepto').map((c) => ({
    clave: attr(c, 'ClaveProdServ') ?? attr(c, 'noIdentificacion'),
    cantidad: attr(c, 'Cantidad'),
    unidad: attr(c, 'ClaveUnidad') ?? attr(c, 'Unidad'),
    descripcion: attr(c, 'Descripcion'),
    valorUnitario: attr(c, 'ValorUnitario'),
    importe: attr(c, 'Importe'),
  }));
}

export interface TaxLine {
  kind: 'traslado' | 'retencion';
  impuesto: string;
  tasa: string | null;
  base: string | null;
  importe: string | null;
}

/** The Comprobante-level Impuestos (Traslados and Retenciones), as the document writes them. */
export function taxLinesOf(document: unknown): TaxLine[] {
  const impuestos = children(root(document), 'Impuestos')[0];
  const lines: TaxLine[] = [];
  const read = (group: string, item: string, kind: TaxLine['kind']) => {
    for (const g of children(impuestos, group)) {
      for (const t of children(g, item)) {
        const code = attr(t, 'Impuesto') ?? '';
        lines.push({
          kind,
          // c_Impuesto's names are the taxes' own short names (ISR, IVA, IEPS); 3.2 wrote the name itself.
          impuesto: satName(satCatalogs.c_Impuesto, code) ?? code,
          tasa: attr(t, 'TasaOCuota') ?? attr(t, 'tasa'),
          base: attr(t, 'Base'),
          importe: attr(t, 'Importe'),
        });
      }
    }
  };
  read('Traslados', 'Traslado', 'traslado');
  read('Retenciones', 'Retencion', 'retencion');
  return lines;
}
