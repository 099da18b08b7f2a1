export interface LoggedRequest {
  seq: number;
  at: string;
  method: string;
  /** Path and query, with secret-looking query parameters blanked. */
  path: string;
  operation: string;
  /** How the client tried to authenticate (`bearer`, `basic`, `api-key`, `none`); never the secret. */
  auth: string;
  idempotency_key: string | null;
  fault: string | null;
  /** null while unanswered, and for a hang or a drop. */
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped' | 'aborted';
  duration_ms: number | null;
}

const SECRET_PARAMS = /^(api_?key|access_token|token|client_secret|password|secret)$/i;

export function redactQuery(pathAndQuery: string): string {
  const url = new URL(pathAndQuery, 'http://erp');
  for (const name of [...url.searchParams.keys()])
    if (SECRET_PARAMS.test(name)) url.searchParams.set(name, '***');
  return url.pathname + url.search;
}

/** The last `limit` requests, newest last, for tests and demos to assert on. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  constructor(private readonly limit = 1000) {}

  start(fields: Omit<LoggedRequest, 'seq' | 'at' | 'status' | 'outcome' | 'duration_ms'>): LoggedRequest {
    const entry: LoggedRequest = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      ...fields,
      status: null,
      outcome: 'pending',
      duration_ms: null,
    };
    this.entries.push(entry);
    if (this.entries.length > this.limit * 2) this.entries = this.entries.slice(-this.limit);
    return entry;
  }

  list(limit = this.limit): LoggedRequest[] {
    return this.entries.slice(-Math.min(limit, this.limit)).map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
