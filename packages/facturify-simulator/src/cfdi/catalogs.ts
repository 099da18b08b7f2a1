/** The SAT catalogue values the simulator checks (subsets of the CFDI 4.0 catalogues, doc §4). */
export const REGIMENES = new Set(
  '601 603 605 606 607 608 609 610 611 612 614 615 616 620 621 622 623 624 625 626'.split(' '),
);
export const USOS_CFDI = new Set(
  'G01 G02 G03 I01 I02 I03 I04 I05 I06 I07 I08 D01 D02 D03 D04 D05 D06 D07 D08 D09 D10 S01 CP01 CN01'.split(
    ' ',
  ),
);
export const FORMAS_PAGO = new Set(
  '01 02 03 04 05 06 08 12 13 14 15 17 23 24 25 26 27 28 29 30 31 99'.split(' '),
);
export const IMPUESTOS = new Set('001 002 003'.split(' '));
export const TIPOS_FACTOR = new Set('Tasa Cuota Exento'.split(' '));
export const EXPORTACION = new Set('01 02 03 04'.split(' '));
export const OBJETO_IMP = new Set('01 02 03 04 05 06 07 08'.split(' '));
export const TIPOS_RELACION = new Set('01 02 03 04 05 06 07'.split(' '));
export const TIPOS = { ingreso: 'I', egreso: 'E', traslado: 'T' } as const;
export type Tipo = keyof typeof TIPOS;

/** Personas morales: 3 letters; físicas: 4 (doc §4.1). Ñ and & are valid RFC letters. */
export const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$/;
export const CP = /^[0-9]{5}$/;
export const UUID = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
export const PUBLICO_EN_GENERAL = 'XAXX010101000';
export const EXTRANJERO = 'XEXX010101000';
/** The SAT's test PAC RFC, used in sandbox stamps. */
export const RFC_PROV_CERTIF = 'SPR190613I52';
/** The SAT's public test certificate number (CSD of EKU9003173C9). */
export const NO_CERTIFICADO = '30001000000500003416';
export const NO_CERTIFICADO_SAT = '30001000000500003456';
