import type { Random } from './random.js';

/** The parts of an OpenAPI 3.1 document the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
  security?: unknown[];
}

export interface FuzzRequest {
  variant: string;
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export function operationsOf(doc: {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
}) {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path }) as Operation),
  );
}

// Values this API's fields expect, by name: a pattern alone does not say how to build one.
const KNOWN: Record<string, unknown> = {
  rfc: 'EKU9003173C9',
  from: '2024-01-01',
  to: '2024-12-31',
  start: '2024-01-01',
  end: '2024-01-31',
  minTotal: '100.00',
  maxTotal: '5000.00',
  complemento: 'pagos20',
  counterpart: 'ACME',
  q: 'ESCUELA',
  efecto: 'I',
  state: 'pending',
  year: 2024,
  password: 'a-long-enough-password-123',
  name: 'Fuzz',
  tenant: 'fuzz',
  role: 'viewer',
};

const typeOf = (s: JsonSchema) => [s.type].flat().find((t) => t !== 'null');
const branchOf = (s: JsonSchema) => (s.anyOf ?? s.oneOf)?.find((b) => typeOf(b) !== undefined);

/** A value that fits the schema (as far as a name or the schema tells), for the valid request. */
export function sample(schema: JsonSchema, name: string, random: Random): unknown {
  const branch = branchOf(schema);
  if (branch) return sample(branch, name, random);
  if (name in KNOWN) return KNOWN[name];
  if (name === 'uuid' || schema.format === 'uuid') return random.uuid();
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (typeOf(schema)) {
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 10, 10));
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () =>
        sample(schema.items ?? {}, name, random),
      );
    case 'object': {
      // Required fields, and optional ones only when we know a sensible value for them.
      const value: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        const known = key in KNOWN || prop.enum || prop.default !== undefined || typeOf(prop) === 'object';
        if (schema.required?.includes(key) || known) value[key] = sample(prop, key, random);
      }
      return value;
    }
    default: {
      if (schema.format === 'email') return `fuzz-${random.int(1e9)}@example.mx`;
      const text = 'fuzz'.padEnd(schema.minLength ?? 0, 'z');
      return schema.maxLength ? text.slice(0, schema.maxLength) : text;
    }
  }
}

/** Hostile text: each is a way real clients and attackers break servers. */
function hostileStrings(random: Random): [string, string][] {
  return [
    ['empty', ''],
    ['huge', 'x'.repeat(6_000)],
    ['nul', 'a\u0000b'],
    ['unicode', random.pick(['𝔘ñí©ø∂é', 'Ω≈ç√∫\u202eRTL', '😀👍🏽', '\ud800lone'])],
    ['impossible date', random.pick(['2025-02-30', '2025-13-45', '0000-00-00'])],
    ['impossible timestamp', '2025-02-30T25:61:00'],
    ['not a uuid', 'not-a-uuid'],
    ['injection', `' OR 1=1; --`],
    ['negative', '-1'],
    ['huge number', random.pick(['1e308', '99999999999999999999999', '-9007199254740993'])],
    ['fraction', '2.5'],
    ['wrong type', 'true'],
  ];
}

/** Values of the wrong JSON type, or out of range, for a body property. */
function hostileValues(schema: JsonSchema, random: Random): [string, unknown][] {
  const values: [string, unknown][] = [
    ['null', null],
    ['wrong type', typeOf(schema) === 'string' ? 12345 : 'not-a-number'],
    ['object', { nested: { deeper: true } }],
    ['array', [1, 'two']],
  ];
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number')
    values.push(['negative', -1], ['huge', 1e308], ['fraction', 2.5], ['unsafe integer', 2 ** 63]);
  if (type === 'string' || !type)
    for (const [label, text] of hostileStrings(random)) values.push([label, text]);
  return values;
}

/** Every leaf of a sample object, as a path, so nested fields (period.start) get mutated too. */
function leaves(schema: JsonSchema, path: string[] = []): [string[], JsonSchema][] {
  const branch = branchOf(schema) ?? schema;
  if (typeOf(branch) === 'object' && branch.properties && path.length < 3) {
    return Object.entries(branch.properties).flatMap(([key, prop]) => leaves(prop, [...path, key]));
  }
  return [[path, branch]];
}

function withValue(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const object = typeof base === 'object' && base && !Array.isArray(base) ? base : {};
  return { ...object, [head]: withValue((object as Record<string, unknown>)[head], rest, value) };
}

function withoutKey(base: unknown, key: string) {
  const { [key]: _gone, ...rest } = base as Record<string, unknown>;
  return rest;
}

