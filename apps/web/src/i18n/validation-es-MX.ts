import type { IssueParams, PasswordRule, ValidationIssueCode } from '@boveda/contracts';

const list = (value: IssueParams[string] | undefined) =>
  Array.isArray(value) ? value.join(', ') : String(value ?? '');

/** What `origin` (string, number, array…) makes a bound count in. */
function bound(p: IssueParams, what: 'min' | 'max'): string {
  const n = p[what];
  switch (p.origin) {
    case 'string':
      return n === 1 ? '1 carácter' : `${n} caracteres`;
    case 'array':
    case 'set':
      return n === 1 ? '1 elemento' : `${n} elementos`;
    default:
      return String(n);
  }
}

export const validationEsMX = {
  /**
   * The server's English `detail` (`Use at least 10 characters.`) is shown beside the code's text
   * only in English; in Spanish each field error is said from its code and params instead.
   */
  showServerDetail: false,
  /** `errors[].code` of a refused request, with its `params`. */
  issues: {
    required: () => 'es obligatorio',
    invalid_type: () => 'no tiene el tipo esperado',
    too_small: (p) =>
      p.origin === 'string' && p.min === 1
        ? 'no puede estar vacío'
        : `debe tener al menos ${bound(p, 'min')}`,
    too_big: (p) => `debe tener como máximo ${bound(p, 'max')}`,
    not_multiple_of: (p) => `debe ser múltiplo de ${p.divisor}`,
    invalid_enum: (p) => `debe ser uno de: ${list(p.allowed)}`,
    unrecognized_keys: (p) => `campos no reconocidos: ${list(p.keys)}`,
    invalid_format: () => 'no tiene el formato esperado',
    invalid_email: () => 'no es un correo electrónico válido',
    invalid_url: () => 'no es una dirección web válida',
    invalid_uuid: () => 'no es un identificador (UUID) válido',
    invalid_rfc: () => 'no es un RFC válido (3–4 letras, 6 dígitos, 3 letras o dígitos)',
    invalid_date: () => 'no es una fecha válida (AAAA-MM-DD)',
    invalid_decimal: () => 'no es un número decimal válido (p. ej. 1234.50)',
    invalid_amount: () => 'no es un importe válido (p. ej. 1160.00)',
    contains_nul: () => 'contiene un carácter no permitido',
    invalid_idempotency_key: (p) => `debe tener de ${p.min} a ${p.max} caracteres ASCII visibles`,
    requires_field: (p) => `necesita también ${fieldLabelEs(String(p.field))}`,
    after_field: (p) => `es posterior a ${fieldLabelEs(String(p.field))}`,
    not_before_field: (p) => `debe ser anterior a ${fieldLabelEs(String(p.field))}`,
    above_field: (p) => `es mayor que ${fieldLabelEs(String(p.field))}`,
    // The PAC's rules are written in Spanish on the server; `describeIssue` shows their message.
    invoice_rule: () => 'no cumple una regla de la factura',
    invalid: () => 'no es válido',
  } satisfies Record<ValidationIssueCode, (p: IssueParams) => string>,
  /** Field names (the last part of `errors[].path`) as a person knows them. */
  fields: {
    rfc: 'RFC',
    issuerRfc: 'RFC emisor',
    receiverRfc: 'RFC receptor',
    from: 'Desde',
    to: 'Hasta',
    since: 'Desde',
    until: 'Hasta',
    minTotal: 'Total mínimo',
    maxTotal: 'Total máximo',
    email: 'Correo electrónico',
    password: 'Contraseña',
    newPassword: 'Contraseña nueva',
    currentPassword: 'Contraseña actual',
    name: 'Nombre',
    period: 'Periodo',
    periodStart: 'Inicio del periodo',
    periodEnd: 'Fin del periodo',
    year: 'Año',
    month: 'Mes',
    folio: 'Folio',
    uuid: 'UUID',
    direction: 'Dirección',
    kind: 'Tipo',
    status: 'Estado',
    role: 'Rol',
    limit: 'Cantidad por página',
    cursor: 'Página',
    q: 'Búsqueda',
    url: 'URL',
    description: 'Descripción',
    reasonCode: 'Motivo',
    note: 'Nota',
    number: 'Número',
    sku: 'SKU',
    quantity: 'Cantidad',
    phone: 'Teléfono',
    push: 'Envío',
    pull: 'Recepción',
    'idempotency-key': 'Idempotency-Key',
  } as Record<string, string>,
  /** WEAK_PASSWORD's `params.rule`, and the hint under every new-password field. */
  passwordRules: {
    too_short: (p) => `Usa al menos ${p.minLength} caracteres.`,
  } satisfies Record<PasswordRule, (p: IssueParams) => string>,
  passwordHint: (minLength: number) => `Al menos ${minLength} caracteres.`,
};

function fieldLabelEs(field: string): string {
  return validationEsMX.fields[field] ?? field;
}

export type ValidationMessages = typeof validationEsMX;
