import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The web has no copy of a server DTO: its types are the contracts' zod types. This typechecks the
 * web app (its tsconfig, as `npm run typecheck` does) with fields of the contracts renamed in
 * memory, and requires the app to stop compiling exactly where it reads or sends those fields.
 */
const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const srcDir = path.join(webDir, 'src');
const contractsApi = path.resolve(webDir, '../../packages/contracts/src/api');

interface Rename {
  file: string;
  from: string;
  to: string;
}

const renames = {
  // A response field, read by the taxpayer pages.
  taxpayerName: { file: 'taxpayers.ts', from: '  legalName: z.string(),', to: '  name: z.string(),' },
  // A field the web sends: the new API key form.
  apiKeyName: {
    file: 'auth.ts',
    from: 'createApiKeyBody = z.object({\n  name:',
    to: 'createApiKeyBody = z.object({\n  label:',
  },
  // The CFDI explorer's rows, once a hand-written copy of the server's.
  cfdiIssuer: {
    file: 'cfdi.ts',
    from: '  emisorNombre: z.string().nullable(),\n  receptorRfc',
    to: '  emisor: z.string().nullable(),\n  receptorRfc',
  },
} satisfies Record<string, Rename>;

/** `file: message` of every error in the app's sources, typechecked with `edits` applied. */
function appErrorsWith(edits: Rename[]): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(webDir, 'tsconfig.json'), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error('apps/web/tsconfig.json could not be read');
  const byFile = new Map(edits.map((e) => [realpathSync(path.join(contractsApi, e.file)), e]));
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => {
    let text = readFile(file);
    for (const [target, edit] of byFile) {
      if (text === undefined || path.resolve(file) !== target) continue;
      if (!text.includes(edit.from))
        throw new Error(`${edit.file} no longer has ${JSON.stringify(edit.from)}`);
      text = text.replace(edit.from, edit.to);
    }
    return text;
  };
  // The app's own sources: its tests and e2e also import the server's test support, which would
  // typecheck the whole server as well.
  const appFiles = parsed.fileNames.filter((f) => f.startsWith(srcDir) && !/\.test\.tsx?$/.test(f));
  const program = ts.createProgram(appFiles, parsed.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && path.resolve(d.file.fileName).startsWith(srcDir))
    .map(
      (d) =>
        `${path.relative(webDir, d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

describe('the web types its calls with the contracts', () => {
  let errors: string[] = [];
  // Several renames at once, one typecheck: some seconds on a small machine.
  beforeAll(() => {
    errors = appErrorsWith(Object.values(renames));
  }, 120_000);

  it('stops compiling only where the renamed fields are used', () => {
    const mentionsARename = (e: string) =>
      ["'legalName'", "'name'", "'emisorNombre'"].some((f) => e.includes(f));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((e) => !mentionsARename(e))).toEqual([]);
  });

  it('when a response field is renamed', () => {
    expect(errors).toContainEqual(
      expect.stringMatching(
        /^src\/pages\/taxpayers\/TaxpayersPage\.tsx: Property 'legalName' does not exist/,
      ),
    );
  });

  it('when a field of a request body is renamed', () => {
    expect(errors).toContainEqual(
      expect.stringMatching(/^src\/pages\/api-keys\/NewApiKeyForm\.tsx: .*'name' does not exist in type/),
    );
  });

  it('when a field of the CFDI explorer rows is renamed', () => {
    expect(errors).toContainEqual(
      expect.stringMatching(/^src\/pages\/cfdi\/CfdiPage\.tsx: Property 'emisorNombre' does not exist/),
    );
  });
});
