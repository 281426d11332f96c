import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorResponse as ErrorBody } from '../contracts/common.ts';
import { DomainError, type DomainErrorKind } from '../domain/shared/domain-error.ts';

/** The one error shape of the API is its contract's (src/contracts/common.ts). */
export type { ErrorBody };

const STATUS: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  wrong_state: 409,
  stale: 409,
  locked: 429,
  gone: 410,
};

/** Turns an Ajv path like `/roles/0` or a missing property into the field name a client sent. */
function fieldOf(err: FastifyError): string | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const params = first.params as { missingProperty?: string; additionalProperty?: string } | undefined;
  // A missing field, or one the client sent that nobody knows (a typo), is the field at fault.
  const named = params?.missingProperty ?? params?.additionalProperty;
  const path = first.instancePath.replace(/^\//, '').replace(/\//g, '.');
  return [path, named].filter(Boolean).join('.') || undefined;
}

function validationMessage(err: FastifyError, field: string | undefined): string {
  const first = err.validation?.[0];
  const where = field ? `"${field}"` : err.validationContext === 'body' ? 'The request body' : 'The request';
  if (!first) return err.message;
  if (first.keyword === 'required') return `${where} is required`;
  if (first.keyword === 'additionalProperties') {
    return `"${(first.params as { additionalProperty?: string }).additionalProperty}" is not a known field`;
  }
  return `${where} ${first.message ?? 'is not valid'}`;
}

/** Domain errors → their status; client mistakes → 4xx with a message; anything else → a logged 500. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | DomainError | Error, request, reply) => {
    if (err instanceof DomainError) {
      const body: ErrorBody = { error: { code: err.code ?? err.kind, message: err.message } };
      if (err.field) body.error.field = err.field;
      return reply.status(STATUS[err.kind]).send(body);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const field = fieldOf(fe);
      const body: ErrorBody = { error: { code: 'invalid', message: validationMessage(fe, field) } };
      if (field) body.error.field = field;
      return reply.status(400).send(body);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code =
        fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fe instanceof SyntaxError ? 'malformed_json'
          : fe.statusCode === 413 ? 'body_too_large'
            : fe.statusCode === 415 ? 'unsupported_media_type'
              : fe.statusCode === 429 ? 'too_many_requests'
                : 'bad_request';
      const message =
        code === 'malformed_json' ? 'The request body is not valid JSON'
          : code === 'body_too_large' ? 'The request body is too large'
            : code === 'unsupported_media_type' ? 'Send the body as application/json'
              : fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'The request body is empty; send a JSON value, or no Content-Type header'
                : fe.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 'The Content-Length header does not match the body'
                  : fe.message;
      return reply.status(fe.statusCode).send({ error: { code, message } } satisfies ErrorBody);
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side; it has been logged.' } } satisfies ErrorBody);
  });
}

/** The one 404 body for a path nothing serves. */
export function notFoundBody(method: string, url: string): ErrorBody {
  return { error: { code: 'not_found', message: `There is no ${method} ${url.split('?')[0]}` } };
}

/**
 * Fastify's own refusals before routing (`frameworkErrors`): a path that is not valid percent-encoding,
 * or a path parameter longer than the router holds. Same shape as every other error.
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body: ErrorBody = tooLong
    ? { error: { code: 'uri_too_long', message: 'A part of the address is too long' } }
    : { error: { code: 'bad_url', message: 'The address is not valid: it has a malformed %-escape' } };
  void reply.status(tooLong ? 414 : 400).header('x-request-id', request.id).send(body);
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'The request headers are too large' },
  HPE_URI_OVERFLOW: { status: 414, code: 'uri_too_long', message: 'The address is too long' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'The request took too long to arrive' },
};

/**
 * Node's refusals of a request it could not parse (oversize headers, a broken request line): written
 * straight to the socket, as there is no request, but in the API's error shape with a request id.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (err.code && CLIENT_ERRORS[err.code]) || { status: 400, code: 'bad_request', message: 'The request could not be read as HTTP' };
  const body = JSON.stringify({ error: { code: known.code, message: known.message } } satisfies ErrorBody);
  const reason = known.status === 431 ? 'Request Header Fields Too Large' : known.status === 414 ? 'URI Too Long' : known.status === 408 ? 'Request Timeout' : 'Bad Request';
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${known.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy();
}
