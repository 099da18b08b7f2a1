/** What a template is filled with: each `{{name}}` takes the value of `name`. */
export type TemplateValues = Record<string, string | number>;

/** The same values, HTML-escaped: what an `html` function receives. */
export type EscapedValues<V extends TemplateValues> = { readonly [K in keyof V]: string };

/**
 * A mail's three parts, each a string with `{{placeholders}}` or a function of the values. In
 * `html` every value is HTML-escaped, in a string and in a function alike (the function receives
 * escaped values), so a name such as `<script>` or `Pérez & Hijos` is shown, never interpreted.
 * Templates live next to the module that owns them; the platform only renders them.
 */
export interface EmailTemplate<V extends TemplateValues = TemplateValues> {
  subject: string | ((values: V) => string);
  text: string | ((values: V) => string);
  html?: string | ((escaped: EscapedValues<V>) => string);
}

/** A rendered mail, ready for `email.send` / `email.enqueue` with its `to`. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html?: string;
}

/** A template asked for a value it was not given (a typo in a placeholder, a missing field). */
export class EmailTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailTemplateError';
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside HTML elements and quoted attributes. */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function fill(template: string, values: TemplateValues, encode: (v: string | number) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    if (!Object.hasOwn(values, name)) throw new EmailTemplateError(`No value for {{${name}}}`);
    return encode(values[name]!);
  });
}

/** A subject is one header line: line breaks (header injection) and runs of spaces become one space. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Fills a template: values as they are in the subject (on one line) and the text, HTML-escaped in
 * the html. A placeholder without a value throws `EmailTemplateError`.
 */
export function renderEmail<V extends TemplateValues>(template: EmailTemplate<V>, values: V): RenderedEmail {
  const raw = (v: string | number) => String(v);
  const part = (p: string | ((values: V) => string)) =>
    typeof p === 'string' ? fill(p, values, raw) : p(values);
  const subject = oneLine(part(template.subject));
  const text = part(template.text);
  if (template.html === undefined) return { subject, text };
  const html =
    typeof template.html === 'string'
      ? fill(template.html, values, escapeHtml)
      : template.html(
          Object.fromEntries(Object.entries(values).map(([k, v]) => [k, escapeHtml(v)])) as EscapedValues<V>,
        );
  return { subject, text, html };
}

/** The footer every Bóveda mail ends with. */
export const EMAIL_FOOTER =
  'Este mensaje lo envió Bóveda, la bóveda fiscal de tu despacho, de forma automática; no respondas a este correo.';

/**
 * Bóveda's one look for a rendered mail: the Spanish footer under the text, and the html (if any)
 * inside a small document (`lang="es"`, UTF-8, a readable column) with the same footer.
 * `footer` replaces the default line (plain text; it is escaped in the html).
 */
export function layout(mail: RenderedEmail, opts: { footer?: string } = {}): RenderedEmail {
  const footer = opts.footer ?? EMAIL_FOOTER;
  const text = `${mail.text.trimEnd()}\n\n--\n${footer}\n`;
  if (mail.html === undefined) return { subject: mail.subject, text };
  const html = [
    '<!doctype html>',
    '<html lang="es">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;color:#1f2937;line-height:1.5">',
    '<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">',
    mail.html,
    '<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0 12px">',
    `<p style="font-size:12px;color:#6b7280;margin:0">${escapeHtml(footer)}</p>`,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: mail.subject, text, html };
}
