import type { CatalogImportRejection, SuggestionKind } from '@boveda/contracts';

/** The accounting catalogue page and the suggestions on an invoice (Spanish, Mexico): the shape `catalog-en.ts` follows. */
export const catalogEsMX = {
  title: 'Catálogo contable',
  intro:
    'Las categorías de gasto y las cuentas contables de la organización. Se eligen al validar cada factura de la bandeja y salen en las exportaciones y en lo que envían los conectores.',
  viewerNotice: 'Tu rol es de solo lectura: puedes ver el catálogo, pero no cambiarlo.',
  kinds: { category: 'Categoría', account: 'Cuenta contable' } as Record<'category' | 'account', string>,
  kindsPlural: { category: 'Categorías', account: 'Cuentas contables' } as Record<
    'category' | 'account',
    string
  >,
  // List
  tableCaption: 'Entradas del catálogo',
  colCode: 'Clave',
  colName: 'Nombre',
  colKind: 'Tipo',
  colSatCode: 'Código agrupador',
  colStatus: 'Estado',
  colActions: 'Acciones',
  active: 'Activa',
  inactive: 'Desactivada',
  empty: 'Aún no hay categorías ni cuentas. Agrégalas una por una o importa un CSV.',
  emptyFiltered: 'Ninguna entrada coincide con la búsqueda.',
  noMore: 'No hay más entradas.',
  filterKind: 'Tipo',
  filterAllKinds: 'Todos',
  filterActive: 'Estado',
  activeOptions: { true: 'Activas', false: 'Desactivadas', all: 'Todas' } as Record<
    'true' | 'false' | 'all',
    string
  >,
  search: 'Buscar por clave o nombre',
  edit: 'Editar',
  save: 'Guardar',
  saving: 'Guardando…',
  cancel: 'Cancelar',
  deactivate: 'Desactivar',
  activate: 'Reactivar',
  // New entry
  newTitle: 'Nueva categoría o cuenta',
  code: 'Clave',
  codeHint: 'Letras, números, puntos o guiones (p. ej. VIATICOS o 601.84.01). No se puede cambiar después.',
  name: 'Nombre',
  satCode: 'Código agrupador del SAT',
  satCodeHint: 'Para cuentas: el código del Anexo 24 (p. ej. 601.84).',
  parentCode: 'Clave de la cuenta padre',
  create: 'Agregar',
  creating: 'Agregando…',
  created: (code: string) => `Se agregó ${code}.`,
  // Import
  importTitle: 'Importar desde CSV',
  importIntro:
    'Un archivo CSV (UTF-8, separado por comas o punto y coma, como lo guarda Excel) con encabezado: tipo (categoria o cuenta), clave, nombre y, si quieres, codigo_agrupador, cuenta_padre y activo (sí o no). Las claves nuevas se agregan; las que ya existen se actualizan.',
  importFile: 'Archivo CSV',
  importButton: 'Importar',
  importing: 'Importando…',
  importResult: (created: number, updated: number, unchanged: number) =>
    `${created} agregadas, ${updated} actualizadas, ${unchanged} sin cambios.`,
  importRejected: (n: number) => (n === 1 ? '1 línea no se importó:' : `${n} líneas no se importaron:`),
  importLine: (line: number) => `Línea ${line}`,
  rejectionReasons: {
    MISSING_COLUMN_VALUE: 'faltan el tipo, la clave o el nombre',
    INVALID_KIND: 'el tipo debe ser «categoria» o «cuenta»',
    INVALID_CODE: 'la clave tiene caracteres no permitidos',
    INVALID_NAME: 'el nombre no es válido',
    INVALID_SAT_CODE: 'el código agrupador no es válido',
    INVALID_ACTIVE: '«activo» debe ser sí o no',
    DUPLICATE_IN_FILE: 'la clave ya está en una línea anterior',
    TOO_MANY_COLUMNS: 'tiene más columnas que el encabezado',
  } satisfies Record<CatalogImportRejection['code'], string>,
  // Suggestion stats
  statsTitle: 'Sugerencias en la bandeja',
  statsIntro:
    'Bóveda aprende de las facturas confirmadas de cada proveedor y sugiere la categoría, la cuenta, el uso CFDI, la forma y el método de pago, y las correcciones que se repiten.',
  statsCaption: 'Sugerencias por tipo',
  colSuggestionKind: 'Sugerencia',
  colOffered: 'Ofrecidas',
  colAccepted: 'Aceptadas',
  colDismissed: 'Descartadas',
  acceptanceRate: (percent: string) => `Tasa de aceptación: ${percent}`,
  noDecisions: 'Aún no se ha aceptado ni descartado ninguna sugerencia.',
  suggestionKinds: {
    category: 'Categoría',
    account: 'Cuenta contable',
    usoCfdi: 'Uso CFDI',
    formaPago: 'Forma de pago',
    metodoPago: 'Método de pago',
    correction: 'Corrección de lectura',
  } satisfies Record<SuggestionKind, string>,
  // On the invoice
  accountingTitle: 'Clasificación contable',
  category: 'Categoría',
  account: 'Cuenta contable',
  none: 'Sin asignar',
  inactiveCode: (code: string) => `${code} (desactivada)`,
  suggestionsTitle: 'Sugerencias',
  evidence: (matching: number, of: number) =>
    matching === of
      ? `${matching === 1 ? 'la última factura' : `las últimas ${of} facturas`} de este proveedor`
      : `${matching} de las últimas ${of} facturas de este proveedor`,
  correctionEvidence: (matching: number, of: number) =>
    `corregido así en ${matching} de las últimas ${of} facturas de este proveedor`,
  suggestionOf: (what: string, value: string) => `${what}: ${value}`,
  accept: 'Aceptar',
  dismiss: 'Descartar',
  fromRules: 'Aprendida de facturas confirmadas',
  fromLlm: 'Sugerida por el modelo de lenguaje',
  llmBadge: 'Sugerido por IA',
  llmEvidence: (model: string) => `propuesta por el modelo ${model} a partir del catálogo`,
  bySource: (rules: string, llm: string) => `Por origen: reglas ${rules} · IA ${llm}.`,
  bySourceCounts: (offered: string, accepted: string, dismissed: string) =>
    `${offered} ofrecidas, ${accepted} aceptadas, ${dismissed} descartadas`,
  audit: {
    actions: {
      'catalog_entry.created': 'Entrada del catálogo contable creada',
      'catalog_entry.updated': 'Entrada del catálogo contable modificada',
      'catalog_entry.imported': 'Catálogo contable importado desde CSV',
    },
    targetTypes: { catalog_entry: 'Entrada del catálogo contable', catalog: 'Catálogo contable' },
  },
};

export type CatalogMessages = typeof catalogEsMX;
