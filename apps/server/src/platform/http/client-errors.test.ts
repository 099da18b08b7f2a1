import type { Socket } from 'node:net';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createClientErrorHandler } from './client-errors.js';

/** Just enough of a socket to see what the handler writes and whether it closes. */
function fakeSocket(bytesWritten = 0) {
  const state = { written: '', destroyed: false };
  const socket = {
    writable: true,
    bytesWritten,
    get destroyed() {
      return state.destroyed;
    },
    write(chunk: string) {
      state.written += chunk;
      return true;
    },
    destroy() {
      state.destroyed = true;
    },
  };
  return { socket: socket as unknown as Socket, state };
}

const handle = (nodeCode: string, socket: Socket) =>
  createClientErrorHandler(pino({ level: 'silent' }))(
    Object.assign(new Error('x'), { code: nodeCode }),
    socket,
  );

const answerTo = (nodeCode: string) => {
  const { socket, state } = fakeSocket();
  handle(nodeCode, socket);
  const [head = '', body = ''] = state.written.split('\r\n\r\n');
  return { head, problem: JSON.parse(body), destroyed: state.destroyed };
};

describe('client errors answered before routing', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'HEADERS_TOO_LARGE'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'PAYLOAD_TOO_LARGE'],
    ['HPE_INVALID_METHOD', 400, 'BAD_REQUEST'],
  ])('%s is a %i problem+json, and the connection closes', (nodeCode, status, code) => {
    const { head, problem, destroyed } = answerTo(nodeCode);
    expect(head.split('\r\n')[0]).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(head).toContain('content-type: application/problem+json');
    expect(head).toContain('connection: close');
    expect(problem).toMatchObject({ status, code, requestId: expect.any(String) });
    expect(destroyed).toBe(true);
  });

  it('writes nothing to a connection that was reset or already answered', () => {
    const reset = fakeSocket();
    handle('ECONNRESET', reset.socket);
    expect(reset.state.written).toBe('');
    const answered = fakeSocket(10);
    handle('HPE_INVALID_METHOD', answered.socket);
    expect(answered.state).toEqual({ written: '', destroyed: true });
  });
});
