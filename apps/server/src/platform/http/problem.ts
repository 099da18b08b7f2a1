import { errorCatalogue, type ProblemDetails, problemTypeBase, validationIssueOf } from '@boveda/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors/app-error.js';

/**
 * @fastify/busboy (under @fastify/multipart) reports a malformed multipart body as a plain Error with
 * no code or status: a missing boundary, a part or a header block cut short. Matched by its
 * messages, which the multipart integration test pins, so a client mistake is a 400, not a 500.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of multipart data|(Part|Preamble) terminated early due to unexpected end of multipart data)$/;

const isMalformedMultipart = (error: unknown) =>
  error instanceof Error && !(error as FastifyError).statusCode && MALFORMED_MULTIPART.test(error.message);

function problemFrom(error: unknown): ProblemDetails {
  if (error instanceof AppError) {
    return {
      type: `${problemTypeBase}${error.code.toLowerCase().replaceAll('_', '-')}`,
      title: error.title,
      status: error.status,
      code: error.code,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
      ...(error.params ? { params: error.params } : {}),
    };
  }
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    // fastify-type-provider-zod keeps the zod issue's code as `keyword` and the rest in `params`.
    const errors = fe.validation.map((v) => ({
      path: `${fe.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`,
      ...validationIssueOf({ ...v.params, code: v.keyword, message: v.message }),
      message: v.message ?? 'invalid',
    }));
    return base('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }
  if (fe.validation) return base('VALIDATION_FAILED', fe.message);
  if (isMalformedMultipart(error)) return base('BAD_REQUEST', 'The multipart/form-data body is malformed.');
  // Fastify's own client errors (bad JSON, body too large, wrong content type) carry a 4xx status.
  if (fe.statusCode === 413) return base('PAYLOAD_TOO_LARGE');
  if (fe.statusCode === 414) return base('URI_TOO_LONG', 'A path parameter is too long.');
  if (fe.statusCode === 415) return base('UNSUPPORTED_MEDIA_TYPE');
  if (fe.statusCode === 429) return base('RATE_LIMITED', 'Slow down and retry later.');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 && !isResponseSerializationError(fe)) {
    return base(
      'BAD_REQUEST',
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? 'The body is not valid JSON.' : undefined,
    );
  }
  return base('INTERNAL');
}

function base(
  code: keyof typeof errorCatalogue,
  detail?: string,
  errors?: ProblemDetails['errors'],
): ProblemDetails {
  const spec = errorCatalogue[code];
  return {
    type: `${problemTypeBase}${code.toLowerCase().replaceAll('_', '-')}`,
    title: spec.title,
    status: spec.status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

/** Every error leaves as problem+json; internal messages and stacks only reach the log. */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const problem = problemFrom(error);
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: problem.code }, 'request rejected');
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .send({ ...problem, requestId: request.id });
}

export function problemResponse(code: keyof typeof errorCatalogue, requestId: string, detail?: string) {
  return { ...base(code, detail), requestId };
}
