import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../test-fixtures/', import.meta.url));

export function fixturePath(relative: string): string {
  return `${ROOT}${relative}`;
}

export function readFixture(relative: string): string {
  return readFileSync(fixturePath(relative), 'utf8');
}

/** The SAT's public test e.firma (EKU9003173C9), valid 2023-05-18 → 2027-05-17. */
export function testFiel(kind: 'fake-fiel' | 'fake-csd' = 'fake-fiel') {
  const dir = `credentials/${kind}/`;
  return {
    certificate: readFileSync(fixturePath(`${dir}EKU9003173C9.cer`), 'binary'),
    privateKey: readFileSync(fixturePath(`${dir}EKU9003173C9.key`), 'binary'),
    password: readFixture(`${dir}EKU9003173C9-password.txt`).trim(),
  };
}
