import type { Socket } from 'node:net';
import { RushPacer } from './rush-listener';

const turn = () => new Promise((resolve) => setImmediate(resolve));

function fakeSocket() {
  const socket = { reading: true, destroyed: false, pause: () => void (socket.reading = false), resume: () => void (socket.reading = true) };
  return socket;
}

describe('RushPacer', () => {
  it('stops reading a parked connection and lets at most perTurn read again per turn, oldest first', async () => {
    const pacer = new RushPacer(32);
    const sockets = Array.from({ length: 70 }, fakeSocket);
    for (const s of sockets) pacer.park(s as unknown as Socket);
    expect(sockets.every((s) => !s.reading)).toBe(true);
    expect(pacer.waiting).toBe(70);

    await turn();
    expect(sockets.map((s) => s.reading).lastIndexOf(true)).toBe(31);
    expect(sockets.filter((s) => s.reading)).toHaveLength(32);
    await turn();
    expect(sockets.filter((s) => s.reading)).toHaveLength(64);
    await turn();
    expect(sockets.every((s) => s.reading)).toBe(true);
    expect(pacer.waiting).toBe(0);
  });

  it('skips a connection that closed while it waited, and keeps working after the queue empties', async () => {
    const pacer = new RushPacer(1);
    const [closed, open, later] = [fakeSocket(), fakeSocket(), fakeSocket()];
    pacer.park(closed as unknown as Socket);
    pacer.park(open as unknown as Socket);
    closed.destroyed = true;
    await turn();
    expect(closed.reading).toBe(false);
    expect(open.reading).toBe(false);
    await turn();
    expect(open.reading).toBe(true);

    pacer.park(later as unknown as Socket);
    expect(later.reading).toBe(false);
    await turn();
    expect(later.reading).toBe(true);
  });
});
