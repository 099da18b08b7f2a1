import { describe, expect, it } from 'vitest';
import {
  EMAIL_FOOTER,
  type EmailTemplate,
  EmailTemplateError,
  escapeHtml,
  layout,
  renderEmail,
} from './render.js';

const alerta: EmailTemplate<{ cliente: string; total: string; intentos: number }> = {
  subject: 'Alerta: {{cliente}} no respondió',
  text: 'El webhook de {{ cliente }} falló {{intentos}} veces. Total: {{total}}.',
  html: '<p>El webhook de <strong>{{cliente}}</strong> falló {{intentos}} veces.</p><a title="{{cliente}}">ver</a>',
};

describe('renderEmail', () => {
  it('fills placeholders as they are in the subject and text, HTML-escaped in the html', () => {
    const cliente = `Pérez & Hijos <script>alert('x')</script> "SA"`;
    const out = renderEmail(alerta, { cliente, total: '$1,000.00', intentos: 3 });
    expect(out.subject).toBe(`Alerta: ${cliente} no respondió`);
    expect(out.text).toBe(`El webhook de ${cliente} falló 3 veces. Total: $1,000.00.`);
    expect(out.html).toBe(
      '<p>El webhook de <strong>Pérez &amp; Hijos &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;SA&quot;</strong> falló 3 veces.</p>' +
        '<a title="Pérez &amp; Hijos &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &quot;SA&quot;">ver</a>',
    );
    expect(out.html).not.toContain('<script>');
  });

  it('gives an html function escaped values, and plain values to the text', () => {
    const tpl: EmailTemplate<{ nombre: string }> = {
      subject: (v) => `Hola ${v.nombre}`,
      text: (v) => `Hola ${v.nombre}`,
      html: (e) => `<h1>Hola ${e.nombre}</h1>`,
    };
    expect(renderEmail(tpl, { nombre: '<b>Ana</b>' })).toEqual({
      subject: 'Hola <b>Ana</b>',
      text: 'Hola <b>Ana</b>',
      html: '<h1>Hola &lt;b&gt;Ana&lt;/b&gt;</h1>',
    });
  });

  it('keeps the subject on one line (no header injection)', () => {
    const out = renderEmail(
      { subject: 'Aviso {{x}}', text: '' },
      { x: 'uno\r\nBcc: otro@example.com\n  dos' },
    );
    expect(out.subject).toBe('Aviso uno Bcc: otro@example.com dos');
    expect(out.html).toBeUndefined();
  });

  it('refuses a placeholder without a value, and does not read inherited properties', () => {
    expect(() => renderEmail({ subject: 'Hola {{nombre}}', text: '' }, {})).toThrow(EmailTemplateError);
    expect(() => renderEmail({ subject: '{{constructor}}', text: '' }, {})).toThrow(/constructor/);
  });

  it('does not expand placeholders that arrive inside values', () => {
    const out = renderEmail({ subject: '{{a}}', text: '{{a}} {{b}}' }, { a: '{{b}}', b: 'secreto' });
    expect(out.text).toBe('{{b}} secreto');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('layout', () => {
  it('adds the Spanish footer to the text and wraps the html in a Spanish document', () => {
    const out = layout({ subject: 'Aviso <1>', text: 'Cuerpo\n\n', html: '<p>Cuerpo</p>' });
    expect(out.text).toBe(`Cuerpo\n\n--\n${EMAIL_FOOTER}\n`);
    expect(EMAIL_FOOTER).toMatch(/^Este mensaje lo envió Bóveda/);
    expect(out.html).toContain('<html lang="es">');
    expect(out.html).toContain('<title>Aviso &lt;1&gt;</title>');
    expect(out.html).toContain('<p>Cuerpo</p>');
    expect(out.html).toContain(EMAIL_FOOTER);
  });

  it('leaves a text-only mail text-only, and escapes a custom footer in the html', () => {
    expect(layout({ subject: 's', text: 't' }, { footer: 'Pie' })).toEqual({
      subject: 's',
      text: 't\n\n--\nPie\n',
    });
    expect(layout({ subject: 's', text: 't', html: 'h' }, { footer: '<i>Pie</i>' }).html).toContain(
      '&lt;i&gt;Pie&lt;/i&gt;',
    );
  });
});
