import {
  dateTimeColumn,
  type ExportColumn,
  moneyColumn,
  textColumn,
} from '../../../platform/tabular/index.js';
import type { CfdiItem, MetadataItem } from '../cfdi.search.repository.js';

const text = textColumn;
const amount = moneyColumn;
const date = dateTimeColumn;
const WIDE = { width: 38 };

// Headers in Spanish: the people opening these files are contadores.
export const CFDI_COLUMNS: ExportColumn<CfdiItem>[] = [
  text('UUID', (r) => r.uuid, WIDE),
  text('Estado', (r) => r.status),
  text('Tipo', (r) => r.tipo),
  text('Versión', (r) => r.version),
  text('Serie', (r) => r.serie),
  text('Folio', (r) => r.folio),
  date('Fecha', (r) => r.issuedAt),
  date('Fecha de timbrado', (r) => r.certifiedAt),
  text('RFC emisor', (r) => r.emisorRfc),
  text('Nombre emisor', (r) => r.emisorNombre, WIDE),
  text('RFC receptor', (r) => r.receptorRfc),
  text('Nombre receptor', (r) => r.receptorNombre, WIDE),
  text('Moneda', (r) => r.moneda),
  amount('Tipo de cambio', (r) => r.tipoCambio),
  amount('Subtotal', (r) => r.subtotal),
  amount('Descuento', (r) => r.descuento),
  amount('IVA trasladado', (r) => r.traslados.iva),
  amount('IEPS trasladado', (r) => r.traslados.ieps),
  amount('ISR trasladado', (r) => r.traslados.isr),
  amount('ISR retenido', (r) => r.retenciones.isr),
  amount('IVA retenido', (r) => r.retenciones.iva),
  amount('IEPS retenido', (r) => r.retenciones.ieps),
  amount('Total', (r) => r.total),
  // A payment's total is 0 by rule: what it received is in its Pago nodes.
  amount('Monto pagado', (r) => r.paid?.total ?? null),
  text('Moneda del pago', (r) => (r.paid ? (r.paid.moneda ?? 'varias') : null)),
  text('Método de pago', (r) => r.metodoPago),
  text('Forma de pago', (r) => r.formaPago),
  text('Complementos', (r) => r.complementos.join(' ')),
  date('Fecha de cancelación', (r) => r.cancelledAt),
];

export const METADATA_COLUMNS: ExportColumn<MetadataItem>[] = [
  text('UUID', (r) => r.uuid, WIDE),
  text('RFC emisor', (r) => r.emisorRfc),
  text('Nombre emisor', (r) => r.emisorNombre, WIDE),
  text('RFC receptor', (r) => r.receptorRfc),
  text('Nombre receptor', (r) => r.receptorNombre, WIDE),
  text('RFC PAC', (r) => r.rfcPac),
  date('Fecha de emisión', (r) => r.issuedAt),
  date('Fecha de certificación', (r) => r.certifiedAt),
  amount('Monto', (r) => r.monto),
  text('Efecto', (r) => r.efecto),
  text('Estatus', (r) => r.status),
  date('Fecha de cancelación', (r) => r.cancelledAt),
  text('RFC a cuenta de terceros', (r) => r.terceroRfc),
  text('Nombre a cuenta de terceros', (r) => r.terceroNombre, WIDE),
  text('CFDI descargado', (r) => (r.hasCfdi ? 'sí' : 'no')),
];