/** Multipart bodies, well formed or broken, for operations that take multipart/form-data. */
function multipartVariants(schema: JsonSchema, random: Random): [string, string, Uint8Array | string][] {
  const boundary = `fuzz${random.int(1e9)}`;
  const fields = Object.entries(schema.properties ?? {});
  const part = (name: string, prop: JsonSchema, content: Uint8Array | string) => {
    const file = prop.format === 'binary' ? `; filename="${name}.bin"` : '';
    return Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\n\r\n`),
      Buffer.from(content),
      Buffer.from('\r\n'),
    ]);
  };
  const form = (override: Record<string, Uint8Array | string | undefined>) =>
    Buffer.concat([
      ...fields.flatMap(([name, prop]) => {
        const content =
          name in override ? override[name] : prop.format === 'binary' ? random.bytes(64) : 'fuzz-password';
        return content === undefined ? [] : [part(name, prop, content)];
      }),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
  const type = `multipart/form-data; boundary=${boundary}`;
  const first = fields[0]?.[0] ?? 'file';
  return [
    ['multipart: well-formed', type, form({})],
    ...fields.map(([name]): [string, string, Uint8Array] => [
      `multipart: missing ${name}`,
      type,
      form({ [name]: undefined }),
    ]),
    ...fields.map(([name]): [string, string, Uint8Array] => [
      `multipart: empty ${name}`,
      type,
      form({ [name]: '' }),
    ]),
    ['multipart: file over the limit', type, form({ [first]: random.bytes(200_000) })],
    ['multipart: NUL and unicode values', type, form({ password: 'ñ\u0000😀' })],
    ['multipart: no boundary', 'multipart/form-data', form({})],
    ['multipart: truncated part', type, form({}).subarray(0, 80)],
    [
      'multipart: part header never ends',
      type,
      `--${boundary}\r\nContent-Disposition: form-data; name="${first}"`,
    ],
    ['multipart: garbage', type, random.bytes(300)],
  ];
}

/**
 * The requests for one operation: first one built from its schemas (valid-looking), then hostile
 * variants of each part: auth, path and query parameters, forged cursors, and the body.
 */
export function requestsFor(
  op: Operation,
  authorization: string,
  random: Random,
  /** Path values that name something that exists (an id created earlier), over sampled ones. */
  existing: Record<string, string> = {},
): FuzzRequest[] {
  const params = op.parameters ?? [];
  const pathParams = Object.fromEntries(
    params
      .filter((p) => p.in === 'path')
      .map((p) => [p.name, existing[p.name] ?? String(sample(p.schema, p.name, random))]),
  );
  const query: [string, string][] = params
    .filter((p) => p.in === 'query' && (p.required || p.name in KNOWN))
    .map((p) => [p.name, String(sample(p.schema, p.name, random))]);
  const jsonSchema = op.requestBody?.content['application/json']?.schema;
  const multipartSchema = op.requestBody?.content['multipart/form-data']?.schema;
  const body = jsonSchema ? sample(jsonSchema, '', random) : undefined;
  const multipart = multipartSchema ? multipartVariants(multipartSchema, random) : [];
  // What the valid request sends: a JSON body from the schema, or a well-formed multipart form.
  const validBody = jsonSchema
    ? { contentType: 'application/json', body: JSON.stringify(body) }
    : multipart[0]
      ? { contentType: multipart[0][1], body: multipart[0][2] }
      : undefined;
  const pathOf = (values: Record<string, string>) =>
    op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeSegment(values[name] ?? ''));
  const json = (value: unknown) => ({ contentType: 'application/json', body: JSON.stringify(value) });

  interface Change {
    path?: string;
    query?: [string, string][];
    /** Replaces the credentials (none, a wrong key). */
    auth?: Record<string, string>;
    contentType?: string;
    body?: string | Uint8Array;
  }
  const base = (variant: string, change: Change = {}): FuzzRequest => {
    const ownBody = 'body' in change;
    const sent = ownBody ? change.body : validBody?.body;
    const contentType = change.contentType ?? (ownBody ? undefined : validBody?.contentType);
    return {
      variant,
      method: op.method,
      path: change.path ?? pathOf(pathParams),
      query: change.query ?? query,
      headers: {
        ...(change.auth ?? { authorization }),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(sent !== undefined ? { body: sent } : {}),
    };
  };

  const requests: FuzzRequest[] = [base('valid')];
  requests.push(
    base('no credentials', { auth: {} }),
    base('unknown API key', { auth: { authorization: 'Bearer bov_live_not-a-real-key' } }),
    base('basic auth', { auth: { authorization: 'Basic YWRtaW46YWRtaW4=' } }),
  );

  for (const name of Object.keys(pathParams)) {
    for (const [label, text] of hostileStrings(random)) {
      requests.push(base(`path ${name}: ${label}`, { path: pathOf({ ...pathParams, [name]: text }) }));
    }
  }

  for (const p of params.filter((p) => p.in === 'query')) {
    const others = query.filter(([k]) => k !== p.name);
    for (const [label, text] of hostileStrings(random)) {
      requests.push(base(`query ${p.name}: ${label}`, { query: [...others, [p.name, text]] }));
    }
    requests.push(base(`query ${p.name}: repeated`, { query: [...others, [p.name, 'a'], [p.name, 'b']] }));
    if (p.name === 'cursor') {
      for (const [label, cursor] of forgedCursors(random))
        requests.push(base(`cursor: ${label}`, { query: [...others, ['cursor', cursor]] }));
    }
  }
  requests.push(
    base('query: unknown and prototype keys', {
      query: [...query, ['unexpected', '1'], ['__proto__[x]', '1']],
    }),
  );

  if (jsonSchema) {
    for (const [path, schema] of leaves(jsonSchema)) {
      if (path.length === 0) continue;
      const label = path.join('.');
      for (const [what, value] of hostileValues(schema, random))
        requests.push(base(`body ${label}: ${what}`, json(withValue(body, path, value))));
      if (path.length === 1) requests.push(base(`body ${label}: missing`, json(withoutKey(body, label))));
    }
    requests.push(
      base('body: empty object', json({})),
      base('body: extra properties', json({ ...(body as object), unexpected: 'x', admin: true })),
      base('body: prototype pollution', {
        contentType: 'application/json',
        body: '{"__proto__":{"admin":true}}',
      }),
    );
  }
  for (const [variant, contentType, form] of multipart.slice(1))
    requests.push(base(variant, { contentType, body: form }));
  // Every method that takes a body can be sent a broken one, whatever the route expects.
  if (!['GET', 'HEAD'].includes(op.method)) {
    requests.push(
      base('body: malformed JSON', { contentType: 'application/json', body: '{"a":' }),
      base('body: not JSON at all', { contentType: 'application/json', body: 'hello' }),
      base('body: JSON null', { contentType: 'application/json', body: 'null' }),
      base('body: JSON array', { contentType: 'application/json', body: '[1,2,3]' }),
      base('body: deeply nested', {
        contentType: 'application/json',
        body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
      }),
      base('body: over the size limit', {
        contentType: 'application/json',
        body: JSON.stringify({ a: 'x'.repeat(1_100_000) }),
      }),
      base('body: text/plain', { contentType: 'text/plain', body: 'hello' }),
      base('body: XML', { contentType: 'application/xml', body: '<a>1</a>' }),
      base('body: form-urlencoded', { contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' }),
      base('body: malformed multipart', { contentType: 'multipart/form-data', body: '--x\r\n\r\n' }),
      base('body: broken content type', { contentType: ';;;', body: '{}' }),
    );
  }
  return requests;
}

/** Percent-encodes a path segment; a lone surrogate goes out as its (invalid) UTF-8 bytes. */
function encodeSegment(text: string) {
  try {
    return encodeURIComponent(text);
  } catch {
    const wellFormed = text.replace(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '\ufffd',
    );
    return encodeURIComponent(wellFormed).replaceAll('%EF%BF%BD', '%ED%A0%80');
  }
}

/** Cursors of every shape this API hands out, forged. */
function forgedCursors(random: Random): [string, string][] {
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const id = random.uuid();
  return [
    ['impossible date, (createdAt, id) shape', b64(`2025-02-30T00:00:00.000Z|${id}`)],
    ['impossible month, (createdAt, id) shape', b64(`2025-13-45T00:00:00.000Z|${id}`)],
    ['impossible date, search shape', b64(JSON.stringify(['date.desc', '2025-02-30 00:00:00', id]))],
    ['impossible month, search shape', b64(JSON.stringify(['date.desc', '2025-13-45 00:00:00', id]))],
    ['another sort', b64(JSON.stringify(['total.asc', '1.00', id]))],
    ['bad uuid', b64('2025-01-01T00:00:00.000Z|------------------------------------')],
    ['wrong shape', b64(JSON.stringify({ after: id }))],
    ['garbage base64', '!!!not*base64'],
    ['integer overflow', '99999999999999999999999999'],
  ];
}
