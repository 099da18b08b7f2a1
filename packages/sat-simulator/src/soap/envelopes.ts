import { escapeXml, NS } from './xml.js';

/**
 * Response envelopes, shaped like the recorded SAT responses (fixtures under test-fixtures/sat/soap):
 * same elements, attribute names and order, namespace declarations and prefixes.
 */

const BODY_OPEN = `<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">`;

function attributes(values: [string, string | number | undefined][]): string {
  return values
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');
}

function soapTimestamp(date: Date): string {
  return date.toISOString();
}

export function autenticaResponse(token: string, created: Date, expires: Date): string {
  return (
    `<s:Envelope xmlns:s="${NS.soap}" xmlns:u="${NS.wsu}"><s:Header>` +
    `<o:Security xmlns:o="${NS.wsse}" s:mustUnderstand="1"><u:Timestamp u:Id="_0">` +
    `<u:Created>${soapTimestamp(created)}</u:Created><u:Expires>${soapTimestamp(expires)}</u:Expires>` +
    `</u:Timestamp></o:Security></s:Header><s:Body>` +
    `<AutenticaResponse xmlns="${NS.auth}"><AutenticaResult>${escapeXml(token)}</AutenticaResult></AutenticaResponse>` +
    `</s:Body></s:Envelope>`
  );
}

export type SolicitaElement =
  | 'SolicitaDescargaEmitidos'
  | 'SolicitaDescargaRecibidos'
  | 'SolicitaDescargaFolio';

export interface StatusAnswer {
  code: number;
  message: string;
}

export function solicitaResponse(
  operation: SolicitaElement,
  answer: StatusAnswer & { requestId?: string; rfcSolicitante?: string },
): string {
  const attrs = attributes([
    ['IdSolicitud', answer.requestId],
    ['RfcSolicitante', answer.rfcSolicitante],
    ['CodEstatus', answer.code],
    ['Mensaje', answer.message],
  ]);
  return (
    `<s:Envelope xmlns:s="${NS.soap}">${BODY_OPEN}<${operation}Response xmlns="${NS.des}">` +
    `<${operation}Result${attrs}/></${operation}Response></s:Body></s:Envelope>`
  );
}

export interface VerifyAnswer extends StatusAnswer {
  state: number;
  requestCode: number;
  count: number;
  packageIds: string[];
}

export function verificaResponse(answer: VerifyAnswer): string {
  const attrs = attributes([
    ['CodEstatus', answer.code],
    ['EstadoSolicitud', answer.state],
    ['CodigoEstadoSolicitud', answer.requestCode],
    ['NumeroCFDIs', answer.count],
    ['Mensaje', answer.message],
  ]);
  const ids = answer.packageIds.map((id) => `<IdsPaquetes>${escapeXml(id)}</IdsPaquetes>`).join('');
  const result = ids
    ? `<VerificaSolicitudDescargaResult${attrs}>${ids}</VerificaSolicitudDescargaResult>`
    : `<VerificaSolicitudDescargaResult${attrs}/>`;
  return (
    `<s:Envelope xmlns:s="${NS.soap}">${BODY_OPEN}<VerificaSolicitudDescargaResponse xmlns="${NS.des}">` +
    `${result}</VerificaSolicitudDescargaResponse></s:Body></s:Envelope>`
  );
}

/** Descargar's envelope around the Paquete text, split so the base64 can be streamed between the parts. */
export function descargaEnvelopeParts(answer: StatusAnswer): { head: string; tail: string } {
  const header =
    `<h:respuesta${attributes([
      ['CodEstatus', answer.code],
      ['Mensaje', answer.message],
    ])}` +
    ` xmlns:h="${NS.des}" xmlns="${NS.des}" xmlns:xsd="http://www.w3.org/2001/XMLSchema"` +
    ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>`;
  return {
    head:
      `<s:Envelope xmlns:s="${NS.soap}"><s:Header>${header}</s:Header>${BODY_OPEN}` +
      `<RespuestaDescargaMasivaTercerosSalida xmlns="${NS.des}"><Paquete>`,
    tail: `</Paquete></RespuestaDescargaMasivaTercerosSalida></s:Body></s:Envelope>`,
  };
}

export function descargaResponse(answer: StatusAnswer): string {
  const { head, tail } = descargaEnvelopeParts(answer);
  return head + tail;
}
