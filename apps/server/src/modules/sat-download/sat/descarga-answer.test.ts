import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsObjectStore, type ObjectStore } from '../../../platform/storage/index.js';
import { PackageFormatError, readDescargaAnswer } from './descarga-answer.js';

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../../test-fixtures/sat-soap',
);

async function* pieces(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What the reader made of the answer: the zip bytes, or null when it carried none. */
async function packageOf(bytes: Buffer, cuts: number[] = []): Promise<string | null> {
  const answer = await readDescargaAnswer(pieces(bytes, cuts));
  if (answer.kind !== 'status') throw new Error('unexpected fault');
  // Compared as base64 text: a deep Buffer comparison is slow over thousands of splits.
  return answer.package ? (await drain(answer.package)).toString('base64') : null;
}

// A deterministic generator, so a failing split can be reproduced.
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}

describe('reading a Descargar answer as a stream', () => {
  let answer: Buffer;
  let expected: string;
  let base64: string;
  beforeAll(async () => {
    answer = await readFile(path.join(fixtures, 'response-with-package.xml'));
    // The oracle: the Paquete text of the recorded answer, decoded in one go.
    base64 = /<Paquete>([^<]*)<\/Paquete>/.exec(answer.toString('utf8'))![1]!;
    const zip = Buffer.from(base64, 'base64');
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    expected = zip.toString('base64');
  });

  it('reads the status and the exact zip of the recorded SAT answer', async () => {
    const read = await readDescargaAnswer(pieces(answer, []));
    expect(read).toMatchObject({ kind: 'status', code: 5000, message: 'Solicitud Aceptada' });
    expect(await packageOf(answer)).toBe(expected);
  });

  it('gives the same zip whatever the chunk boundaries: every two-piece split, bytes one by one, random cuts', async () => {
    for (let cut = 1; cut < answer.length; cut++) {
      expect(await packageOf(answer, [cut]), `split at ${cut}`).toBe(expected);
    }
    expect(
      await packageOf(
        answer,
        Array.from({ length: answer.length - 1 }, (_, i) => i + 1),
      ),
    ).toBe(expected);
    const next = random(7);
    for (let round = 0; round < 200; round++) {
      const cuts = [...new Set(Array.from({ length: 1 + next(12) }, () => 1 + next(answer.length - 1)))];
      cuts.sort((a, b) => a - b);
      expect(await packageOf(answer, cuts), `cuts ${cuts}`).toBe(expected);
    }
  });

  it('ignores line breaks and indentation inside the base64 (76-column CRLF lines, LF, spaces)', async () => {
    const text = answer.toString('utf8');
    const wrapped = (sep: string, width: number) =>
      Buffer.from(
        text.replace(base64, `${sep}${base64.match(new RegExp(`.{1,${width}}`, 'g'))!.join(sep)}${sep}`),
      );
    const next = random(11);
    for (const variant of [
      wrapped('\r\n', 76),
      wrapped('\n', 64),
      wrapped('\n        ', 3),
      wrapped(' ', 1),
    ]) {
      expect(await packageOf(variant)).toBe(expected);
      const cuts = [...new Set(Array.from({ length: 20 }, () => 1 + next(variant.length - 1)))];
      expect(
        await packageOf(
          variant,
          cuts.sort((a, b) => a - b),
        ),
      ).toBe(expected);
    }
  });

  it('reports a SOAP fault as a fault, with its code and text', async () => {
    const fault = await readFile(path.join(fixtures, 'fault-invalid-security.xml'));
    expect(await readDescargaAnswer(pieces(fault, [90]))).toEqual({
      kind: 'fault',
      code: 'a:InvalidSecurity',
      message: 'An error occurred when verifying security for the message.',
    });
  });

  it('reads a non-5000 status with an empty package, and a 5000 whose Paquete is empty, as no package', async () => {
    const template = (await readFile(path.join(fixtures, 'response-with-package-template.xml'), 'utf8'))
      .replace('CodEstatus="5000"', 'CodEstatus="5008"')
      .replace('Solicitud Aceptada', 'M&#225;ximo de descargas permitidas');
    expect(await readDescargaAnswer(pieces(Buffer.from(template), [200]))).toEqual({
      kind: 'status',
      code: 5008,
      message: 'Máximo de descargas permitidas',
      package: null,
    });
    const gone = template.replace('5008', '5007').replace('<Paquete />', '<Paquete>\n  </Paquete>');
    expect(await readDescargaAnswer(pieces(Buffer.from(gone), []))).toMatchObject({
      code: 5007,
      package: null,
    });
    const emptyOk = answer.toString('utf8').replace(base64, '  ');
    expect(await readDescargaAnswer(pieces(Buffer.from(emptyOk), []))).toMatchObject({
      code: 5000,
      package: null,
    });
  });

  it('finds Paquete under any prefix and reads the header whatever its attribute order', async () => {
    const prefixed = Buffer.from(
      answer
        .toString('utf8')
        .replace(
          'CodEstatus="5000" Mensaje="Solicitud Aceptada"',
          "Mensaje='Solicitud Aceptada' CodEstatus='5000'",
        )
        .replace('<Paquete>', '<d:Paquete xmlns:d="http://DescargaMasivaTerceros.sat.gob.mx">')
        .replace('</Paquete>', '</d:Paquete >'),
    );
    expect(await packageOf(prefixed, [700, 701])).toBe(expected);
  });

  it('fails on damaged base64 and on text after the padding, never ending the stream quietly', async () => {
    const text = answer.toString('utf8');
    const bad = [
      text.replace(base64, `${base64.slice(0, 100)}*${base64.slice(101)}`),
      text.replace(base64, `${base64}QUJD`),
      text.replace(base64, base64.slice(0, -1)),
      text.replace('</Paquete>', '<x/></Paquete>'),
    ];
    for (const variant of bad) {
      await expect(packageOf(Buffer.from(variant), [333])).rejects.toBeInstanceOf(PackageFormatError);
    }
  });
});

