import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Routes served on the app's HTTP server by handlers of their own, beside Nest's Fastify instance: for the few hot
 * paths where Nest's per-request work (the middleware runner, raw-body capture, the response hooks) costs more
 * than the work itself. A request whose method and path match a lane exactly goes there; all else goes to Nest.
 */
export class FastLanes {
  private readonly lanes = new Map<string, RequestHandler>();

  add(method: string, path: string, handler: RequestHandler): void {
    this.lanes.set(`${method} ${path}`, handler);
  }

  /** For FastifyAdapter's `serverFactory`: a node:http server that tries the lanes, then Nest. */
  readonly serverFactory = (nest: RequestHandler): Server =>
    createServer((req, res) => (this.lanes.size ? this.match(req) ?? nest : nest)(req, res));

  private match(req: IncomingMessage): RequestHandler | undefined {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    return this.lanes.get(`${req.method} ${query < 0 ? url : url.slice(0, query)}`);
  }
}
