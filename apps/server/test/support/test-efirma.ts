import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Registers the SAT's public test e.firma (EKU9003173C9) through an api; answers the HTTP status. */
export async function registerTestEfirma(apiUrl: string, key: string): Promise<number> {
  const fixtures = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../../../test-fixtures/efirma',
  );
  const file = async (name: string) => new Blob([await readFile(path.join(fixtures, name))]);
  const form = new FormData();
  form.append('certificate', await file('fiel-EKU9003173C9.cer'), 'a.cer');
  form.append('privateKey', await file('fiel-EKU9003173C9.key'), 'a.key');
  form.append(
    'password',
    (await readFile(path.join(fixtures, 'fiel-EKU9003173C9-password.txt'), 'utf8')).trim(),
  );
  const res = await fetch(`${apiUrl}/api/v1/taxpayers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  return res.status;
}
