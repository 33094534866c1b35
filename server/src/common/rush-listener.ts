import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import { AddressInfo, createServer, Socket } from 'node:net';

/**
 * The rush's own listener (FLASH_PORT): the same HTTP server on a second port, for the proxy to send flash purchases to.
 *
 * Why a second port: Node (libuv ≥ 1.45) accepts one new connection per event-loop turn, and a turn under a rush
 * serves every connection with a request waiting. A rush opens hundreds of connections at once; on a shared port each
 * new browsing connection waits behind them in the kernel's accept queue, measured at 1–4 s. On its own port the
 * rush's burst queues apart.
 *
 * Why pacing: a turn serves every rush connection that has a request waiting (256 in the benchmark, about 20 ms),
 * and every browsing request waits for the turn to end. After an answer on this port the connection is not read again
 * until the pacer lets it, at most `perTurn` connections a turn, so a turn stays short and browsing is served between.
 */
export async function listenForRush(http: HttpServer, options: { port: number; host: string; perTurn: number }): Promise<string> {
  const rushSockets = new WeakSet<Socket>();
  const pacer = options.perTurn > 0 ? new RushPacer(options.perTurn) : null;
  const listener = createServer((socket) => {
    rushSockets.add(socket);
    http.emit('connection', socket);
  });
  if (pacer) {
    http.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (rushSockets.has(req.socket)) res.once('finish', () => pacer.park(req.socket));
    });
  }
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen({ port: options.port, host: options.host, backlog: 4096 }, resolve);
  });
  http.once('close', () => listener.close());
  return `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
}

/** Lets at most `perTurn` parked connections be read again per event-loop turn, oldest first. */
export class RushPacer {
  private readonly parked: Socket[] = [];
  private head = 0;
  private scheduled = false;

  constructor(private readonly perTurn: number) {}

  get waiting(): number {
    return this.parked.length - this.head;
  }

  /** Stops reading `socket` (its answer is sent; a client's next request stays in the kernel) until its turn. */
  park(socket: Socket): void {
    socket.pause();
    this.parked.push(socket);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.release);
    }
  }

  private readonly release = (): void => {
    this.scheduled = false;
    for (let n = 0; n < this.perTurn && this.head < this.parked.length; n++) {
      const socket = this.parked[this.head++];
      if (!socket.destroyed) socket.resume();
    }
    if (this.head === this.parked.length || this.head > 1024) {
      this.parked.splice(0, this.head);
      this.head = 0;
    }
    if (this.waiting > 0) {
      this.scheduled = true;
      setImmediate(this.release);
    }
  };
}
