/** Small, plausible catalogues the generator draws from (SAT c_* keys are real; prices are invented). */

export interface Product {
  clave: string;
  unidad: string;
  unidadNombre: string;
  descripcion: string;
  service: boolean;
  /** IVA rate in millionths (160000 = 16 %). */
  iva: number;
  /** Unit price range in cents. */
  minCents: number;
  maxCents: number;
}

const service = (clave: string, descripcion: string, minPesos: number, maxPesos: number): Product => ({
  clave,
  unidad: 'E48',
  unidadNombre: 'Unidad de servicio',
  descripcion,
  service: true,
  iva: 160_000,
  minCents: minPesos * 100,
  maxCents: maxPesos * 100,
});

const good = (
  clave: string,
  unidad: string,
  unidadNombre: string,
  descripcion: string,
  minPesos: number,
  maxPesos: number,
  iva = 160_000,
): Product => ({
  clave,
  unidad,
  unidadNombre,
  descripcion,
  service: false,
  iva,
  minCents: minPesos * 100,
  maxCents: maxPesos * 100,
});

export const PRODUCTS: readonly Product[] = [
  service('81111500', 'Desarrollo de software a la medida', 8_000, 90_000),
  service('84111501', 'Servicios de contabilidad mensual', 2_500, 18_000),
  service('80101500', 'Consultoría en administración de empresas', 5_000, 60_000),
  service('78101802', 'Flete terrestre de mercancía', 1_800, 35_000),
  service('72101500', 'Mantenimiento preventivo de instalaciones', 1_500, 25_000),
  service('86101700', 'Curso de capacitación para personal', 3_000, 40_000),
  service('81161700', 'Servicio de telecomunicaciones e internet', 600, 9_000),
  service('80131502', 'Arrendamiento de local comercial', 9_000, 70_000),
  service('80141628', 'Comisión por intermediación', 300, 12_000),
  good('43211503', 'H87', 'Pieza', 'Computadora portátil 14 pulgadas', 9_000, 32_000),
  good('44121618', 'XBX', 'Caja', 'Papel bond tamaño carta, caja con 10 paquetes', 650, 1_300),
  good('31161500', 'H87', 'Pieza', 'Tornillo hexagonal de acero galvanizado', 2, 40),
  good('39121700', 'H87', 'Pieza', 'Interruptor termomagnético', 150, 2_400),
  good('25172504', 'H87', 'Pieza', 'Llanta radial para camioneta', 1_800, 5_500),
  good('47131700', 'XBX', 'Caja', 'Material de limpieza institucional', 250, 2_200),
  good('50221101', 'KGM', 'Kilogramo', 'Frijol negro a granel', 25, 60, 0),
  good('50161509', 'KGM', 'Kilogramo', 'Azúcar estándar', 20, 45, 0),
  good('24112700', 'H87', 'Pieza', 'Tarima de madera', 120, 450),
  good('40141700', 'H87', 'Pieza', 'Válvula de bronce de 1/2 pulgada', 90, 1_100),
];

export const MORAL_HEADS = [
  'COMERCIALIZADORA',
  'DISTRIBUIDORA',
  'SERVICIOS',
  'GRUPO',
  'CONSTRUCTORA',
  'TRANSPORTES',
  'ALIMENTOS',
  'TECNOLOGIA',
  'INDUSTRIAS',
  'CONSULTORES',
  'FERRETERA',
  'LOGISTICA',
  'INMOBILIARIA',
  'PAPELERIA',
];

export const MORAL_TAILS = [
  'DEL NORTE',
  'AZTECA',
  'DEL PACIFICO',
  'DEL BAJIO',
  'INTEGRAL',
  'MONARCA',
  'HERNANDEZ Y ASOCIADOS',
  'SAN MIGUEL',
  'LA PROVIDENCIA',
  'DEL GOLFO',
  'MAYA',
  'EL TREBOL',
  'ANDINA',
  'VALLE ALTO',
  'OCHOA',
  'PEÑA BLANCA',
];

/** 3.3 CFDI carried the capital regime in the name; 4.0 must match the Constancia, which omits it. */
export const LEGAL_FORMS = ['SA DE CV', 'S DE RL DE CV', 'SC', 'SAPI DE CV', 'SA DE CV'];

export const GIVEN_NAMES = [
  'MARIA',
  'JOSE',
  'JUAN',
  'GUADALUPE',
  'FRANCISCO',
  'ANA',
  'LUIS',
  'VERONICA',
  'CARLOS',
  'PATRICIA',
  'JORGE',
  'ALEJANDRA',
  'MIGUEL',
  'SOFIA',
  'RICARDO',
  'NOEMI',
];

export const SURNAMES = [
  'HERNANDEZ',
  'GARCIA',
  'MARTINEZ',
  'LOPEZ',
  'GONZALEZ',
  'PEREZ',
  'RODRIGUEZ',
  'SANCHEZ',
  'RAMIREZ',
  'CRUZ',
  'FLORES',
  'GOMEZ',
  'MUÑOZ',
  'ORTIZ',
  'CASTILLO',
  'IBARRA',
  'URIBE',
  'ESPINOZA',
];

/** PAC RFCs seen as RfcProvCertif in public stamped samples. */
export const PACS = [
  { rfc: 'SAT970701NN3', noCertificado: '00001000000505211329' },
  { rfc: 'SFE0807172W7', noCertificado: '00001000000504204971' },
  { rfc: 'CVD110412TF6', noCertificado: '00001000000509846663' },
  { rfc: 'FIN1203015JA', noCertificado: '00001000000506544234' },
  { rfc: 'TBN040609RKA', noCertificado: '00001000000505142236' },
  { rfc: 'SNF171020F3A', noCertificado: '00001000000507383611' },
] as const;

export const STATES = ['CMX', 'JAL', 'NLE', 'MEX', 'PUE', 'GTO', 'QRO', 'YUC', 'SON', 'VER'];

export const USOS_INGRESO = ['G01', 'G03', 'G03', 'I04', 'G01'];
export const FORMAS_PAGO = ['03', '03', '03', '04', '28', '01', '02'];
