/** Building blocks of the hostile-input tests: a minimal CFDI 4.0 around whatever is injected. */
export const CFDI_OPEN =
  '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Version="4.0" Total="1.00" TipoDeComprobante="I">';
export const TFD =
  '<cfdi:Complemento><tfd:TimbreFiscalDigital xmlns:tfd="http://www.sat.gob.mx/TimbreFiscalDigital" Version="1.1" UUID="00000000-0000-4000-8000-000000000001"/></cfdi:Complemento>';
export const cfdiAround = (inner: string): string =>
  `${CFDI_OPEN}<cfdi:Emisor Rfc="AAA010101AAA"/>${inner}${TFD}</cfdi:Comprobante>`;
