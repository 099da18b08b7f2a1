export { newWebhookSecret, signatureHeaders } from './signature.js';
export { WEBHOOK_DELIVERY_WORK, webhooksModule } from './webhooks.module.js';
export type { WebhooksService } from './webhooks.service.js';
