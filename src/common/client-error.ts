import { randomUUID } from 'node:crypto';
import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCode } from './domain-error.js';
import { restErrorBody, statusFor, type MappedError } from './error-mapping.js';

/** What Node's HTTP parser (llhttp) could not read, as the status Fastify answered it with and the service's error. */
function clientErrorFor(code: string | undefined): { status: number; mapped: MappedError } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      mapped: {
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        ...statusFor(ErrorCode.PAYLOAD_TOO_LARGE),
        message: `Request headers too large: at most ${maxHeaderSize} bytes of request line and headers are read`,
        details: { limit: maxHeaderSize },
      },
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return {
      status: 408,
      mapped: {
        code: ErrorCode.VALIDATION_FAILED,
        ...statusFor(ErrorCode.VALIDATION_FAILED),
        message: 'The request was not received in time',
      },
    };
  }
  return {
    status: 400,
    mapped: {
      code: ErrorCode.VALIDATION_FAILED,
      ...statusFor(ErrorCode.VALIDATION_FAILED),
      message:
        'Malformed HTTP request: it could not be parsed (the request line, a header name or value with a character HTTP does not allow, or the body framing)',
      details: code ? { parserError: code } : undefined,
    },
  };
}

/**
 * Fastify's `clientErrorHandler`: a request Node cannot parse never reaches Fastify's hooks, and
 * Fastify's own answer was `{"error":"Bad Request","message":"Client Error","statusCode":400}`, not
 * the service's error shape. This writes that shape (the REST envelope: the URL may not even be
 * readable) to the socket, with a request id of its own, and closes the connection: after a parse
 * error nothing more can be read from it. A connection the client already reset gets nothing.
 */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const { status, mapped } = clientErrorFor(err.code);
  const requestId = randomUUID();
  const body = JSON.stringify(restErrorBody(mapped, requestId));
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\n' +
      `X-Request-Id: ${requestId}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
    () => socket.destroy(),
  );
}
