import { LogController } from 'fastify';

/**
 * Fastify writes two `info` lines per request ("incoming request", "request completed"), which bury
 * what matters at the default level. Here a request is one `debug` line when it completes (method,
 * scrubbed URL, status, milliseconds), so `LOG_LEVEL=info` shows jobs, SAT answers and warnings and
 * `LOG_LEVEL=debug` adds the traffic. A request that errored is still logged as an error, and
 * Fastify's other lines (stream errors, 404s) are kept.
 */
export class DebugRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: Parameters<LogController['requestCompleted']>[1],
    reply: Parameters<LogController['requestCompleted']>[2],
  ): void {
    if (error) {
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
      return;
    }
    const responseTime = Math.round(reply.elapsedTime * 10) / 10;
    reply.log.debug({ req: request, res: reply, responseTime }, 'request completed');
  }
}
