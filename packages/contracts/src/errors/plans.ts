import { defineErrorCatalogue } from './define.js';

/** Plans and quotas: the operator's API and the limits an organization's plan sets. */
export const planErrors = defineErrorCatalogue({
  PLAN_QUOTA_EXCEEDED: {
    status: 402,
    title: 'Monthly quota of the plan reached',
    text: {
      es: 'Tu organización llegó al límite mensual de su plan. Se renueva el día 1 del próximo mes; para ampliarlo, habla con quien administra tu servicio.',
      en: 'Your organization reached a monthly limit of its plan. It renews on the 1st of next month; to raise it, ask whoever runs your service.',
    },
    when: 'A metered action (an inbox upload) past the plan’s monthly limit; params: metric, limit, used.',
  },
  PLAN_LIMIT_REACHED: {
    status: 403,
    title: 'The plan allows no more of these',
    text: {
      es: 'Tu plan no permite agregar más de estos. Elimina alguno o pide a quien administra tu servicio un plan mayor.',
      en: 'Your plan allows no more of these. Remove one, or ask whoever runs your service for a larger plan.',
    },
    when: 'Adding a taxpayer, connector or webhook endpoint at the plan’s count; params: metric, limit, used.',
  },
  PLAN_NOT_FOUND: {
    status: 404,
    title: 'Plan not found',
    text: { es: 'No existe ese plan.', en: 'That plan does not exist.' },
    when: 'An operator route naming a plan code that does not exist.',
  },
  PLAN_CODE_TAKEN: {
    status: 409,
    title: 'Plan code taken',
    text: { es: 'Ya existe un plan con esa clave.', en: 'A plan with that code already exists.' },
    when: 'Creating a plan with an existing code.',
  },
  PLAN_IN_USE: {
    status: 409,
    title: 'Plan in use',
    text: {
      es: 'El plan está asignado a organizaciones; asígnales otro antes de borrarlo.',
      en: 'The plan is assigned to organizations; give them another one before deleting it.',
    },
    when: 'Deleting a plan some organization is on.',
  },
  OPERATOR_API_DISABLED: {
    status: 404,
    title: 'Operator API disabled',
    text: {
      es: 'La API de operador está desactivada en esta instancia (falta OPERATOR_TOKEN).',
      en: 'The operator API is off on this instance (OPERATOR_TOKEN is not set).',
    },
    when: 'Any /api/v1/operator route when OPERATOR_TOKEN is not configured.',
  },
  OPERATOR_TOKEN_INVALID: {
    status: 401,
    title: 'Operator token missing or wrong',
    text: {
      es: 'Falta el token de operador o no es válido.',
      en: 'The operator token is missing or wrong.',
    },
    when: 'An /api/v1/operator request without "Authorization: Bearer <OPERATOR_TOKEN>" or with another token.',
  },
});
