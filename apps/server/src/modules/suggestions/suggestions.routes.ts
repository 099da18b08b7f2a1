import {
  idParams,
  invoiceSuggestion,
  invoiceSuggestionPage,
  suggestionAcceptBody,
  suggestionParams,
  suggestionStats,
} from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { type Guard, identityOf } from '../../platform/http/identity.js';
import type { SuggestionsService } from './suggestions.service.js';

const tags = ['suggestions'];

/**
 * Suggestions on an inbox invoice (`/api/v1/invoices/{id}/suggestions`) and their measure
 * (`/api/v1/suggestions/stats`). Viewers read; members accept or dismiss, as they edit invoices.
 */
export function registerSuggestionRoutes(
  app: HttpServer,
  deps: { suggestions: SuggestionsService; guard: Guard },
) {
  const { suggestions, guard } = deps;

  app.get(
    '/api/v1/invoices/:id/suggestions',
    {
      schema: {
        operationId: 'listInvoiceSuggestions',
        tags,
        summary:
          'Suggestions open on an invoice waiting for validation, learned from the supplier’s confirmed invoices, with their evidence',
        params: idParams,
        response: { 200: invoiceSuggestionPage },
        errors: ['INVOICE_NOT_FOUND'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => ({
      items: await suggestions.forInvoice(identityOf(req).tenantId, req.params.id),
      nextCursor: null,
    }),
  );

  app.post(
    '/api/v1/invoices/:id/suggestions/:suggestionId/accept',
    {
      schema: {
        operationId: 'acceptInvoiceSuggestion',
        tags,
        summary:
          'Accept a suggestion: its value fills the invoice’s field (an edit, with the invoice’s version)',
        params: suggestionParams,
        body: suggestionAcceptBody,
        response: { 200: invoiceSuggestion },
        errors: [
          'INVOICE_NOT_FOUND',
          'SUGGESTION_NOT_FOUND',
          'SUGGESTION_ALREADY_DECIDED',
          'INVOICE_WRONG_STATE',
          'INVOICE_EDIT_CONFLICT',
          'INVOICE_CATALOG_CODE_UNKNOWN',
        ],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const identity = identityOf(req);
      return suggestions.accept(
        identity.tenantId,
        req.params.id,
        req.params.suggestionId,
        identity.actor,
        req.body.version,
      );
    },
  );

  app.post(
    '/api/v1/invoices/:id/suggestions/:suggestionId/dismiss',
    {
      schema: {
        operationId: 'dismissInvoiceSuggestion',
        tags,
        summary:
          'Dismiss a suggestion: not offered again on this invoice (nor, dismissed often, for the supplier)',
        params: suggestionParams,
        response: { 200: invoiceSuggestion },
        errors: ['INVOICE_NOT_FOUND', 'SUGGESTION_NOT_FOUND', 'SUGGESTION_ALREADY_DECIDED'],
      },
      preHandler: guard('member'),
    },
    async (req) => {
      const identity = identityOf(req);
      return suggestions.dismiss(identity.tenantId, req.params.id, req.params.suggestionId, identity.actor);
    },
  );

  app.get(
    '/api/v1/suggestions/stats',
    {
      schema: {
        operationId: 'suggestionStats',
        tags,
        summary: 'How many suggestions were offered, accepted and dismissed, per kind',
        response: { 200: suggestionStats },
      },
      preHandler: guard('viewer'),
    },
    async (req) => suggestions.stats(identityOf(req).tenantId),
  );
}
