export {
  formatReceivedWebhook,
  type ReceivedWebhook,
  type SignatureCheck,
  startWebhookListener,
  summarizeWebhookData,
  type WebhookListener,
  type WebhookListenerOptions,
} from './listener.js';
export { newWebhookSecret, signatureHeaders } from './signature.js';
export { WEBHOOK_DELIVERY_WORK, webhooksModule } from './webhooks.module.js';
export type { WebhooksService } from './webhooks.service.js';
