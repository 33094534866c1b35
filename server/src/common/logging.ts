import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';

/** Query parameters whose values never reach a log line. */
const SECRET_QUERY = /([?&](?:secret|js_code|code|token|access_token|password)=)[^&]*/gi;

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.session_key',
  '*.sessionKey',
  '*.token',
  '*.password',
  '*.passwordHash',
  '*.secret',
  '*.apiV3Key',
  '*.privateKey',
];

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_QUERY, '$1[Redacted]');
}

/** The request id: the caller's X-Request-Id when sane, otherwise a fresh UUID. Stored on the raw request for pino. */
export function requestIdFor(raw: IncomingMessage): string {
  const given = raw.headers['x-request-id'];
  const id = typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
  (raw as IncomingMessage & { id?: string }).id = id;
  return id;
}

/**
 * What a log line keeps of an error: its kind, message, stack and driver code. Not the SQL text or its parameters
 * (a QueryFailedError carries both, and parameters hold shoppers' data), nor any other property.
 */
export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const driverCode = (err as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (err as { code?: unknown }).code;
  return { type: err.name, message: err.message.slice(0, 500), stack: err.stack, ...(typeof driverCode === 'string' ? { code: driverCode } : {}) };
}

/**
 * Structured JSON logs with a request id on every line; secrets and bodies are never logged. The access line of a
 * failed request is an ordinary info line without the error: the error itself is logged once, at error, by
 * ErrorFilter (or the fast lane), with the request id.
 */
export function pinoHttpOptions(config: AppConfig): Options {
  return {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    genReqId: (req) => (req as IncomingMessage & { id?: string }).id ?? randomUUID(),
    customProps: () => ({ service: 'linli-server' }),
    serializers: {
      req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    customErrorObject: (_req, _res, _err, line: Record<string, unknown>) => ({ res: line.res, responseTime: line.responseTime }),
    customErrorMessage: () => 'request completed',
    autoLogging: { ignore: (req) => req.url === '/api/health' },
  };
}
