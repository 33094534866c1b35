import type { IncomingMessage } from 'node:http';
import { ProxyTrust } from './client-address';

const request = (peer: string, forwarded?: string) => ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('ProxyTrust', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    const trust = new ProxyTrust([]);
    expect(trust.clientAddress(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(trust.trusts('127.0.0.1')).toBe(false);
  });

  it('believes a trusted proxy, hop by hop from the right, and stops at the first untrusted hop', () => {
    const trust = new ProxyTrust(['127.0.0.1', '10.0.0.0/8']);
    expect(trust.clientAddress(request('::ffff:127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    // A client cannot smuggle an address in front: the hop the proxy saw (198.51.100.1) is the client.
    expect(trust.clientAddress(request('127.0.0.1', '1.2.3.4, 198.51.100.1, 10.1.2.3'))).toBe('198.51.100.1');
    expect(trust.clientAddress(request('198.51.100.1', '203.0.113.9'))).toBe('198.51.100.1');
    expect(trust.clientAddress(request('127.0.0.1'))).toBe('127.0.0.1');
  });
});
