import type { ProblemDetails } from '@boveda/contracts';

/** The server answered with an error status; `problem` is its problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

/** The request never got an HTTP answer (server down, connection reset, offline). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The server could not be reached', { cause });
    this.name = 'NetworkError';
  }
}

function isProblem(body: unknown): body is ProblemDetails {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.title === 'string' && typeof b.status === 'number' && typeof b.code === 'string';
}

/**
 * Builds an ApiError from any failed response. A proxy or a crashed server may answer with HTML or
 * an empty body, so a missing problem+json body still becomes a typed error with the status.
 */
export async function problemFromResponse(res: Response): Promise<ApiError> {
  let body: unknown = null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    body = await res.json().catch(() => null);
  }
  if (isProblem(body)) return new ApiError(body);
  return new ApiError({
    type: 'about:blank',
    title: res.statusText || `HTTP ${res.status}`,
    status: res.status,
    code: res.status === 401 ? 'UNAUTHENTICATED' : res.status >= 500 ? 'INTERNAL' : 'HTTP_ERROR',
  });
}
