import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.js';
import { createIsolatedExtractor } from './extract-isolated.js';
import { fixture } from './testing/fixtures.js';

const NOW = new Date('2026-12-04T12:00:00Z');

describe('createIsolatedExtractor', () => {
  const extractor = createIsolatedExtractor({ timeoutMs: 20_000 });

  it('gives the in-process result, with typed errors carried across the thread', async () => {
    const bytes = fixture('nodecfdi-cfdi33-valid.pdf');
    const isolated = await extractor.extract(bytes, { now: NOW });
    expect(isolated).toEqual(await extractDocument(bytes, { now: NOW }));
    await expect(extractor.extract(fixture('hostile/password-protected.pdf'))).rejects.toMatchObject({
      code: 'PDF_ENCRYPTED',
    });
  });

  it('terminates the thread past its hard bound', async () => {
    const tight = createIsolatedExtractor({ timeoutMs: 50 });
    await expect(tight.extract(fixture('cfdiutils-cfdi40-real.pdf'))).rejects.toMatchObject({
      code: 'EXTRACTION_TIMEOUT',
    });
  });
});
