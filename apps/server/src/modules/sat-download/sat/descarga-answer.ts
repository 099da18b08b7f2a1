import { Readable } from 'node:stream';
import { Base64Decoder, PackageFormatError } from './base64-decoder.js';

export { PackageFormatError } from './base64-decoder.js';

/**
 * How far into the answer the status and the start of the package must be. The SAT puts
 * `h:respuesta` in the SOAP Header, before the Body (doc §1.8): a few hundred bytes in practice.
 */
export const HEAD_LIMIT = 64 * 1024;
// What may follow the package: its closing tags. Anything longer is not a Descargar answer.
const TAIL_LIMIT = 64 * 1024;

export type DescargaAnswer =
  | { kind: 'fault'; code: string; message: string }
  | {
      kind: 'status';
      code: number;
      message: string;
      /** The decoded zip, read as it is consumed; null when the answer carries no package. */
      package: Readable | null;
    };

const NAME = '(?:[A-Za-z_][\\w.-]*:)?';
const PAQUETE_OPEN = new RegExp(`<${NAME}Paquete(?:\\s[^<>]*?)?(/?)>`);
const PAQUETE_CLOSE = new RegExp(`^</${NAME}Paquete\\s*>`);
const ENVELOPE_END = new RegExp(`</${NAME}Envelope\\s*>\\s*$`);
const RESPUESTA = new RegExp(`<${NAME}respuesta(\\s[^<>]*?)/?>`, 'i');
const FAULT = new RegExp(`<${NAME}Fault[\\s>]`);
const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * Reads a Descargar answer as it arrives: the status from the head of the document (bounded
 * look-ahead), then the base64 text of `<Paquete>` decoded piece by piece. Nothing larger than one
 * piece is held, whatever the package size. The package stream fails (it never just ends) when the
 * answer is cut short, the base64 is damaged or the document does not close properly, so a consumer
 * that stores it atomically never keeps a partial package.
 */
export async function readDescargaAnswer(source: AsyncIterable<Buffer>): Promise<DescargaAnswer> {
  const pieces = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  for (;;) {
    const head = Buffer.concat(chunks, size);
    const text = head.toString('utf8');
    const found = findPackage(text);
    if (ended || found?.decided || size > HEAD_LIMIT) {
      const answer = decide(text, found, ended, size > HEAD_LIMIT);
      if (answer.kind === 'fault') {
        await pieces.return?.();
        return answer;
      }
      if (!found || found.empty || answer.code !== 5000) {
        await pieces.return?.();
        return { ...answer, package: null };
      }
      const offset = Buffer.byteLength(text.slice(0, found.contentStart), 'utf8');
      return { ...answer, package: Readable.from(packageBytes(head.subarray(offset), pieces)) };
    }
    const next = await pieces.next();
    if (next.done) ended = true;
    else {
      chunks.push(next.value);
      size += next.value.length;
    }
  }
}

interface FoundPackage {
  /** Index in the head text where the base64 starts. */
  contentStart: number;
  /** Self-closing or only whitespace before the closing tag. */
  empty: boolean;
  /** Enough has been read to know whether the package has content. */
  decided: boolean;
}

function findPackage(text: string): FoundPackage | null {
  const open = PAQUETE_OPEN.exec(text);
  if (!open) return null;
  const contentStart = open.index + open[0].length;
  if (open[1] === '/') return { contentStart, empty: true, decided: true };
  const first = text.slice(contentStart).search(/\S/);
  if (first === -1) return { contentStart, empty: false, decided: false };
  return { contentStart, empty: text[contentStart + first] === '<', decided: true };
}

function decide(
  text: string,
  found: FoundPackage | null,
  ended: boolean,
  overLimit: boolean,
): { kind: 'fault'; code: string; message: string } | { kind: 'status'; code: number; message: string } {
  const before = found ? text.slice(0, found.contentStart) : text;
  const fault = FAULT.test(before) ? soapFault(text) : null;
  if (fault) return { kind: 'fault', ...fault };
  const respuesta = RESPUESTA.exec(before);
  if (!respuesta) {
    throw new PackageFormatError(
      overLimit
        ? `no status (h:respuesta) in the first ${HEAD_LIMIT / 1024} KB`
        : 'the answer has no status (h:respuesta)',
    );
  }
  const attributes = new Map<string, string>();
  for (const [, name, double, single] of (respuesta[1] ?? '').matchAll(ATTRIBUTE)) {
    attributes.set(name!.toLowerCase(), decodeEntities(double ?? single ?? ''));
  }
  const code = Number(attributes.get('codestatus'));
  if (!Number.isInteger(code)) throw new PackageFormatError('the status has no numeric CodEstatus');
  const message = attributes.get('mensaje') ?? '';
  if (code === 5000 && !found && !ended) {
    throw new PackageFormatError(`no Paquete in the first ${HEAD_LIMIT / 1024} KB`);
  }
  if (code === 5000 && !found && !ENVELOPE_END.test(text)) {
    throw new PackageFormatError('the answer ends before the package');
  }
  if (code === 5000 && found && !found.decided) {
    throw new PackageFormatError(ended ? 'the answer ends inside the package' : 'an overlong blank package');
  }
  return { kind: 'status', code, message };
}

async function* packageBytes(first: Buffer, pieces: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  const decoder = new Base64Decoder();
  let tail: string | null = null;
  try {
    let next: Buffer | null = first;
    while (next) {
      if (tail !== null) {
        tail += next.toString('utf8');
        if (tail.length > TAIL_LIMIT) throw new PackageFormatError('unexpected content after the package');
      } else {
        // Base64 has no "<": the first one is the closing tag of Paquete.
        const lt = next.indexOf(0x3c);
        const bytes = decoder.push((lt === -1 ? next : next.subarray(0, lt)).toString('latin1'));
        if (bytes?.length) yield bytes;
        if (lt !== -1) tail = next.subarray(lt).toString('utf8');
      }
      const step = await pieces.next();
      next = step.done ? null : step.value;
    }
    if (tail === null) throw new PackageFormatError('the answer ends inside the package');
    decoder.end();
    if (!PAQUETE_CLOSE.test(tail)) throw new PackageFormatError('Paquete holds something other than base64');
    if (!ENVELOPE_END.test(tail))
      throw new PackageFormatError('the answer ends before the SOAP envelope closes');
    if (decoder.size === 0) throw new PackageFormatError('the package is empty');
  } finally {
    await pieces.return?.();
  }
}

/** The SOAP fault of a (bounded) answer text, or null when it is not a fault. */
export function soapFault(text: string): { code: string; message: string } | null {
  if (!FAULT.test(text)) return null;
  return { code: elementText(text, 'faultcode'), message: elementText(text, 'faultstring') };
}

function elementText(text: string, local: string): string {
  const m = new RegExp(`<${NAME}${local}(?:\\s[^<>]*)?>([\\s\\S]*?)</${NAME}${local}\\s*>`).exec(text);
  return decodeEntities(m?.[1] ?? '').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}
