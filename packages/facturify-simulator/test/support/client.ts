import type { RunningFacturifySimulator } from '../../src/index.js';

export interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  body: any;
  bytes: Buffer;
}

/** fetch against the simulator; `json` is sent as application/json, `form` as a urlencoded form. */
export async function call(
  sim: RunningFacturifySimulator | string,
  path: string,
  options: {
    method?: string;
    token?: string;
    json?: unknown;
    form?: Record<string, string>;
    timeoutMs?: number;
  } = {},
): Promise<Reply> {
  const base = typeof sim === 'string' ? sim : sim.url;
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const response = await fetch(`${base}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body === undefined ? {} : { body }),
    ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: response.headers,
    body: json && bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined,
    bytes,
  };
}

export const CREDENTIALS = { api_key: 'demo-api-key', api_secret: 'demo-api-secret' };

export async function login(sim: RunningFacturifySimulator): Promise<string> {
  const reply = await call(sim, '/api/v1/auth', { json: CREDENTIALS });
  if (reply.status !== 200) throw new Error(`auth failed: ${reply.status}`);
  return reply.body.jwt.token as string;
}

export const EMISOR_UUID = '9f3c2a51-6b7d-4e0a-8c1d-2e4f6a8b0c11';

/** A valid invoice of 2 lines: 1,000.00 + 3 × 33.333 (= 99.999 → 100.00), IVA 16 %. */
export function invoice(overrides: Record<string, unknown> = {}) {
  return {
    emisor: { uuid: EMISOR_UUID },
    receptor: {
      rfc: 'XIA190128J61',
      razon_social: 'XENON INDUSTRIAL ARTICLES',
      codigo_postal: '76343',
      regimen_fiscal: '601',
      uso_cfdi: 'G03',
    },
    factura: {
      version: '4.0',
      fecha: '2026-03-02 10:00:00',
      tipo: 'ingreso',
      generacion_automatica: true,
      moneda: 'MXN',
      forma_de_pago: '03',
      metodo_de_pago: 'PUE',
      exportacion: '01',
      subtotal: 1100,
      impuesto_federal: 176,
      total: 1276,
      conceptos: [
        {
          clave_producto_servicio: '84111506',
          clave_unidad_de_medida: 'E48',
          cantidad: 1,
          descripcion: 'Servicios de contabilidad',
          valor_unitario: 1000,
          total: 1000,
          objeto_imp: '02',
          impuestos: {
            traslados: {
              traslado: [{ base: 1000, impuesto: '002', tipoFactor: 'Tasa', tasaOCuota: 0.16, importe: 160 }],
            },
          },
        },
        {
          clave_producto_servicio: '43231500',
          clave_unidad_de_medida: 'H87',
          cantidad: 3,
          descripcion: 'Licencia <anual> & "soporte"',
          valor_unitario: 33.333,
          total: 100,
          objeto_imp: '02',
          impuestos: {
            traslados: {
              traslado: [{ base: 100, impuesto: '002', tipoFactor: 'Tasa', tasaOCuota: 0.16, importe: 16 }],
            },
          },
        },
      ],
      ...overrides,
    },
  };
}
