import { describe, expect, it } from 'vitest';
import { attachment, entryBaseName, zipFileName } from './xml-zip.js';

const UUID = '0f6c1b2a-3d4e-4f50-8a6b-7c8d9e0f1a2b';

describe('XML ZIP names', () => {
  it('names each CFDI by emisor, serie-folio and UUID, safe for any file system', () => {
    expect(entryBaseName({ uuid: UUID, emisorRfc: 'EKU9003173C9', serie: 'A', folio: '123' })).toBe(
      `EKU9003173C9_A123_${UUID.toUpperCase()}`,
    );
    expect(entryBaseName({ uuid: UUID, emisorRfc: 'H&E951128469', serie: null, folio: null })).toBe(
      `H&E951128469_${UUID.toUpperCase()}`,
    );
    expect(entryBaseName({ uuid: UUID, emisorRfc: null, serie: 'F/2024', folio: '..\\7' })).toBe(
      `SIN_RFC_F_2024.._7_${UUID.toUpperCase()}`,
    );
  });

  it('names the ZIP by RFC, direction and period', () => {
    const today = new Date('2026-03-04T10:00:00Z');
    expect(
      zipFileName({ rfc: 'eku9003173c9', direction: 'issued', from: '2025-01-01', to: '2025-01-31' }),
    ).toBe('CFDI_EKU9003173C9_emitidos_2025-01.zip');
    expect(
      zipFileName({ rfc: 'EKU9003173C9', direction: 'received', from: '2024-02-01', to: '2024-02-29' }),
    ).toBe('CFDI_EKU9003173C9_recibidos_2024-02.zip');
    expect(zipFileName({ rfc: 'EKU9003173C9', from: '2025-01-01', to: '2025-12-31' })).toBe(
      'CFDI_EKU9003173C9_2025.zip',
    );
    expect(zipFileName({ from: '2025-01-05', to: '2025-02-10', tipo: 'E' })).toBe(
      'CFDI_E_2025-01-05_2025-02-10.zip',
    );
    expect(zipFileName({ from: '2025-01-05' })).toBe('CFDI_desde_2025-01-05.zip');
    expect(zipFileName({ uuids: [UUID] })).toBe('CFDI_seleccion.zip');
    expect(zipFileName({}, today)).toBe('CFDI_2026-03-04.zip');
  });

  it('sends an ASCII fallback and the UTF-8 name', () => {
    expect(attachment('CFDI_ÑA&010101AAA.zip')).toBe(
      `attachment; filename="CFDI_N_A&010101AAA.zip"; filename*=UTF-8''CFDI_%C3%91A%26010101AAA.zip`,
    );
  });
});
