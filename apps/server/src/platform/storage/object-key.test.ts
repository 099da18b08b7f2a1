import { describe, expect, it } from 'vitest';
import { normalizeObjectKey, normalizeObjectPrefix } from './object-key.js';
import { InvalidObjectKeyError } from './storage.port.js';

describe('object keys', () => {
  it('accepts the package layout, Ñ, accents, spaces and - _ . @ = +', () => {
    const key =
      'tenants/0b9f6c1e-3f1a-4c55-9d0e-2f1f3c4d5e6f/clientes/EKU9003173C9/2026/paquetes/cfdi/A1_01.zip';
    expect(normalizeObjectKey(key)).toBe(key);
    expect(normalizeObjectKey('PEÑA/Facturación 2026/a@b=c+d.e-f_g.xml')).toBe(
      'PEÑA/Facturación 2026/a@b=c+d.e-f_g.xml',
    );
  });

  it('returns keys in NFC', () => {
    expect(normalizeObjectKey('PEN\u0303A/x')).toBe('PE\u00d1A/x');
  });

  it('counts the 1024 limit in UTF-8 bytes and each segment up to 255 bytes', () => {
    const segment = 'ñ'.repeat(127); // 254 bytes
    const fourSegments = [segment, segment, segment, `${'a'.repeat(9)}`].join('/'); // 254*3 + 3 + 9 = 774
    expect(normalizeObjectKey(fourSegments)).toBe(fourSegments);
    const exactly1024 = [segment, segment, segment, 'a'.repeat(255)].join('/'); // 1020 bytes
    expect(Buffer.byteLength(normalizeObjectKey(`${exactly1024}/abc`))).toBe(1024);
    expect(() => normalizeObjectKey(`${exactly1024}/abcd`)).toThrow(InvalidObjectKeyError);
    expect(() => normalizeObjectKey('ñ'.repeat(128))).toThrow(/255 bytes/);
  });

  it('explains what is wrong', () => {
    expect(() => normalizeObjectKey('a//b')).toThrow(/empty segments/);
    expect(() => normalizeObjectKey('a/../b')).toThrow(/"\.\." segments/);
    expect(() => normalizeObjectKey('a\\b')).toThrow(/letters, digits/);
    expect(() => normalizeObjectKey(42 as unknown as string)).toThrow(/must be a string/);
  });

  it('accepts list prefixes that are empty, end in "/" or end in a partial segment', () => {
    expect(normalizeObjectPrefix('')).toBe('');
    expect(normalizeObjectPrefix('tenants/')).toBe('tenants/');
    expect(normalizeObjectPrefix('tenants/ab')).toBe('tenants/ab');
    expect(() => normalizeObjectPrefix('/')).toThrow(InvalidObjectKeyError);
    expect(() => normalizeObjectPrefix('a//')).toThrow(InvalidObjectKeyError);
  });
});
