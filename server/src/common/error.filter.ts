import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApiErrorBody, ERRORS, ErrorCode } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES as HTTP_STATUS_TEXT } from 'node:http';
import type { Socket } from 'node:net';
import { QueryFailedError } from 'typeorm';
import { AppError, RetryLaterError } from './app-error';
import { redactUrl } from './logging';

/** The generic code for a status raised outside our own errors (Nest's and Fastify's). */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  408: ErrorCode.RequestTimeout,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  431: ErrorCode.HeadersTooLarge,
  503: ErrorCode.ServiceBusy,
};

/** Unique-key violations on MySQL/MariaDB and SQLite. */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const driver = (err as QueryFailedError & { driverError?: { code?: string; errno?: number } }).driverError;
  return driver?.code === 'ER_DUP_ENTRY' || driver?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driver?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Turns every error into `{ code, message }` with the right status. Unknown errors become a 500 without details. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const { status, body } = toErrorResponse(exception);
    body.requestId = String(request.id);
    if (exception instanceof RetryLaterError) void reply.header('retry-after', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    if (status >= 500) this.logger.error({ err: exception, path: redactUrl(request.url) }, 'unhandled error');
    // A route that answers CSV or HTML has set its content type already; an error is always JSON.
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  }
}

/** The status and `{ code, message }` body for any error (also used by routes outside Nest's filters). */
export function toErrorResponse(exception: unknown): { status: number; body: ApiErrorBody } {
  if (exception instanceof AppError) {
    const body: ApiErrorBody = { code: exception.code, message: exception.message };
    if (exception.fields) body.fields = exception.fields;
    return { status: exception.status, body };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string' ? response : Array.isArray((response as { message?: unknown }).message)
        ? ((response as { message: string[] }).message).join('; ')
        : String((response as { message?: unknown }).message ?? exception.message);
    return { status, body: { code: STATUS_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest), message } };
  }
  if (isUniqueViolation(exception)) {
    return { status: ERRORS.CONFLICT.status, body: { code: ErrorCode.Conflict, message: ERRORS.CONFLICT.message } };
  }
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a 4xx statusCode.
  const fastifyStatus = (exception as { statusCode?: number } | null)?.statusCode;
  if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
    return { status: fastifyStatus, body: { code: STATUS_CODES[fastifyStatus] ?? ErrorCode.BadRequest, message: (exception as Error).message } };
  }
  return { status: 500, body: { code: ErrorCode.Internal, message: ERRORS.INTERNAL_ERROR.message } };
}

/**
 * For Fastify's `clientErrorHandler`: node's HTTP parser refused the request before Fastify saw it (headers or URL
 * too long, malformed request line, timeout). Answers in our `{ code, message }` shape and closes the connection.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = err.code === 'HPE_HEADER_OVERFLOW' ? ErrorCode.HeadersTooLarge : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? ErrorCode.RequestTimeout : ErrorCode.BadRequest;
  const { status, message } = ERRORS[code];
  const body = JSON.stringify({ code, message });
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${HTTP_STATUS_TEXT[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}
