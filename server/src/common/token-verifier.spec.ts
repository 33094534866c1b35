import { JwtService } from '@nestjs/jwt';
import { createHmac, createSecretKey } from 'node:crypto';
import type { AppConfig } from '../config/app-config';
import { TokenVerifier } from './token-verifier';

const SECRET = 'a-test-secret-of-enough-length-1234';
const jwt = new JwtService({ secret: createSecretKey(Buffer.from(SECRET)) as unknown as string, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
const verifier = new TokenVerifier(jwt, { jwt: { secret: SECRET } } as AppConfig);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const signWith = (secret: string, header: object, payload: object) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
const errorOf = (token: string) => {
  try {
    verifier.verify(token);
  } catch (err) {
    return (err as Error).name + ': ' + (err as Error).message;
  }
  return 'accepted';
};

describe('TokenVerifier', () => {
  it('accepts what JwtService signs, with the same payload as JwtService.verify', () => {
    const token = jwt.sign({ sub: 7, kind: 'shopper' }, { expiresIn: 60 });
    expect(verifier.verify(token)).toEqual(jwt.verify(token));
    expect(verifier.verify(token)).toMatchObject({ sub: 7, kind: 'shopper' });
  });

  it('refuses a changed payload, a changed or padded signature, and another secret', () => {
    const token = jwt.sign({ sub: 7, kind: 'shopper' });
    const [header, , signature] = token.split('.');
    expect(errorOf(`${header}.${b64({ sub: 8, kind: 'shopper' })}.${signature}`)).toBe('JsonWebTokenError: invalid signature');
    expect(errorOf(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe('JsonWebTokenError: invalid signature');
    expect(errorOf(`${token}=`)).toBe('JsonWebTokenError: invalid signature');
    expect(errorOf(signWith('another-secret', { alg: 'HS256', typ: 'JWT' }, { sub: 7, kind: 'shopper' }))).toBe('JsonWebTokenError: invalid signature');
  });

  it('refuses expired, not-yet-valid and malformed claims as jsonwebtoken does', () => {
    const now = Math.floor(Date.now() / 1000);
    expect(errorOf(jwt.sign({ sub: 7, kind: 'shopper', exp: now - 1 }))).toBe('TokenExpiredError: jwt expired');
    expect(errorOf(jwt.sign({ sub: 7, kind: 'shopper', nbf: now + 60 }))).toMatch(/^(NotBeforeError|JsonWebTokenError): jwt not active$/);
    expect(errorOf(signWith(SECRET, { alg: 'HS256', typ: 'JWT' }, { sub: 7, exp: 'later' }))).toBe('JsonWebTokenError: invalid exp value');
    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${Buffer.from('not json').toString('base64url')}`;
    expect(errorOf(`${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`)).toBe('JsonWebTokenError: invalid token');
  });

  it('leaves any other header to jsonwebtoken, which allows HS256 only', () => {
    expect(errorOf(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 7, kind: 'shopper' })}.`)).toMatch(/^JsonWebTokenError: /);
    expect(errorOf(signWith(SECRET, { alg: 'HS512', typ: 'JWT' }, { sub: 7, kind: 'shopper' }))).toMatch(/^JsonWebTokenError: /);
    // Same claims, keys in another order: not our header's bytes, so jsonwebtoken checks it (and accepts it).
    expect(verifier.verify(signWith(SECRET, { typ: 'JWT', alg: 'HS256' }, { sub: 7, kind: 'shopper' }))).toMatchObject({ sub: 7 });
    expect(errorOf('not-a-token')).toMatch(/^JsonWebTokenError: /);
  });
});
