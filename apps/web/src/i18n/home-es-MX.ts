/** The start page, *Inicio* (Spanish, Mexico): the reference shape for `home-en.ts`. */
export const homeEsMX = {
  title: 'Inicio',
  intro:
    'Tus contribuyentes de un vistazo: lo que llegó este mes, lo que necesita tu atención y lo que falta en la bóveda.',
  months: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'septiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  emptyTitle: 'Aún no hay contribuyentes',
  emptyText:
    'Registra la e.firma de tu primer contribuyente: Bóveda pedirá sus CFDI al SAT y aquí verás cómo va cada uno.',
  emptyAction: 'Registrar una e.firma',
  totalsLabel: 'Resumen de la organización',
  totalTaxpayers: 'Contribuyentes',
  totalThisMonth: (month: string) => `CFDI de ${month}`,
  issuedReceived: (issued: number, received: number) => `${issued} emitidos · ${received} recibidos`,
  totalAttention: 'Solicitudes que requieren atención',
  totalExpiring: 'e.firmas por vencer (30 días)',
  totalMissing: 'XML faltantes',
  lastSync: 'Última sincronización con el SAT',
  neverSynced: 'Todavía no',
  thisMonth: (month: string) => `CFDI de ${month}`,
  issuedLink: (n: number) => `${n} emitidos`,
  receivedLink: (n: number) => `${n} recibidos`,
  efirma: 'e.firma',
  efirmaUntil: (date: string) => `Vigente hasta el ${date}`,
  efirmaExpiring: (days: number) => (days === 1 ? 'Vence en 1 día' : `Vence en ${days} días`),
  efirmaExpired: 'Vencida: las descargas del SAT se detienen hasta registrar una nueva',
  missingXml: 'XML faltantes',
  missingXmlText: (n: number) =>
    n === 1
      ? '1 CFDI está en la metadata del SAT pero su XML no está en la bóveda.'
      : `${n} CFDI están en la metadata del SAT pero su XML no está en la bóveda.`,
  noMissingXml: 'Ninguno: cada CFDI de la metadata tiene su XML.',
  attention: 'Requieren atención',
  attentionNone: 'Ninguna solicitud detenida.',
  attentionCode: (code: number) => `Código ${code}`,
  attentionMore: (n: number) => `y ${n} más`,
  openRequests: 'Ver solicitudes SAT',
  openChart: 'Ver gráfica',
};

export type HomeMessages = typeof homeEsMX;
