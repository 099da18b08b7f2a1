/** Small pools of realistic Mexican names and places; combinations give plenty of variety. */

export const GIVEN_NAMES = [
  'JUAN',
  'MARIA',
  'JOSE',
  'GUADALUPE',
  'LUIS',
  'ANA',
  'CARLOS',
  'FERNANDA',
  'JORGE',
  'SOFIA',
  'MIGUEL',
  'VALERIA',
  'ALEJANDRO',
  'DANIELA',
  'RICARDO',
  'PATRICIA',
  'FRANCISCO',
  'GABRIELA',
] as const;

export const SURNAMES = [
  'HERNANDEZ',
  'GARCIA',
  'MARTINEZ',
  'LOPEZ',
  'GONZALEZ',
  'RODRIGUEZ',
  'PEREZ',
  'SANCHEZ',
  'RAMIREZ',
  'TORRES',
  'FLORES',
  'RIVERA',
  'GOMEZ',
  'DIAZ',
  'CRUZ',
  'MORALES',
  'REYES',
  'GUTIERREZ',
  'ORTIZ',
  'RUIZ',
] as const;

export const COMPANY_HEADS = [
  'COMERCIALIZADORA',
  'DISTRIBUIDORA',
  'SERVICIOS',
  'GRUPO',
  'ABARROTES',
  'FERRETERIA',
  'TRANSPORTES',
  'CONSTRUCTORA',
  'AGROPECUARIA',
  'IMPORTADORA',
  'TECNOLOGIA',
  'CONSULTORIA',
  'PAPELERIA',
  'FARMACIAS',
] as const;

export const COMPANY_TAILS = [
  'DEL NORTE',
  'DEL BAJIO',
  'INTEGRALES',
  'AZTECA',
  'DEL PACIFICO',
  'MONTERREY',
  'DE OCCIDENTE',
  'PENINSULAR',
  'DEL CENTRO',
  'HIDALGO',
  'LAS AMERICAS',
  'SAN JUAN',
  'TOLTECA',
  'DEL GOLFO',
] as const;

export const LEGAL_FORMS = ['SA DE CV', 'S DE RL DE CV', 'SAPI DE CV', 'SC'] as const;

/** Régimen fiscal catalogue keys (c_RegimenFiscal) by persona type. */
export const REGIMEN_MORAL = ['601', '603', '620', '623', '624', '626'] as const;
export const REGIMEN_FISICA = ['605', '606', '608', '612', '621', '625', '626'] as const;

export const USO_CFDI = ['G01', 'G03', 'I01', 'I04', 'S01'] as const;

export const STREETS = [
  'AV. INSURGENTES SUR',
  'CALLE 5 DE MAYO',
  'AV. REFORMA',
  'CALLE MORELOS',
  'AV. JUAREZ',
  'CALLE HIDALGO',
  'BLVD. MANUEL AVILA CAMACHO',
  'CALLE ALLENDE',
  'AV. CONSTITUCION',
  'CALLE GUERRERO',
  'AV. VALLARTA',
] as const;

export const COLONIAS = [
  'CENTRO',
  'DEL VALLE',
  'ROMA NORTE',
  'CONDESA',
  'OBRERA',
  'INDUSTRIAL',
  'JARDINES',
  'LAS FLORES',
  'SAN RAFAEL',
  'LOMAS',
  'REFORMA',
  'MODERNA',
] as const;

/** State (c_Estado key and name) with a few municipios and its postal-code prefix. */
export const PLACES = [
  {
    estado: 'CMX',
    nombre: 'CIUDAD DE MEXICO',
    cp: '0',
    municipios: ['CUAUHTEMOC', 'BENITO JUAREZ', 'COYOACAN'],
  },
  { estado: 'JAL', nombre: 'JALISCO', cp: '44', municipios: ['GUADALAJARA', 'ZAPOPAN', 'TLAQUEPAQUE'] },
  { estado: 'NLE', nombre: 'NUEVO LEON', cp: '64', municipios: ['MONTERREY', 'SAN PEDRO GARZA GARCIA'] },
  { estado: 'PUE', nombre: 'PUEBLA', cp: '72', municipios: ['PUEBLA', 'CHOLULA'] },
  { estado: 'GUA', nombre: 'GUANAJUATO', cp: '37', municipios: ['LEON', 'IRAPUATO', 'CELAYA'] },
  { estado: 'YUC', nombre: 'YUCATAN', cp: '97', municipios: ['MERIDA', 'VALLADOLID'] },
  { estado: 'QUE', nombre: 'QUERETARO', cp: '76', municipios: ['QUERETARO', 'CORREGIDORA'] },
  { estado: 'BCN', nombre: 'BAJA CALIFORNIA', cp: '22', municipios: ['TIJUANA', 'MEXICALI'] },
] as const;

/** Purchasable items: SKU, description, unit (c_ClaveUnidad) and a unit price range in cents. */
export const PRODUCTS = [
  { sku: 'PAP-001', description: 'PAPEL BOND CARTA CAJA 5000 HOJAS', unit: 'H87', min: 45_000, max: 78_000 },
  { sku: 'TON-221', description: 'TONER LASER NEGRO', unit: 'H87', min: 89_000, max: 240_000 },
  { sku: 'CEM-050', description: 'CEMENTO GRIS SACO 50 KG', unit: 'H87', min: 19_000, max: 28_000 },
  { sku: 'VAR-38', description: 'VARILLA CORRUGADA 3/8 PULGADA', unit: 'H87', min: 12_000, max: 21_000 },
  { sku: 'DIE-001', description: 'DIESEL', unit: 'LTR', min: 2_300, max: 2_700 },
  {
    sku: 'SRV-MNT',
    description: 'SERVICIO DE MANTENIMIENTO PREVENTIVO',
    unit: 'E48',
    min: 150_000,
    max: 900_000,
  },
  { sku: 'LAP-014', description: 'LAPTOP 14 PULGADAS 16GB RAM', unit: 'H87', min: 1_450_000, max: 2_800_000 },
  { sku: 'CAF-1KG', description: 'CAFE DE GRANO 1 KG', unit: 'KGM', min: 28_000, max: 52_000 },
  { sku: 'FLE-LOC', description: 'FLETE LOCAL', unit: 'E48', min: 80_000, max: 350_000 },
  { sku: 'LIM-GAL', description: 'LIMPIADOR MULTIUSOS GALON', unit: 'H87', min: 9_000, max: 16_000 },
] as const;
