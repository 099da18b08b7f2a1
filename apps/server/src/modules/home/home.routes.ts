import { homeSummary } from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { type Guard, identityOf } from '../../platform/http/identity.js';
import type { HomeService } from './home.service.js';

export function registerHomeRoutes(app: HttpServer, deps: { home: HomeService; guard: Guard }) {
  app.get(
    '/api/v1/home',
    {
      schema: {
        operationId: 'getHome',
        tags: ['home'],
        summary:
          "The start page: per taxpayer, last successful SAT sync, this Mexico City month's CFDI issued and received, " +
          'stopped SAT requests with their reason, e.firma expiry and SAT metadata rows without their XML; and the sums',
        response: { 200: homeSummary },
      },
      preHandler: deps.guard('viewer'),
    },
    async (req) => deps.home.summary(identityOf(req).tenantId),
  );
}
