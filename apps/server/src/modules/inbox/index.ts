export { inboxModule } from './inbox.module.js';
export type { InboxService } from './inbox.service.js';
