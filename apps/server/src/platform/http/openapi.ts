import { STATUS_CODES } from 'node:http';
import { type ProblemDetails, validationIssueCodes, webhookEventTypes } from '@boveda/contracts';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSpecOf } from '../errors/app-error.js';
import type { ProblemStatuses } from './route-docs.js';

const issueParamsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())]));

/** The body of every error (`ProblemDetails` in @boveda/contracts), as sent: requestId always set. */
export const problemDetailsSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: z.string().describe('Stable machine-readable code; clients branch on it, never on the text'),
    detail: z.string().optional(),
    requestId: z.string().describe('Quote it when asking for support; it is in the server log'),
    errors: z
      .array(
        z.object({
          path: z.string().describe('Where: `body.rfc`, `querystring.from`, `params.id`…'),
          code: z
            .enum(validationIssueCodes)
            .describe('Stable code of the broken rule; show your own text by it, with `params`'),
          message: z.string().describe('The rule in English, for people reading the raw answer'),
          params: issueParamsSchema
            .optional()
            .describe('Values the rule names: `min`, `max`, `origin`, `allowed`, `field`…'),
        }),
      )
      .optional()
      .describe('VALIDATION_FAILED (and some rule checks): one entry per field that failed'),
    params: issueParamsSchema
      .optional()
      .describe('Values the text of the code refers to (the allowed next states, a quantity still open…)'),
  })
  .describe('RFC 9457 problem details, sent as application/problem+json');

// Compile-time check that the schema and the shared type stay the same shape.
const _sameShape: ProblemDetails = {} as z.output<typeof problemDetailsSchema>;
void _sameShape;

const PROBLEM_REF = '#/components/schemas/ProblemDetails';

const IDEMPOTENCY_KEY_PARAM = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[!-~]+$',
  description:
    'Optional. Send a new unique value (a UUID) per operation; a retry with the same value and body gets the first answer again (Idempotent-Replayed: true) for 24 h, without repeating the work.',
};

/** A success answer without a body (204): `reply.status(204).send()` serializes nothing. */
export const noContent = (description: string) => z.undefined().describe(description);

// A file body as the document shows it; the route sends bytes or a stream, never serialized.
const fileBody = z
  .custom<string | Buffer | NodeJS.ReadableStream>(() => true)
  .meta({ type: 'string', format: 'binary' });

/** A success answer that is a file (CSV, XLSX, XML) of this media type. */
export const fileResponse = (mediaType: string, description: string) => ({
  description,
  content: { [mediaType]: { schema: fileBody } },
});

/** One OpenAPI response per problem status, listing its codes in words and as an enum. */
function problemResponses(problems: ProblemStatuses) {
  const responses: Record<string, unknown> = {};
  for (const [status, codes] of [...problems].sort(([a], [b]) => a - b)) {
    const listed = codes.map((code) => `\`${code}\` ${errorSpecOf(code)?.title ?? ''}`.trim());
    responses[status] = {
      description: `${STATUS_CODES[status] ?? 'Error'}: ${listed.join('; ')}.`,
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: PROBLEM_REF },
              { type: 'object', properties: { status: { const: status }, code: { enum: [...codes] } } },
            ],
          },
        },
      },
    };
  }
  return responses;
}

/**
 * @fastify/swagger options: OpenAPI 3.1 from the zod schemas, plus, for every operation, the
 * error responses `describeRoute` worked out (the route's own responses win on a clash).
 */
export function openApiOptions(
  info: { title: string; version: string; description: string },
  problemsOf: (schema: object | undefined) => ProblemStatuses | undefined,
  scopeOf: (schema: object | undefined) => string | undefined = () => undefined,
): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info,
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key `bov_live_…`' },
          session: { type: 'apiKey', in: 'cookie', name: 'boveda_session' },
          operatorToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The instance operator’s OPERATOR_TOKEN (plans and quotas, `/api/v1/operator/…`)',
          },
        },
        schemas: { ProblemDetails: problemJsonSchema() },
      },
      security: [{ apiKey: [] }, { session: [] }],
      // OpenAPI 3.1's `webhooks`: what Bóveda POSTs to an organization's endpoints, one per type.
      webhooks: webhookDocs(),
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const problems = problemsOf(input.route.schema);
      const schema = transformed.schema as {
        hide?: boolean;
        response?: Record<string, unknown>;
        headers?: unknown;
        description?: string;
        security?: unknown;
      };
      if (problems && !schema.hide) schema.response = { ...problemResponses(problems), ...schema.response };
      // Operations that take an Idempotency-Key (route-docs.ts documents their 409/422) list it.
      if (problems?.get(422)?.includes('IDEMPOTENCY_KEY_REUSED') && !schema.headers) {
        schema.headers = { type: 'object', properties: { 'idempotency-key': IDEMPOTENCY_KEY_PARAM } };
      }
      // A route declaring a resource scope: keys restricted by resource scopes need that one.
      const scope = scopeOf(input.route.schema);
      if (scope && !schema.hide) {
        schema.security = [{ apiKey: [scope] }, { session: [] }];
        const note = `API keys restricted by resource scopes need \`${scope}\`; keys without resource scopes, sessions and OAuth tokens are not affected.`;
        schema.description = schema.description ? `${schema.description}\n\n${note}` : note;
      }
      return transformed;
    },
  };
}

/** Each public webhook type as an OpenAPI 3.1 webhook: the signed envelope with that type's `data`. */
function webhookDocs() {
  // Plain JSON Schema objects; the OpenAPI typings want their own object types.
  const docs: Record<string, never> = {};
  for (const t of webhookEventTypes) {
    const { $schema: _dialect, ...data } = z.toJSONSchema(t.data as z.ZodType, { io: 'output' });
    docs[t.type] = {
      post: {
        summary: `${t.type} (v${t.version})`,
        description: `${t.description} Signed per Standard Webhooks (headers webhook-id, webhook-timestamp, webhook-signature); verify with the \`standardwebhooks\` library.`,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id', 'type', 'version', 'timestamp', 'data'],
                properties: {
                  id: { type: 'string', description: 'The message id, equal to the webhook-id header' },
                  type: { const: t.type },
                  version: { const: t.version },
                  timestamp: { type: 'string', format: 'date-time' },
                  data,
                },
              },
              example: {
                id: '00000000-0000-4000-8000-000000000000',
                type: t.type,
                version: t.version,
                timestamp: '2026-12-05T00:00:00.000Z',
                data: t.example,
              },
            },
          },
        },
        responses: {
          '2XX': {
            description: 'Received; any other answer is retried on the schedule (410 disables the endpoint)',
          },
        },
      },
    } as never;
  }
  return docs;
}

function problemJsonSchema() {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(problemDetailsSchema, { io: 'output' });
  // zod writes JSON Schema 2020-12, which OpenAPI 3.1 takes as is; only the typings differ.
  return schema as { type: 'object' };
}
