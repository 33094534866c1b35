import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) → `10.0.0.1`. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/** Whether `entry` is an IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrRange(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Which peers may tell us the client's address through `X-Forwarded-For` (TRUST_PROXY). Walking the header from
 * the right, each hop is believed only while the address that sent it is a trusted proxy; with no trusted proxies
 * the socket's peer is the client, whatever the header says. Fastify (`request.ip`) and the fast lanes use the same rule.
 */
export class ProxyTrust {
  private readonly trusted = new BlockList();
  private readonly empty: boolean;

  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0;
    for (const entry of entries) {
      const [address, bits] = entry.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.trusted.addAddress(address, family);
      else this.trusted.addSubnet(address, Number(bits), family);
    }
  }

  /** For Fastify's `trustProxy` option: whether the hop at `address` is a proxy we trust. */
  readonly trusts = (address: string): boolean => {
    if (this.empty || !address) return false;
    const ip = plain(address);
    const family = isIP(ip);
    return family !== 0 && this.trusted.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };

  /** The client's address for a raw request (the fast lanes, outside Fastify). */
  clientAddress(req: IncomingMessage): string {
    let address = plain(req.socket.remoteAddress ?? '');
    const header = req.headers['x-forwarded-for'];
    if (!this.trusts(address) || typeof header !== 'string') return address;
    const hops = header.split(',').map((h) => h.trim()).filter(Boolean);
    while (hops.length && this.trusts(address)) address = plain(hops.pop()!);
    return address;
  }
}
