/** The years of a taxpayer's SAT requests (`SatYearsCard`). */
export const satYearsEsMX = {
  title: 'Años',
  intro: 'Un año está completo cuando sus CFDI y su metadata, emitidos y recibidos, están descargados.',
  empty: 'Aún no hay años solicitados.',
  complete: 'Completo',
  upToDate: 'Al día',
  incomplete: 'Incompleto',
  ready: (done: number, total: number) => `${done} de ${total} solicitudes terminadas`,
  active: (n: number) => (n === 1 ? '1 en proceso con el SAT' : `${n} en proceso con el SAT`),
  failed: (n: number) => (n === 1 ? '1 detenida: revísala abajo' : `${n} detenidas: revísalas abajo`),
  missing: 'Falta',
  parts: {
    'cfdi.issued': 'CFDI emitidos',
    'cfdi.received': 'CFDI recibidos',
    'metadata.issued': 'metadata emitidos',
    'metadata.received': 'metadata recibidos',
  },
};
export type SatYearsMessages = typeof satYearsEsMX;
