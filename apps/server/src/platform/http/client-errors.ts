import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorCode } from '@boveda/contracts';
import type { FastifyBaseLogger } from 'fastify';
import { problemResponse } from './problem.js';

/** Node's own choice of status for each parser error (lib/_http_server.js), as our codes. */
function codeFor(nodeCode: string | undefined): ErrorCode {
  switch (nodeCode) {
    case 'HPE_HEADER_OVERFLOW':
      return 'HEADERS_TOO_LARGE';
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return 'PAYLOAD_TOO_LARGE';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'REQUEST_TIMEOUT';
    default:
      return 'BAD_REQUEST';
  }
}

/**
 * Fastify's `clientErrorHandler`. Node rejects some requests before Fastify routes them (a request
 * line it cannot parse, headers over the size limit, a request that arrives too slowly) and
 * Fastify's default answer is plain JSON. This writes the problem+json every other error gets, as
 * a whole HTTP/1.1 response on the raw socket, and closes the connection: after a parse error it
 * cannot carry another request.
 */
export function createClientErrorHandler(log: FastifyBaseLogger) {
  return (error: Error & { code?: string }, socket: Socket) => {
    // A reset connection has no one left to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = randomUUID();
    const problem = problemResponse(codeFor(error.code), requestId);
    // The Node code only: the error's rawPacket may hold an Authorization header or a cookie.
    log.info({ nodeCode: error.code, code: problem.code, requestId }, 'request rejected before routing');
    // As Node does: never a second status line after part of a response went out.
    if (socket.writable && socket.bytesWritten === 0) {
      const body = JSON.stringify(problem);
      socket.write(
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
          'content-type: application/problem+json\r\n' +
          `content-length: ${Buffer.byteLength(body)}\r\n` +
          `x-request-id: ${requestId}\r\n` +
          'connection: close\r\n' +
          '\r\n' +
          body,
      );
    }
    socket.destroy(error);
  };
}
