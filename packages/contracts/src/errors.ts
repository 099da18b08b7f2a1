/**
 * The error catalogue: every error the API returns has one of these codes. The HTTP status and
 * title live here and only here, so server, web app and API clients agree on them.
 */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  INVALID_CURSOR: { status: 400, title: 'The cursor is not valid for this list' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid email or password' },
  INVALID_API_KEY: { status: 401, title: 'Invalid or revoked API key' },
  CSRF_FAILED: { status: 403, title: 'Missing or invalid CSRF token' },
  FORBIDDEN: { status: 403, title: 'Your role does not allow this action' },
  ROLE_ABOVE_OWN: { status: 403, title: 'You cannot act on a role above your own' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'The path does not support this method' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request took too long to arrive' },
  CONFLICT: { status: 409, title: 'Conflict with the current state' },
  ALREADY_EXISTS: { status: 409, title: 'Already exists' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  URI_TOO_LONG: { status: 414, title: 'The URI, or a part of its path, is too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  UNPROCESSABLE: { status: 422, title: 'The request could not be processed' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  DEPENDENCY_UNAVAILABLE: { status: 503, title: 'A dependency is unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type BaseErrorCode = keyof typeof errorCatalogue;

/** problem+json body (RFC 9457) with our extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId?: string;
  /** Field-level problems for VALIDATION_FAILED. */
  errors?: { path: string; message: string }[];
}

export const problemTypeBase = 'https://boveda.dev/problems/';
