export { inboxModule } from './inbox.module.js';
export type { CatalogCodesPort } from './inbox.ports.js';
export type { InboxService } from './inbox.service.js';
