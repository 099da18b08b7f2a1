import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { prepareZXingModule, type ReaderOptions, readBarcodes } from 'zxing-wasm/reader';
import { parseQrExpression, type QrExpression } from './qr-expression.js';

export { parseQrExpression, type QrExpression } from './qr-expression.js';

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | undefined;

/** zxing-wasm fetches its .wasm from a CDN by default; we hand it the bytes from node_modules. */
function ensureZxing(): Promise<unknown> {
  if (!ready) {
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer;
    ready = Promise.resolve(prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true }));
  }
  return ready;
}

const OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: false,
  maxNumberOfSymbols: 4,
};

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** Every QR text in an image: PNG/JPEG bytes (decoded inside zxing) or raw RGBA pixels. */
export async function decodeQrTexts(image: Uint8Array | RgbaImage): Promise<string[]> {
  await ensureZxing();
  const input =
    image instanceof Uint8Array
      ? image
      : // zxing reads any { width, height, data } as RGBA (it duck-types ImageData).
        ({ width: image.width, height: image.height, data: image.data } as unknown as Parameters<
          typeof readBarcodes
        >[0]);
  const results = await readBarcodes(input, OPTIONS);
  return results.filter((r) => r.isValid && r.text !== '').map((r) => r.text);
}

/** The first QR in the image that is a CFDI verification expression (a page may carry other QRs). */
export async function decodeCfdiQr(image: Uint8Array | RgbaImage): Promise<QrExpression | null> {
  for (const text of await decodeQrTexts(image)) {
    const expression = parseQrExpression(text);
    if (expression) return expression;
  }
  return null;
}
