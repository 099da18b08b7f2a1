import { CP, FORMAS_PAGO, REGIMENES, RFC, USOS_CFDI } from '../cfdi/catalogs.js';
import { RULE, validateFactura } from '../cfdi/validate.js';
import type { SimState } from '../context.js';
import { type Answer, type FieldError, plainError, validationError } from '../http/answer.js';
import type { Fault } from '../state/faults.js';
import { OBSERVED_FAILURE } from '../state/invoices.js';
import type { Cliente } from '../state/records.js';

const notFound = (what: string) => plainError(404, `No se encontró ${what}`, '404');

/**
 * Laravel-style page of a listing: `?page=1&limit=50&orderBy=created_at&sort=ASC&search=` (doc §1.7) →
 * `{data, current_page, per_page, total, last_page}`. limit is clamped to 1..100.
 */
export function paginate<T extends object>(
  items: T[],
  query: URLSearchParams,
  searchable: (item: T) => string,
): Answer {
  const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
  const limit = Math.min(100, Math.max(1, Number.parseInt(query.get('limit') ?? '50', 10) || 50));
  const search = (query.get('search') ?? '').trim().toLowerCase();
  const orderBy = query.get('orderBy') ?? 'created_at';
  const descending = (query.get('sort') ?? 'ASC').toUpperCase() === 'DESC';
  const found = search ? items.filter((i) => searchable(i).toLowerCase().includes(search)) : [...items];
  const key = (i: T) => (i as Record<string, unknown>)[orderBy];
  // Stable sort on the field (insertion order breaks ties); unknown fields keep insertion order.
  const sorted = found
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const x = key(a.item);
      const y = key(b.item);
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : String(x ?? '').localeCompare(String(y ?? ''));
      return (descending ? -c : c) || a.index - b.index;
    })
    .map((e) => e.item);
  return {
    status: 200,
    body: {
      data: sorted.slice((page - 1) * limit, page * limit),
      current_page: page,
      per_page: limit,
      total: sorted.length,
      last_page: Math.max(1, Math.ceil(sorted.length / limit)),
    },
  };
}

// --- empresa ---------------------------------------------------------------------------------------

export function listEmpresas(state: SimState, query: URLSearchParams): Answer {
  return paginate(state.parties.listEmpresas(), query, (e) => `${e.rfc} ${e.razon_social} ${e.uuid}`);
}

export function getEmpresa(state: SimState, uuid: string): Answer {
  const empresa = state.parties.empresa(uuid);
  if (!empresa) throw notFound('la empresa');
  return { status: 200, body: { code: 0, message: 'OK', data: empresa } };
}

// --- cliente ---------------------------------------------------------------------------------------

type ClienteFields = Omit<
  Cliente,
  'id' | 'uuid' | 'organizacion_uuid' | 'activo' | 'created_at' | 'updated_at'
>;

