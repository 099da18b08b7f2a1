import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { CatalogService } from '../catalog/index.js';
import type { InboxService } from '../inbox/index.js';
import { registerSuggestionRoutes } from './suggestions.routes.js';
import { createSuggestionsService } from './suggestions.service.js';

/** Suggestions on inbox invoices, learned from what people confirmed for the same supplier. */
export function suggestionsModule(p: ModulePlatform, deps: { inbox: InboxService; catalog: CatalogService }) {
  const suggestions = createSuggestionsService({ db: p.db, inbox: deps.inbox, catalog: deps.catalog });
  return defineModule({
    name: 'suggestions',
    services: { suggestions },
    routes: (app, { guard }) => registerSuggestionRoutes(app, { suggestions, guard }),
  });
}
