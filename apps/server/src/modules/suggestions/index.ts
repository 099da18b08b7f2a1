export { suggestionsModule } from './suggestions.module.js';
export type { SuggestionsService } from './suggestions.service.js';
