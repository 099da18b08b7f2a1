export {
  createEmail,
  EMAIL_RETRY,
  type Email,
  type EmailEnqueueOptions,
  type EmailMessage,
  type EmailOptions,
  EmailSendError,
  type EmailSendResult,
  emailMessageSchema,
} from './email.js';
export {
  EMAIL_FOOTER,
  type EmailTemplate,
  EmailTemplateError,
  type EscapedValues,
  escapeHtml,
  layout,
  type RenderedEmail,
  renderEmail,
  type TemplateValues,
} from './render.js';
export { type CapturedMail, type SmtpSink, type SmtpSinkOptions, startSmtpSink } from './smtp-sink.js';
