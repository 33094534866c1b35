import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApiErrorBody, ERRORS, ErrorCode } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';

/** The generic code for a status raised outside our own errors (Nest's and Fastify's). */
const STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
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
    if (status >= 500) this.logger.error({ err: exception, path: request.url }, 'unhandled error');
    void reply.status(status).send(body);
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