/** `{razon_social, rfc, email, uso_cfdi, metodo_de_pago?, forma_de_pago, tarjeta_ultimos_4digitos?}` (doc §1.7). */
function clienteFields(state: SimState, input: Record<string, unknown>, base?: Cliente): ClienteFields {
  const errors: FieldError[] = [];
  const value = (key: string): string | null => {
    const v = input[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (typeof v === 'number') return String(v);
    const old = base?.[key as keyof Cliente];
    return typeof old === 'string' ? old : null;
  };
  const need = (key: string) => {
    const v = value(key);
    if (v === null)
      errors.push({ field: key, message: `El campo ${key} es obligatorio.`, code: RULE.required });
    return v;
  };
  const check = (key: string, v: string | null, ok: (v: string) => boolean, code: number = RULE.format) => {
    if (v !== null && !ok(v)) errors.push({ field: key, message: `El campo ${key} no es válido.`, code });
  };
  const razon = need('razon_social');
  const rfc = need('rfc')?.toUpperCase() ?? null;
  check('rfc', rfc, (v) => RFC.test(v));
  const email = need('email');
  check('email', email, (v) => /^[^@\s]+@[^@\s]+$/.test(v));
  const uso = need('uso_cfdi');
  check('uso_cfdi', uso, (v) => USOS_CFDI.has(v), RULE.catalog);
  const forma = need('forma_de_pago');
  check('forma_de_pago', forma, (v) => FORMAS_PAGO.has(v), RULE.catalog);
  const metodo = value('metodo_de_pago');
  check('metodo_de_pago', metodo, (v) => v === 'PUE' || v === 'PPD', RULE.catalog);
  const tarjeta = value('tarjeta_ultimos_4digitos');
  check('tarjeta_ultimos_4digitos', tarjeta, (v) => /^\d{4}$/.test(v));
  const regimen = value('regimen_fiscal') ?? value('regimen');
  check('regimen_fiscal', regimen, (v) => REGIMENES.has(v), RULE.catalog);
  const cp = value('codigo_postal') ?? value('domicilio_fiscal') ?? value('cp');
  check('codigo_postal', cp, (v) => CP.test(v));
  const empresaUuid = value('empresa_uuid') ?? state.parties.listEmpresas()[0]?.uuid ?? null;
  if (!empresaUuid || !state.parties.empresa(empresaUuid))
    errors.push({ field: 'empresa_uuid', message: 'La empresa no existe.', code: RULE.notFound });
  if (errors.length) throw validationError(errors);
  return {
    razon_social: razon!,
    rfc: rfc!,
    email: email!,
    uso_cfdi: uso!,
    metodo_de_pago: metodo,
    forma_de_pago: forma!,
    tarjeta_ultimos_4digitos: tarjeta,
    regimen_fiscal: regimen,
    codigo_postal: cp,
    empresa_uuid: empresaUuid!,
  };
}

export function createCliente(state: SimState, input: Record<string, unknown>): Answer {
  const cliente = state.parties.addCliente(clienteFields(state, input));
  return { status: 200, body: { message: 'Cliente registrado correctamente', code: 0, data: cliente } };
}

export function updateCliente(state: SimState, uuid: string, input: Record<string, unknown>): Answer {
  const current = state.parties.cliente(uuid);
  if (!current) throw notFound('el cliente');
  const cliente = state.parties.updateCliente(uuid, clienteFields(state, input, current))!;
  return { status: 200, body: { message: 'Cliente actualizado correctamente', code: 0, data: cliente } };
}

export function getCliente(state: SimState, uuid: string): Answer {
  const cliente = state.parties.cliente(uuid);
  if (!cliente) throw notFound('el cliente');
  return { status: 200, body: { code: 0, message: 'OK', data: cliente } };
}

export function listClientes(state: SimState, query: URLSearchParams): Answer {
  return paginate(
    state.parties.listClientes(),
    query,
    (c) => `${c.rfc} ${c.razon_social} ${c.email} ${c.uuid}`,
  );
}

// --- factura ---------------------------------------------------------------------------------------

/** POST /api/v1/factura: 422 on a bad request; otherwise 200 stamped, 200 code 70, or 200 success:false. */
export function createFactura(state: SimState, input: Record<string, unknown>, fault?: Fault): Answer {
  const draft = validateFactura(input, {
    empresa: (uuid) => state.parties.empresa(uuid),
    cliente: (uuid) => state.parties.cliente(uuid),
  });
  const failure =
    fault?.kind === 'stamp_error'
      ? { code: fault.code ?? OBSERVED_FAILURE.code, message: fault.message ?? OBSERVED_FAILURE.message }
      : undefined;
  const body = state.invoices.create(draft, {
    async: fault?.kind === 'async',
    ...(failure ? { failure } : {}),
  });
  return { status: 200, body };
}

function stamped(state: SimState, id: string) {
  const f = state.invoices.find(id);
  if (!f) throw notFound('la factura');
  return f;
}

export function getFactura(state: SimState, id: string): Answer {
  const f = stamped(state, id);
  if (f.status === 'queued')
    return {
      status: 200,
      body: {
        success: true,
        code: '70',
        message: 'La factura está en proceso de timbrado',
        data: { job_id: f.job_id, status: 'queued' },
      },
    };
  if (f.status === 'error')
    return {
      status: 200,
      body: { ...state.invoices.view(f).error, data: { job_id: f.job_id, status: 'error' } },
    };
  return { status: 200, body: { code: '0', message: 'OK', data: state.invoices.detail(f) } };
}

export function listFacturas(state: SimState, query: URLSearchParams): Answer {
  const views = state.invoices
    .all()
    .filter((f) => f.cfdi_uuid)
    .map((f) => state.invoices.view(f));
  return paginate(
    views,
    query,
    (v) => `${v.cfdi_uuid} ${v.serie}${v.folio} ${v.receptor.rfc} ${v.receptor.razon_social} ${v.status}`,
  );
}

export function downloadFactura(state: SimState, id: string, kind: 'pdf' | 'xml'): Answer {
  const f = stamped(state, id);
  if (!f.cfdi_uuid || !f.xml || !f.pdf) throw plainError(404, 'La factura aún no está timbrada', '404');
  const bytes = kind === 'pdf' ? f.pdf : Buffer.from(f.xml);
  if (state.downloadFormat === 'json')
    return {
      status: 200,
      body: { code: '0', message: 'OK', data: { cfdi_uuid: f.cfdi_uuid, [kind]: bytes.toString('base64') } },
    };
  return {
    status: 200,
    headers: {
      'Content-Type': kind === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="${f.cfdi_uuid}.${kind}"`,
    },
    body: bytes,
  };
}

export function cancelFactura(
  state: SimState,
  id: string,
  input: Record<string, unknown>,
  query: URLSearchParams,
): Answer {
  // Motive and substitute may come in the body or the query string (how is not public: doc §1.9 q4).
  const merged = { ...Object.fromEntries(query), ...input };
  return { status: 200, body: state.invoices.cancel(id, merged) };
}
