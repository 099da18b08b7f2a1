import {
  type InvoicePreview,
  invoiceEdited,
  invoiceFailureCodes,
  invoiceFieldNames,
  invoiceStateChanged,
} from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { staleKeys } from '../../api/live.js';
import { describeError } from '../../i18n/describe-error.js';
import { en } from '../../i18n/en.js';
import { esMX } from '../../i18n/es-MX.js';
import {
  checkText,
  editsOf,
  failureText,
  fieldGroups,
  fieldViews,
  hasEdits,
  neighbour,
  nextAfter,
} from './invoice-fields.js';
import { uploadGroups } from './UploadZone.js';

const m = esMX.inbox;

const preview = (
  fields: InvoicePreview['fields'],
  checks: InvoicePreview['checks'] = [],
): InvoicePreview => ({
  fields,
  taxes: {
    items: [{ kind: 'traslado', impuesto: '002', tasa: '0.160000', importe: '160.00' }],
    source: 'text',
    confidence: 0.95,
  },
  conceptos: { items: [], source: 'text', confidence: 0.95 },
  checks,
});

describe('the validation form groups every field once', () => {
  it('covers each field of the contract in exactly one group', () => {
    const grouped = fieldGroups.flatMap((g) => g.fields);
    expect([...grouped].sort()).toEqual([...invoiceFieldNames].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
  });

  it('reads the groups in CFDI order with Spanish titles', () => {
    expect(fieldGroups.map((g) => m.groups[g.id])).toEqual([
      'Comprobante',
      'Emisor',
      'Receptor',
      'Importes',
      'Pago',
    ]);
    expect(fieldGroups.find((g) => g.id === 'importes')?.fields).toContain('total');
  });
});

describe('low-confidence fields are highlighted', () => {
  const invoice = {
    preview: preview(
      {
        uuid: { value: '6F2A2D8C-1D3B-4C9E-9A1F-5B7C3D2E1F00', source: 'qr', confidence: 0.98 },
        total: { value: '1160.00', source: 'ocr', confidence: 0.72 },
        emisorRfc: { value: 'EKU9003173C9', source: 'text', confidence: 0.9 },
        folio: { value: null, source: 'ocr', confidence: 0.1 },
        receptorNombre: { value: 'ACME', source: 'ocr', confidence: 0.95 },
      },
      [
        {
          code: 'TOTAL_MISMATCH',
          ok: false,
          message: 'Subtotal plus taxes is not the total.',
          fields: ['subtotal'],
        },
        { code: 'RFC_FORMAT', ok: true, message: 'fine', fields: ['emisorRfc'] },
      ],
    ),
    finalData: null,
    lowConfidenceFields: ['receptorNombre' as const],
  };
  const views = fieldViews(invoice);

  it('under 0.9 is low; exactly 0.9 is not', () => {
    expect(views.total).toMatchObject({
      value: '1160.00',
      source: 'ocr',
      confidence: 0.72,
      lowConfidence: true,
    });
    expect(views.emisorRfc.lowConfidence).toBe(false);
    expect(views.uuid.lowConfidence).toBe(false);
  });

  it('an empty value has nothing to doubt, and the server list wins', () => {
    expect(views.folio.lowConfidence).toBe(false);
    expect(views.receptorNombre.lowConfidence).toBe(true);
  });

  it('fields named by a failed check are flagged; a passed check flags nothing', () => {
    expect(views.subtotal.failedCheck).toBe(true);
    expect(views.emisorRfc.failedCheck).toBe(false);
  });

  it('fields nobody read are empty, without a source', () => {
    expect(views.metodoPago).toMatchObject({
      value: null,
      source: null,
      confidence: null,
      lowConfidence: false,
    });
  });

  it('once processed, the confirmed values are shown', () => {
    const done = fieldViews({
      ...invoice,
      finalData: { fields: { total: '1200.00' }, taxes: [], conceptos: [] },
    });
    expect(done.total.value).toBe('1200.00');
    expect(done.uuid.value).toBe('6F2A2D8C-1D3B-4C9E-9A1F-5B7C3D2E1F00');
  });
});

describe('texts for codes', () => {
  it('a known check code in Spanish; an unknown one keeps the English message', () => {
    expect(checkText({ code: 'DUPLICATE_IN_INBOX', message: 'The inbox already has…' }, m)).toBe(
      'La bandeja ya tiene este CFDI (mismo UUID).',
    );
    expect(checkText({ code: 'SOMETHING_NEW', message: 'A new check failed.' }, m)).toBe(
      'A new check failed.',
    );
  });

  it('every failure code has a Spanish and an English text; unknown codes show the message', () => {
    for (const code of invoiceFailureCodes) {
      expect(failureText({ code, message: 'x' }, m)).not.toBe('x');
      expect(failureText({ code, message: 'x' }, en.inbox)).not.toBe('x');
    }
    expect(failureText({ code: 'PDF_ENCRYPTED', message: 'encrypted' }, m)).toBe(
      'El PDF está protegido con contraseña. Sube una copia sin protección.',
    );
    expect(failureText({ code: 'NEW_CODE', message: 'Something new.' }, m)).toBe('Something new.');
  });

  it('the inbox API errors are Spanish', () => {
    const error = (code: string, status: number) =>
      new ApiError({ type: 'about:blank', title: 'x', status, code, requestId: 'req-1' });
    expect(describeError(error('INVOICE_EDIT_CONFLICT', 409), esMX)).toEqual({
      message: 'Alguien más modificó esta factura. Revisa los cambios y vuelve a intentarlo.',
      requestId: 'req-1',
    });
    expect(describeError(error('INVOICE_INCOMPLETE', 422), esMX).message).toMatch(
      /^Faltan datos obligatorios/,
    );
    expect(describeError(error('INVOICE_WRONG_STATE', 409), esMX).message).toMatch(
      /^La factura cambió de estado/,
    );
  });
});

describe('what a person changed', () => {
  const views = fieldViews({
    preview: preview({
      total: { value: '1160.00', source: 'ocr', confidence: 0.7 },
      folio: { value: 'A1', source: 'text', confidence: 0.95 },
    }),
    finalData: null,
    lowConfidenceFields: [],
  });
  const taxes = [
    { kind: 'traslado' as const, impuesto: '002' as const, tasa: '0.160000', importe: '160.00' },
  ];

  it('sends only fields whose text differs, trimmed; an emptied field is null', () => {
    const edits = editsOf(
      { fields: { total: ' 1160.00 ', folio: '', serie: 'B ' }, taxes: null },
      views,
      taxes,
    );
    expect(edits).toEqual({ fields: { folio: null, serie: 'B' } });
    expect(hasEdits(editsOf({ fields: { total: '1160.00' }, taxes: null }, views, taxes))).toBe(false);
  });

  it('sends the taxes only when a row differs', () => {
    expect(editsOf({ fields: {}, taxes: [{ ...taxes[0]!, importe: '160.00 ' }] }, views, taxes)).toEqual({});
    expect(
      editsOf({ fields: {}, taxes: [{ ...taxes[0]!, importe: '161.00', tasa: ' ' }] }, views, taxes),
    ).toEqual({
      taxes: [{ kind: 'traslado', impuesto: '002', tasa: null, importe: '161.00' }],
    });
    expect(editsOf({ fields: {}, taxes: [] }, views, taxes)).toEqual({ taxes: [] });
  });

  it('sends the conceptos only when a row differs; blank optional cells are null', () => {
    const concepto = {
      claveProdServ: '84111506',
      cantidad: '1',
      claveUnidad: 'E48',
      descripcion: 'Honorarios',
      valorUnitario: '1000.00',
      importe: '1000.00',
      descuento: null,
    };
    const same = { fields: {}, taxes: null, conceptos: [{ ...concepto, descripcion: 'Honorarios ' }] };
    expect(editsOf(same, views, taxes, [concepto])).toEqual({});
    const changed = {
      fields: {},
      taxes: null,
      conceptos: [{ ...concepto, claveUnidad: ' ', importe: '900.00' }],
    };
    expect(editsOf(changed, views, taxes, [concepto])).toEqual({
      conceptos: [{ ...concepto, claveUnidad: null, importe: '900.00' }],
    });
  });
});

describe('the waiting queue', () => {
  const queue = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('after confirming goes to the next, else the previous, else nowhere', () => {
    expect(nextAfter(queue, 'a')).toBe('b');
    expect(nextAfter(queue, 'c')).toBe('b');
    expect(nextAfter([{ id: 'a' }], 'a')).toBeNull();
    expect(nextAfter(queue, 'gone')).toBe('a');
  });

  it('J/K move one step and stop at the ends', () => {
    expect(neighbour(queue, 'b', 1)).toBe('c');
    expect(neighbour(queue, 'b', -1)).toBe('a');
    expect(neighbour(queue, 'c', 1)).toBeNull();
    expect(neighbour(queue, 'a', -1)).toBeNull();
  });
});

describe('uploads', () => {
  const file = (name: string) => new File(['x'], name);

  it('sends each file alone, but an XML with the PDF of the same name together', () => {
    const groups = uploadGroups([
      file('F-100.pdf'),
      file('foto.jpg'),
      file('f-100.XML'),
      file('otra.pdf'),
      file('sola.xml'),
    ]);
    expect(groups.map((g) => g.map((f) => f.name))).toEqual([
      ['F-100.pdf', 'f-100.XML'],
      ['foto.jpg'],
      ['otra.pdf'],
      ['sola.xml'],
    ]);
  });
});

describe('live updates', () => {
  const event = (type: string, payload: unknown) => ({
    id: '1',
    type,
    version: 1,
    tenantId: 't',
    aggregate: 'invoice:x',
    payload,
    occurredAt: '2026-12-04T00:00:00Z',
    actor: null,
    requestId: null,
  });

  it('an invoice event makes the lists, the counts and that invoice stale', () => {
    for (const type of [invoiceStateChanged.type, invoiceEdited.type]) {
      expect(staleKeys(event(type, { invoiceId: 'inv-1' }))).toEqual([
        ['invoices', 'list'],
        ['invoices', 'summary'],
        ['invoices', 'detail', 'inv-1'],
      ]);
    }
    expect(staleKeys(event('something.else', {}))).toEqual([]);
  });
});
