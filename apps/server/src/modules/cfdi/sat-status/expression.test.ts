import { describe, expect, it } from 'vitest';
import { buildStatusExpression, formatExpressionTotal } from './expression.js';
import { consultaRequestBody } from './sat-status.client.js';

describe('formatExpressionTotal (Anexo 20 tt)', () => {
  it.each([
    ['2010.01', '2010.01'],
    ['1.00', '1.0'],
    ['0', '0.0'],
    ['0.000000', '0.0'],
    ['1160.000000', '1160.0'],
    ['0000014300.000000', '14300.0'], // the SAT's own zero-padded example
    ['0000001234.567800', '1234.5678'], // the CFDI 3.2 10.6 form
    ['8413.00', '8413.0'],
    ['123456789012345678.123456', '123456789012345678.123456'],
    [' 99.5 ', '99.5'],
  ])('%s → %s', (input, expected) => {
    expect(formatExpressionTotal(input)).toBe(expected);
  });

  it('formats numbers through 6 fixed decimals (no float noise)', () => {
    expect(formatExpressionTotal(0.1 + 0.2)).toBe('0.3');
    expect(formatExpressionTotal(1160)).toBe('1160.0');
  });

  it.each(['', '-1.00', '1,160.00', '1e3', '1.1234567', '1234567890123456789.0', 'abc'])(
    'refuses %j',
    (input) => {
      expect(() => formatExpressionTotal(input)).toThrow(
        expect.objectContaining({ code: 'SAT_STATUS_INVALID_EXPRESSION' }),
      );
    },
  );
});

describe('buildStatusExpression', () => {
  it('builds the CFDI 3.3/4.0 QR expression (phpcfdi compliance data)', () => {
    expect(
      buildStatusExpression({
        uuid: 'cee4be01-adfa-4deb-8421-add60f0bedac',
        rfcEmisor: 'POT9207213D6',
        rfcReceptor: 'DIM8701081LA',
        total: '2010.01',
        sealTail: '/OAgdg==',
      }),
    ).toBe(
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=CEE4BE01-ADFA-4DEB-8421-ADD60F0BEDAC&re=POT9207213D6&rr=DIM8701081LA&tt=2010.01&fe=/OAgdg==',
    );
  });

  it('writes & in an RFC as &amp; in the expression, and &amp;amp; in the envelope', () => {
    const expression = buildStatusExpression({
      uuid: '3be40815-916c-4c91-84e2-6070d4bc3949',
      rfcEmisor: 'a&b010101ab1',
      rfcReceptor: 'XEXX010101000',
      total: 8413,
    });
    expect(expression).toBe(
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=3BE40815-916C-4C91-84E2-6070D4BC3949&re=A&amp;B010101AB1&rr=XEXX010101000&tt=8413.0&fe=',
    );
    const body = consultaRequestBody(expression);
    expect(body).toContain(
      're=A&amp;amp;B010101AB1&amp;rr=XEXX010101000&amp;tt=8413.0&amp;fe=</c:expresionImpresa>',
    );
    expect(body).not.toMatch(/&(?!amp;)/);
  });

  it('keeps Ñ, cuts a whole seal to its last 8 characters (with + and /)', () => {
    const expression = buildStatusExpression({
      uuid: '3be40815-916c-4c91-84e2-6070d4bc3949',
      rfcEmisor: 'ÑAÑ900101AB1',
      rfcReceptor: 'EKU9003173C9',
      total: '1.0',
      sealTail: 'QmFzZTY0c2VhbA+b/a9Q==',
    });
    expect(expression).toContain('re=ÑAÑ900101AB1&');
    expect(expression.endsWith('&fe=+b/a9Q==')).toBe(true);
  });

  it.each([
    { uuid: 'not-a-uuid' },
    { rfcEmisor: 'EKU9003173C' },
    { rfcReceptor: '' },
    { sealTail: 'no spaces!' },
  ])('refuses %j', (override) => {
    const query = {
      uuid: '3be40815-916c-4c91-84e2-6070d4bc3949',
      rfcEmisor: 'EKU9003173C9',
      rfcReceptor: 'XAXX010101000',
      total: '1.00',
      ...override,
    };
    expect(() => buildStatusExpression(query)).toThrow(
      expect.objectContaining({ code: 'SAT_STATUS_INVALID_EXPRESSION' }),
    );
  });
});
