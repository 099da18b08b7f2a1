import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvChunks } from './csv.js';
import { escapeXml } from './xlsx.js';

describe('CSV cells', () => {
  it('quotes only what needs it and doubles quotes', () => {
    expect(csvCell('Comercial Beta')).toBe('Comercial Beta');
    expect(csvCell('Beta, S.A.')).toBe('"Beta, S.A."');
    expect(csvCell('dice "hola"')).toBe('"dice ""hola"""');
    expect(csvCell('línea\r\notra')).toBe('"línea\r\notra"');
    expect(csvCell(null)).toBe('');
  });

  it('keeps formulas from running in Excel, but not amounts', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-5', 'money')).toBe('-5');
  });

  it('starts with a BOM and the header, then one CRLF line per row', async () => {
    const cols = [{ header: 'A', kind: 'text' as const, value: (r: string) => r }];
    async function* rows() {
      yield ['x', 'y,z'];
    }
    let out = '';
    for await (const chunk of csvChunks(cols, rows())) out += chunk;
    expect(out).toBe(`${CSV_BOM}A\r\nx\r\n"y,z"\r\n`);
  });
});

describe('XLSX text', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('<a & "b">\u0001\u000b')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    expect(escapeXml('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });
});
