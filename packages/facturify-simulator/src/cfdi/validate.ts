import { Decimal } from '../decimal.js';
import { type FieldError, validationError } from '../http/answer.js';
import type { Cliente, Concepto, Draft, Empresa, Receptor, Tax } from '../state/records.js';
import {
  CP,
  EXPORTACION,
  EXTRANJERO,
  FORMAS_PAGO,
  IMPUESTOS,
  OBJETO_IMP,
  PUBLICO_EN_GENERAL,
  REGIMENES,
  RFC,
  TIPOS,
  TIPOS_FACTOR,
  TIPOS_RELACION,
  type Tipo,
  USOS_CFDI,
  UUID,
} from './catalogs.js';

/** errors[].code values; 34 is the observed "serie does not exist" (doc §1.3), the others are ours. */
export const RULE = {
  serie: 34,
  required: 35,
  format: 36,
  catalog: 37,
  amount: 38,
  notFound: 39,
  conflict: 40,
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

export interface Lookup {
  empresa(uuid: string): Empresa | undefined;
  cliente(uuid: string): Cliente | undefined;
}

/**
 * Checks a `POST /api/v1/factura` body (doc §1.8) against Facturify's request rules and the basic CFDI 4.0
 * rules of doc §4 (formats, catalogues, required receptor fields, generic RFCs, PPD/99, per-line and
 * invoice totals in exact decimals). Collects every broken rule into one 422, as Laravel does.
 */
export function validateFactura(body: Obj, lookup: Lookup): Draft {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string, code: number) => errors.push({ field, message, code });
  const required = (field: string) => fail(field, `El campo ${field} es obligatorio.`, RULE.required);

  const text = (o: Obj, key: string, path: string, need: boolean): string | undefined => {
    const value = str(o[key]);
    if (value === undefined || value === '') {
      if (need) required(path);
      return undefined;
    }
    return value;
  };
  const decimal = (o: Obj, key: string, path: string, need: boolean): Decimal | undefined => {
    if (o[key] === undefined || o[key] === null || o[key] === '') {
      if (need) required(path);
      return undefined;
    }
    const value = Decimal.parse(o[key]);
    if (!value) fail(path, `El campo ${path} debe ser numérico.`, RULE.format);
    else if (value.isNegative()) fail(path, `El campo ${path} no puede ser negativo.`, RULE.amount);
    return value;
  };
  const inCatalog = (value: string | undefined, catalog: Set<string>, path: string) => {
    if (value !== undefined && !catalog.has(value))
      fail(path, `El valor ${value} del campo ${path} no existe en el catálogo del SAT.`, RULE.catalog);
  };
  /** `given` must equal `expected` rounded to given's decimals (at least 2, at most 6). */
  const matches = (given: Decimal | undefined, expected: Decimal, path: string, what: string) => {
    if (!given) return;
    const scale = Math.min(6, Math.max(2, given.decimals));
    if (!expected.round(scale).eq(given))
      fail(
        path,
        `El campo ${path} (${given}) no coincide con ${what} (${expected.round(scale).toFixed(scale)}).`,
        RULE.amount,
      );
  };

  // Emisor: a registered empresa.
  const emisorIn = isObj(body.emisor) ? body.emisor : {};
  if (!isObj(body.emisor)) required('emisor');
  const emisorUuid = text(emisorIn, 'uuid', 'emisor.uuid', isObj(body.emisor));
  const emisor = emisorUuid ? lookup.empresa(emisorUuid) : undefined;
  if (emisorUuid && !emisor) fail('emisor.uuid', 'El emisor no existe.', RULE.notFound);

  // Factura (needed early: generic RFC rules compare with LugarExpedicion).
  const f = isObj(body.factura) ? body.factura : {};
  if (!isObj(body.factura)) required('factura');

  // Receptor: a registered cliente (by uuid) or inline data; CFDI 4.0 needs CP and régimen (doc §4.1).
  const r = isObj(body.receptor) ? body.receptor : {};
  if (!isObj(body.receptor)) required('receptor');
  let receptor: Receptor | undefined;
  const clienteUuid = str(r.uuid);
  const cliente = clienteUuid ? lookup.cliente(clienteUuid) : undefined;
  if (clienteUuid && !cliente) fail('receptor.uuid', 'El receptor no existe.', RULE.notFound);
  if (isObj(body.receptor) && (!clienteUuid || cliente)) {
    const pick = (key: keyof Cliente, ...aliases: string[]) => {
      for (const name of [key, ...aliases]) if (str(r[name])) return str(r[name]);
      const fromCliente = cliente?.[key];
      return typeof fromCliente === 'string' && fromCliente ? fromCliente : undefined;
    };
    const rfc = pick('rfc')?.toUpperCase();
    const razon = pick('razon_social', 'nombre');
    const cp = pick('codigo_postal', 'domicilio_fiscal', 'cp');
    const regimen = pick('regimen_fiscal', 'regimen');
    const uso = pick('uso_cfdi');
    if (!rfc) required('receptor.rfc');
    else if (!RFC.test(rfc)) fail('receptor.rfc', `El RFC ${rfc} no tiene un formato válido.`, RULE.format);
    if (!razon) required('receptor.razon_social');
    else if (razon.length > 300 || razon.includes('|'))
      fail(
        'receptor.razon_social',
        'La razón social no es válida (1 a 300 caracteres, sin "|").',
        RULE.format,
      );
    if (!cp) required('receptor.codigo_postal');
    else if (!CP.test(cp))
      fail('receptor.codigo_postal', 'El código postal debe tener 5 dígitos.', RULE.format);
    if (!regimen) required('receptor.regimen_fiscal');
    inCatalog(regimen, REGIMENES, 'receptor.regimen_fiscal');
    if (!uso) required('receptor.uso_cfdi');
    inCatalog(uso, USOS_CFDI, 'receptor.uso_cfdi');
    if (rfc && razon && cp && regimen && uso)
      receptor = {
        uuid: cliente?.uuid ?? null,
        rfc,
        razon_social: razon,
        domicilio_fiscal: cp,
        regimen_fiscal: regimen,
        uso_cfdi: uso,
        email: pick('email') ?? null,
      };
    if (rfc === PUBLICO_EN_GENERAL) {
      if (razon && razon.toUpperCase() !== 'PUBLICO EN GENERAL')
        fail(
          'receptor.razon_social',
          'Con el RFC genérico XAXX010101000 el nombre debe ser "PUBLICO EN GENERAL".',
          RULE.conflict,
        );
      if (uso && uso !== 'S01')
        fail('receptor.uso_cfdi', 'Con el RFC genérico el uso del CFDI debe ser S01.', RULE.conflict);
      if (regimen && regimen !== '616')
        fail('receptor.regimen_fiscal', 'Con el RFC genérico el régimen debe ser 616.', RULE.conflict);
      if (cp && emisor && cp !== emisor.cp)
        fail(
          'receptor.codigo_postal',
          'Con el RFC genérico el código postal debe ser el del lugar de expedición.',
          RULE.conflict,
        );
    }
    if (rfc === EXTRANJERO) {
      if (uso && uso !== 'S01')
        fail('receptor.uso_cfdi', 'Con el RFC genérico el uso del CFDI debe ser S01.', RULE.conflict);
      if (regimen && regimen !== '616')
        fail('receptor.regimen_fiscal', 'Con el RFC genérico el régimen debe ser 616.', RULE.conflict);
    }
  }

  const fecha = text(f, 'fecha', 'factura.fecha', true);
  if (fecha && !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(fecha))
    fail('factura.fecha', 'La fecha debe tener el formato YYYY-MM-DD HH:mm:ss.', RULE.format);
  const tipo = (text(f, 'tipo', 'factura.tipo', true) ?? '').toLowerCase();
  if (tipo && !(tipo in TIPOS))
    fail('factura.tipo', 'El tipo debe ser ingreso, egreso o traslado.', RULE.catalog);
  const version = str(f.version);
  if (version !== undefined && version !== '4.0')
    fail('factura.version', 'La versión debe ser 4.0.', RULE.catalog);

  let serie = text(f, 'serie', 'factura.serie', false);
  if (emisor) {
    if (serie !== undefined && !emisor.series.includes(serie))
      fail('factura.serie', 'La serie que envió, no existe.', RULE.serie);
    serie ??= emisor.series[0] ?? '';
  }

  const moneda = (text(f, 'moneda', 'factura.moneda', false) ?? 'MXN').toUpperCase();
  if (!/^[A-Z]{3}$/.test(moneda)) fail('factura.moneda', 'La moneda no es válida.', RULE.catalog);
  const tipoCambio = decimal(
    f,
    'tipo_de_cambio',
    'factura.tipo_de_cambio',
    moneda !== 'MXN' && moneda !== 'XXX',
  );
  const forma = text(f, 'forma_de_pago', 'factura.forma_de_pago', tipo === 'ingreso' || tipo === 'egreso');
  inCatalog(forma, FORMAS_PAGO, 'factura.forma_de_pago');
  const metodo = text(f, 'metodo_de_pago', 'factura.metodo_de_pago', tipo === 'ingreso' || tipo === 'egreso');
  if (metodo && metodo !== 'PUE' && metodo !== 'PPD')
    fail('factura.metodo_de_pago', 'El método de pago debe ser PUE o PPD.', RULE.catalog);
  if (metodo === 'PPD' && forma && forma !== '99')
    fail(
      'factura.forma_de_pago',
      'Con método de pago PPD la forma de pago debe ser 99 (Por definir).',
      RULE.conflict,
    );
  const exportacion = text(f, 'exportacion', 'factura.exportacion', false) ?? '01';
  inCatalog(exportacion, EXPORTACION, 'factura.exportacion');

  let relacionados: Draft['relacionados'] = null;
  if (f.cfdi_relacionados !== undefined) {
    const rel = isObj(f.cfdi_relacionados) ? f.cfdi_relacionados : {};
    const tipoRelacion = text(rel, 'tipo_relacion', 'factura.cfdi_relacionados.tipo_relacion', true);
    inCatalog(tipoRelacion, TIPOS_RELACION, 'factura.cfdi_relacionados.tipo_relacion');
    const uuids = Array.isArray(rel.uuids) ? rel.uuids.map(String) : [];
    if (uuids.length === 0 || !uuids.every((u) => UUID.test(u)))
      fail('factura.cfdi_relacionados.uuids', 'Debe enviar al menos un UUID válido.', RULE.format);
    if (tipoRelacion)
      relacionados = { tipo_relacion: tipoRelacion, uuids: uuids.map((u) => u.toUpperCase()) };
  }

  // Conceptos, each with its own taxes.
  const conceptos: Concepto[] = [];
  if (!Array.isArray(f.conceptos) || f.conceptos.length === 0) required('factura.conceptos');
  else
    f.conceptos.forEach((raw, i) => {
      const p = `factura.conceptos.${i}`;
      if (!isObj(raw)) {
        fail(p, 'Cada concepto debe ser un objeto.', RULE.format);
        return;
      }
      const clave = text(raw, 'clave_producto_servicio', `${p}.clave_producto_servicio`, true);
      if (clave && !/^\d{8}$/.test(clave))
        fail(
          `${p}.clave_producto_servicio`,
          'La clave de producto o servicio debe tener 8 dígitos.',
          RULE.format,
        );
      const unidad = text(raw, 'clave_unidad_de_medida', `${p}.clave_unidad_de_medida`, true);
      if (unidad && !/^[A-Z0-9]{1,3}$/.test(unidad))
        fail(`${p}.clave_unidad_de_medida`, 'La clave de unidad no es válida (c_ClaveUnidad).', RULE.format);
      const descripcion = text(raw, 'descripcion', `${p}.descripcion`, true);
      const cantidad = decimal(raw, 'cantidad', `${p}.cantidad`, true);
      if (cantidad?.isZero()) fail(`${p}.cantidad`, 'La cantidad debe ser mayor que cero.', RULE.amount);
      const valor = decimal(raw, 'valor_unitario', `${p}.valor_unitario`, true);
      const importe = decimal(raw, 'total', `${p}.total`, true);
      const descuento = decimal(raw, 'descuento', `${p}.descuento`, false);
      if (cantidad && valor) matches(importe, cantidad.mul(valor), `${p}.total`, 'cantidad × valor_unitario');
      if (importe && descuento && descuento.cmp(importe) > 0)
        fail(`${p}.descuento`, 'El descuento no puede ser mayor que el importe.', RULE.amount);
      const exento = raw.exento_de_impuestos === true || raw.exento_de_impuestos === 'true';
      const impuestos = !exento && isObj(raw.impuestos) ? raw.impuestos : undefined;
      const taxes = (kind: 'traslados' | 'retenciones', item: 'traslado' | 'retencion'): Tax[] => {
        const group = impuestos?.[kind];
        if (group === undefined) return [];
        const list = isObj(group) ? group[item] : group;
        const arr = Array.isArray(list) ? list : isObj(list) ? [list] : [];
        return arr.flatMap((t, j) => {
          const tp = `${p}.impuestos.${kind}.${item}.${j}`;
          if (!isObj(t)) return [];
          const base = decimal(t, 'base', `${tp}.base`, true);
          const impuesto = text(t, 'impuesto', `${tp}.impuesto`, true);
          inCatalog(impuesto, IMPUESTOS, `${tp}.impuesto`);
          const factor = text(t, 'tipoFactor', `${tp}.tipoFactor`, true) as Tax['tipoFactor'] | undefined;
          inCatalog(factor, TIPOS_FACTOR, `${tp}.tipoFactor`);
          const exempt = factor === 'Exento';
          if (exempt && kind === 'retenciones')
            fail(`${tp}.tipoFactor`, 'Una retención no puede ser Exento.', RULE.conflict);
          const tasa = decimal(t, 'tasaOCuota', `${tp}.tasaOCuota`, !exempt);
          const amount = decimal(t, 'importe', `${tp}.importe`, !exempt);
          if (base && tasa && !exempt) matches(amount, base.mul(tasa), `${tp}.importe`, 'base × tasaOCuota');
          if (base && importe)
            matches(
              base,
              importe.sub(descuento ?? Decimal.of(0n)),
              `${tp}.base`,
              'total − descuento del concepto',
            );
          if (!base || !impuesto || !factor) return [];
          return [
            {
              base,
              impuesto,
              tipoFactor: factor,
              ...(tasa ? { tasaOCuota: tasa } : {}),
              ...(amount && !exempt ? { importe: amount } : {}),
            },
          ];
        });
      };
      const traslados = taxes('traslados', 'traslado');
      const retenciones = taxes('retenciones', 'retencion');
      const hasTaxes = traslados.length + retenciones.length > 0;
      const objeto = text(raw, 'objeto_imp', `${p}.objeto_imp`, false) ?? (hasTaxes ? '02' : '01');
      inCatalog(objeto, OBJETO_IMP, `${p}.objeto_imp`);
      if (objeto === '02' && !hasTaxes)
        fail(`${p}.objeto_imp`, 'Con objeto_imp 02 el concepto debe llevar impuestos.', RULE.conflict);
      if (objeto !== '02' && hasTaxes)
        fail(
          `${p}.objeto_imp`,
          `Con objeto_imp ${objeto} el concepto no debe llevar impuestos.`,
          RULE.conflict,
        );
      if (clave && unidad && descripcion && cantidad && valor && importe)
        conceptos.push({
          clave_producto_servicio: clave,
          clave_unidad_de_medida: unidad,
          ...(str(raw.unidad) ? { unidad: str(raw.unidad)! } : {}),
          ...(str(raw.no_identificacion) ? { no_identificacion: str(raw.no_identificacion)! } : {}),
          cantidad,
          descripcion,
          valor_unitario: valor,
          importe,
          ...(descuento ? { descuento } : {}),
          objeto_imp: objeto,
          traslados,
          retenciones,
        });
    });

  // Invoice totals: exact sums of the lines (doc §1.8 fields).
  const subtotal = decimal(f, 'subtotal', 'factura.subtotal', true);
  const descuento = decimal(f, 'descuento', 'factura.descuento', false);
  const impuestoFederal = decimal(f, 'impuesto_federal', 'factura.impuesto_federal', true);
  const trasladosIn = decimal(f, 'traslados', 'factura.traslados', false);
  const retencionesIn = decimal(f, 'retenciones', 'factura.retenciones', false);
  const total = decimal(f, 'total', 'factura.total', true);
  const lines = Array.isArray(f.conceptos) && conceptos.length === f.conceptos.length;
  let sumTraslados = Decimal.of(0n);
  let sumRetenciones = Decimal.of(0n);
  if (lines) {
    const sum = (pick: (c: Concepto) => Decimal | undefined) =>
      Decimal.sum(conceptos.map(pick).filter((d): d is Decimal => d !== undefined));
    sumTraslados = sum((c) => Decimal.sum(c.traslados.flatMap((t) => (t.importe ? [t.importe] : []))));
    sumRetenciones = sum((c) => Decimal.sum(c.retenciones.flatMap((t) => (t.importe ? [t.importe] : []))));
    const sumDescuento = sum((c) => c.descuento);
    matches(
      subtotal,
      sum((c) => c.importe),
      'factura.subtotal',
      'la suma de los totales de los conceptos',
    );
    if (descuento || !sumDescuento.isZero())
      matches(
        descuento ?? Decimal.of(0n),
        sumDescuento,
        'factura.descuento',
        'la suma de los descuentos de los conceptos',
      );
    matches(
      impuestoFederal,
      sumTraslados,
      'factura.impuesto_federal',
      'la suma de los impuestos trasladados',
    );
    matches(trasladosIn, sumTraslados, 'factura.traslados', 'la suma de los impuestos trasladados');
    matches(retencionesIn, sumRetenciones, 'factura.retenciones', 'la suma de los impuestos retenidos');
    if (subtotal)
      matches(
        total,
        subtotal
          .sub(descuento ?? Decimal.of(0n))
          .add(sumTraslados)
          .sub(sumRetenciones),
        'factura.total',
        'subtotal − descuento + traslados − retenciones',
      );
  }
  if (tipo === 'traslado' && total && !total.isZero())
    fail('factura.total', 'Un CFDI de traslado debe tener total 0.', RULE.conflict);

  const callback = str(body.webhook_url) ?? str(body.callback_url) ?? str(f.webhook_url) ?? null;
  if (callback && !/^https?:\/\//.test(callback))
    fail('webhook_url', 'La URL del webhook debe ser http(s).', RULE.format);
  const simulacion = body.simulacion_error ?? 0;

  if (errors.length > 0 || !emisor || !receptor || !fecha || !subtotal || !total || !impuestoFederal)
    throw validationError(
      errors.length > 0 ? errors : [{ field: 'factura', message: 'Solicitud inválida.', code: RULE.format }],
    );
  return {
    emisor,
    receptor,
    fecha,
    tipo: tipo as Tipo,
    serie: serie ?? '',
    moneda,
    ...(tipoCambio ? { tipo_de_cambio: tipoCambio } : {}),
    ...(forma ? { forma_de_pago: forma } : {}),
    ...(metodo ? { metodo_de_pago: metodo } : {}),
    exportacion,
    subtotal,
    ...(descuento ? { descuento } : {}),
    traslados: sumTraslados,
    retenciones: sumRetenciones,
    impuesto_federal: impuestoFederal,
    total,
    conceptos,
    relacionados,
    callback_url: callback,
    simulacion_error: Number(simulacion) || 0,
  };
}