describe('a cut answer stores nothing', () => {
  let dir: string;
  let store: ObjectStore;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'descarga-cut-'));
    store = createFsObjectStore({ rootDir: dir });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('fails at every cut point before the envelope closes, and the store holds no object', async () => {
    const answer = await readFile(path.join(fixtures, 'response-with-package.xml'));
    const end = answer.lastIndexOf('</s:Envelope>') + '</s:Envelope>'.length;
    const key = 'tenants/t/clientes/EKU9003173C9/2018/paquetes/cfdi/cut.zip';
    let stores = 0;
    for (let cut = 0; cut < end; cut++) {
      const source = pieces(answer.subarray(0, cut), cut > 10 ? [cut - 7] : []);
      const outcome = await readDescargaAnswer(source)
        .then(async (a) => {
          if (a.kind !== 'status' || !a.package) return 'no package';
          // Storing into the real file store for a sample of the cuts, draining for the rest.
          if (cut % 25 === 0 || cut > end - 40) {
            stores++;
            return store.put(key, a.package).then(() => 'stored');
          }
          return drain(a.package).then(() => 'read');
        })
        .catch((e: unknown) => (e instanceof PackageFormatError ? 'error' : `other: ${e}`));
      if (outcome !== 'error') {
        // A cut before the package even begins may read as "no package"; it is never a stored zip.
        expect(outcome, `cut at ${cut}`).not.toMatch(/stored|read/);
        expect(cut, `cut at ${cut}`).toBeLessThan(answer.indexOf('<Paquete>') + 9);
      }
    }
    expect(stores).toBeGreaterThan(100);
    expect(await store.head(key)).toBeNull();
    const left: string[] = [];
    for await (const o of store.list('')) left.push(o.key);
    expect(left).toEqual([]);
  });
});
