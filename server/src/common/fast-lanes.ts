import { ErrorCode } from '@linli/shared';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { CommonError } from './app-error';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Routes served on the app's HTTP server by plain node:http handlers, beside Nest's Fastify instance: for the few
 * hot paths where the framework's per-request work (Nest's middleware runner, Fastify's hooks and body-parser
 * plumbing, the raw-body copy) costs more than the work itself. A request whose method and path match a lane exactly
 * goes there; all else goes to Nest. A lane answers with `sendJson` and reads its body with `readJsonBody`.
 */
export class FastLanes {
  private readonly lanes = new Map<string, RequestHandler>();
  /** Answers fresh public GETs from memory before Nest sees them. */
  readCache: { ttlMs: number; serve(req: IncomingMessage, res: ServerResponse): boolean } | null = null;

  add(method: string, path: string, handler: RequestHandler): void {
    this.lanes.set(`${method} ${path}`, handler);
  }

  /** `METHOD /path` of every lane, for the check that the API document describes every route. */
  routes(): string[] {
    return [...this.lanes.keys()];
  }

  /** For FastifyAdapter's `serverFactory`: a node:http server that tries the lanes, then Nest. */
  readonly serverFactory = (nest: RequestHandler): Server =>
    createServer((req, res) => {
      if (req.method === 'GET' && this.readCache?.ttlMs && this.readCache.serve(req, res)) return;
      (this.lanes.size ? this.match(req) ?? nest : nest)(req, res);
    });

  private match(req: IncomingMessage): RequestHandler | undefined {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    return this.lanes.get(`${req.method} ${query < 0 ? url : url.slice(0, query)}`);
  }
}

/** A JSON request body of at most `limit` bytes; 415, 413 or 400 as Fastify would answer. */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      reject(new CommonError(ErrorCode.UnsupportedMediaType, 'Content-Type must be application/json'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > limit) return reject(new CommonError(ErrorCode.PayloadTooLarge, `body over ${limit} bytes`));
      try {
        // JSON.parse makes `__proto__` an own key, never the prototype; callers still refuse unknown keys.
        resolve(JSON.parse(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new CommonError(ErrorCode.BadRequest, 'body is not valid JSON'));
      }
    });
  });
}

/** Sends a JSON answer in one write. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}
