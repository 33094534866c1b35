import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { JsonWebTokenError, TokenExpiredError } from 'jsonwebtoken';
import { createHmac, createSecretKey, KeyObject, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { TokenPayload } from './auth';

/** The header segment of every token this server signs (JwtService, HS256). */
const OUR_HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/**
 * Verifies bearer tokens. A token with exactly our own HS256 header is checked here: the HMAC over the first two
 * segments compared in constant time with the third, then `nbf` and `exp` as jsonwebtoken checks them. That is
 * a third of jsonwebtoken's CPU, which parses the header and runs its generic algorithm machinery per call and was
 * a tenth of the flash-sale purchase path. Any other token (another header, another algorithm) goes to
 * JwtService, which allows HS256 only. Throws jsonwebtoken's own error types either way.
 */
@Injectable()
export class TokenVerifier {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.jwt.secret));
  }

  verify(token: string, now = Date.now()): TokenPayload {
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.slice(0, first) !== OUR_HEADER) return this.jwt.verify<TokenPayload>(token);
    const given = Buffer.from(token.slice(second + 1));
    const expected = Buffer.from(createHmac('sha256', this.key).update(token.slice(0, second)).digest('base64url'));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new JsonWebTokenError('invalid signature');
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8'));
    } catch {
      throw new JsonWebTokenError('invalid token');
    }
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new JsonWebTokenError('invalid payload');
    const { nbf, exp } = payload as { nbf?: unknown; exp?: unknown };
    const seconds = Math.floor(now / 1000);
    if (nbf !== undefined && (typeof nbf !== 'number' || seconds < nbf)) throw new JsonWebTokenError('jwt not active');
    if (exp !== undefined) {
      if (typeof exp !== 'number') throw new JsonWebTokenError('invalid exp value');
      if (seconds >= exp) throw new TokenExpiredError('jwt expired', new Date(exp * 1000));
    }
    return payload as TokenPayload;
  }
}
