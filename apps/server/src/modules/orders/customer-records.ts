import { clientCreateBody } from '@boveda/contracts';
import type { z } from 'zod';

type Json = Record<string, unknown>;
const first = (record: Json, names: string[]) => {
  for (const name of names) {
    const v = record[name];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
};

/** An ERP's address, a string or an object of parts (calle, número, colonia…), as one line. */
function addressOf(value: unknown): { line?: string; postalCode?: string } {
  if (typeof value === 'string') return value.trim() ? { line: value.trim() } : {};
  if (!value || typeof value !== 'object') return {};
  const a = value as Json;
  const part = (...names: string[]) => first(a, names);
  const street = [
    part('calle', 'street', 'line1'),
    part('numero_exterior', 'number', 'exterior'),
    part('numero_interior', 'interior', 'line2'),
  ]
    .filter(Boolean)
    .join(' ');
  const postalCode = part('codigo_postal', 'cp', 'postal_code', 'zip');
  const line = [
    street,
    part('colonia', 'neighborhood'),
    part('municipio', 'city', 'ciudad'),
    part('estado', 'state'),
    postalCode && `C.P. ${postalCode}`,
  ]
    .filter(Boolean)
    .join(', ');
  return { ...(line ? { line } : {}), ...(postalCode ? { postalCode } : {}) };
}

/**
 * A customer pulled from an ERP, as a client: the usual field names in Spanish and English
 * (razon_social/name, email/correo, telefono/phone, direccion/address, regimen_fiscal, uso_cfdi).
 * Null when it has no name or no valid email (a client needs both); invalid optional fields are
 * left out rather than refusing the record.
 */
export function clientFromCustomer(payload: unknown): z.output<typeof clientCreateBody> | null {
  if (!payload || typeof payload !== 'object') return null;
  const r = payload as Json;
  const address = addressOf(r.direccion ?? r.address ?? r.domicilio);
  const candidate = {
    name: first(r, ['razon_social', 'name', 'nombre', 'legal_name', 'company_name']),
    email: first(r, ['email', 'correo', 'correo_electronico', 'mail']),
    rfc: first(r, ['rfc', 'tax_id']),
    phone: first(r, ['telefono', 'phone', 'tel']),
    address: address.line,
    fiscalRegime: first(r, ['regimen_fiscal', 'fiscal_regime', 'regimen']),
    postalCode: first(r, ['codigo_postal', 'postal_code', 'cp']) ?? address.postalCode,
    cfdiUse: first(r, ['uso_cfdi', 'cfdi_use']),
  };
  const required = clientCreateBody.pick({ name: true, email: true }).safeParse(candidate);
  if (!required.success) return null;
  const optional = Object.fromEntries(
    (['rfc', 'phone', 'address', 'fiscalRegime', 'postalCode', 'cfdiUse'] as const).flatMap((key) => {
      const parsed = clientCreateBody.shape[key].safeParse(candidate[key]);
      return parsed.success && parsed.data != null ? [[key, parsed.data]] : [];
    }),
  );
  return clientCreateBody.parse({ ...required.data, ...optional });
}
