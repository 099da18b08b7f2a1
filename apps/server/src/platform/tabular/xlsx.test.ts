import { describe, expect, it } from 'vitest';
import { columnLetters, excelSerial } from './xlsx.js';

describe('XLSX cells', () => {
  it('writes a local date-time as the Excel serial of that wall-clock time', () => {
    // Excel's own values: 2025-01-10 is day 45667; noon is half a day.
    expect(excelSerial('2025-01-10T00:00:00')).toBe(45667);
    expect(excelSerial('2025-01-10T12:00:00')).toBe(45667.5);
    expect(excelSerial('2025-01-10 18:00')).toBe(45667.75);
    expect(excelSerial('2025-01-10')).toBe(45667);
    // 1900-03-01 is 61 (Excel counts a 1900-02-29 that never was; dates after it line up).
    expect(excelSerial('1900-03-01T00:00:00')).toBe(61);
    expect(excelSerial('not a date')).toBeNull();
  });

  it('names columns as a spreadsheet does', () => {
    expect([1, 26, 27, 28, 52, 53, 702, 703].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});
