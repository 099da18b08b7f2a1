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
// The SMTP sink (tests, demo, `boveda smtp-sink`) is imported from './smtp-sink.js' on purpose: the
// servers that only send mail never load smtp-server and mailparser.
