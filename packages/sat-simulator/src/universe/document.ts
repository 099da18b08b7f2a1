import {
  type Amounts,
  creditAmounts,
  invoiceAmounts,
  type NominaAmounts,
  nominaAmounts,
  type PaymentAmounts,
  paymentAmounts,
} from './amounts.js';
import { formatNaive } from './calendar.js';
import { FORMAS_PAGO, PACS, USOS_INGRESO } from './catalog.js';
import { bodyRng, complementosOf, type DocHeader, headerOf, type Ledger } from './ledger.js';
import { type Employee, nameFor, type Party } from './parties.js';
import type { Key } from './prng.js';
import { renderCfdi } from './render-cfdi.js';
import type { DocumentType, GeneratedCfdi } from './types.js';
import { encodeUuid } from './uuid-codec.js';

/** Everything a renderer needs; derived from (ledger, header) alone, so rendering is reproducible. */
export interface DocModel {
  header: DocHeader;
  ledger: Ledger;
  uuid: string;
  issuer: Party;
  receiver: Party;
  issuerName: string;
  /** Empty when an old 3.3 CFDI omitted Receptor@Nombre. */
  receiverName: string;
  serie: string;
  folio: string;
  formaPago: string | undefined;
  metodoPago: 'PUE' | 'PPD' | undefined;
  usoCfdi: string;
  amounts: Amounts;
  total: number;
  nomina?: { amounts: NominaAmounts; employee: Employee };
  /** The invoice a P pays or an E credits (same issuer → receiver, one month earlier). */
  related?: DocModel;
  payment?: { amounts: PaymentAmounts; paidSec: number; formaPago: string };
  thirdParty?: Party;
}

const SERIES: Record<DocumentType, string> = { I: 'A', E: 'NC', P: 'CP', N: 'NOM', T: 'TR' };

function withLineFeed(name: string): string {
  const space = name.indexOf(' ');
  return space < 0 ? name : `${name.slice(0, space)}\n${name.slice(space + 1)}`;
}

function usoCfdi(header: DocHeader, pick: () => string): string {
  const v40 = header.version === '4.0';
  switch (header.type) {
    case 'P':
      return v40 ? 'CP01' : 'P01';
    case 'N':
      return v40 ? 'CN01' : 'P01';
    case 'T':
      return v40 ? 'S01' : 'P01';
    case 'E':
      return 'G02';
    default:
      return pick();
  }
}

const EMPTY: Amounts = {
  concepts: [],
  subtotal: 0,
  descuento: 0,
  traslados: [],
  retenciones: [],
  totalTraslados: 0,
  totalRetenciones: 0,
  total: 0,
};

export function buildModel(key: Key, ledger: Ledger, header: DocHeader): DocModel {
  const { pools, direction } = ledger;
  const rng = bodyRng(ledger, header.month, header.index);
  const employee = header.type === 'N' ? pools.employees[header.counterpart] : undefined;
  const other = (employee ?? pools.counterparts[header.counterpart]) as Party;
  const issuer = direction === 'issued' ? pools.self : other;
  const receiver = direction === 'issued' ? other : pools.self;
  let issuerName = nameFor(issuer, header.version);
  let receiverName = header.receiverNameMissing ? '' : nameFor(receiver, header.version);
  if (header.lineFeedInName) {
    if (direction === 'issued') receiverName = withLineFeed(receiverName);
    else issuerName = withLineFeed(issuerName);
  }
  const thirdParty = header.thirdParty === undefined ? undefined : pools.thirdParties[header.thirdParty];
  const model: DocModel = {
    header,
    ledger,
    uuid: encodeUuid(key, { rfc: ledger.rfc, direction, month: header.month, index: header.index }),
    issuer,
    receiver,
    issuerName,
    receiverName,
    serie: SERIES[header.type],
    folio: String(header.month * ledger.perMonth + header.index + 1),
    formaPago: undefined,
    metodoPago: undefined,
    usoCfdi: usoCfdi(header, () => rng.pick(USOS_INGRESO)),
    amounts: EMPTY,
    total: 0,
    ...(thirdParty ? { thirdParty } : {}),
  };
  switch (header.type) {
    case 'I':
      model.amounts = invoiceAmounts(rng, issuer, receiver, thirdParty);
      model.metodoPago = header.ppd ? 'PPD' : 'PUE';
      model.formaPago = header.ppd ? '99' : rng.pick(FORMAS_PAGO);
      break;
    case 'E': {
      model.related = buildModel(key, ledger, headerOf(ledger, header.month - 1, header.index));
      model.amounts = creditAmounts(rng, model.related.amounts);
      model.metodoPago = 'PUE';
      model.formaPago = '03';
      break;
    }
    case 'P': {
      model.related = buildModel(key, ledger, headerOf(ledger, header.month - 1, header.index));
      const earliest = model.related.header.issuedSec + 1;
      const paidSec = Math.max(earliest, header.issuedSec - rng.int(0, 10 * 86_400));
      model.payment = {
        amounts: paymentAmounts(rng, model.related.amounts),
        paidSec,
        formaPago: rng.pick(FORMAS_PAGO),
      };
      break;
    }
    case 'N': {
      const amounts = nominaAmounts(rng, employee as Employee);
      model.nomina = { amounts, employee: employee as Employee };
      model.metodoPago = 'PUE';
      break;
    }
    default:
      break;
  }
  if (header.type !== 'N') model.total = model.amounts.total;
  else model.total = model.nomina?.amounts.net ?? 0;
  return model;
}

export function moneyTotal(model: DocModel): string {
  // P and T carry SubTotal="0" Total="0", exactly as the SAT samples write them.
  if (model.header.type === 'P' || model.header.type === 'T') return '0';
  const cents = model.total;
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export class Cfdi implements GeneratedCfdi {
  readonly uuid: string;
  readonly version: '4.0' | '3.3';
  readonly documentType: DocumentType;
  readonly issuerRfc: string;
  readonly issuerName: string;
  readonly receiverRfc: string;
  readonly receiverName: string;
  readonly pacRfc: string;
  readonly issuedAt: string;
  readonly certifiedAt: string;
  readonly total: string;
  readonly status: 'vigente' | 'cancelado';
  readonly cancelledAt?: string;
  readonly thirdParty?: { rfc: string; name: string };
  readonly complementos: string[];
  private readonly model: DocModel;

  constructor(model: DocModel) {
    const { header } = model;
    this.model = model;
    this.uuid = model.uuid;
    this.version = header.version;
    this.documentType = header.type;
    this.issuerRfc = model.issuer.rfc;
    this.issuerName = model.issuerName;
    this.receiverRfc = model.receiver.rfc;
    this.receiverName = model.receiverName;
    this.pacRfc = (PACS[header.pac] ?? PACS[0]).rfc;
    this.issuedAt = formatNaive(header.issuedSec);
    this.certifiedAt = formatNaive(header.certifiedSec);
    this.total = moneyTotal(model);
    this.status = header.cancelledSec === undefined ? 'vigente' : 'cancelado';
    if (header.cancelledSec !== undefined) this.cancelledAt = formatNaive(header.cancelledSec);
    if (model.thirdParty) this.thirdParty = { rfc: model.thirdParty.rfc, name: model.thirdParty.baseName };
    this.complementos = complementosOf(header);
  }

  xml(): string {
    return renderCfdi(this.model);
  }
}
