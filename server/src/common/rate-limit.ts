import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppError } from './app-error';
import type { TokenPayload } from './auth';

export type RateLimitName = 'login' | 'checkout' | 'redeem';

interface RateLimitRule {
  name: RateLimitName;
  /** 'ip' for anonymous routes, 'user' for a shopper's own actions. */
  by: 'ip' | 'user';
}

const RATE_LIMIT_KEY = 'linli:rateLimit';
const WINDOW_SECONDS = 60;

export class RateLimitError extends AppError {}

/**
 * Counts requests per key in one-minute windows, in the database, so every instance shares the count.
 * One atomic upsert per limited request; old windows are removed by `prune`.
 */
@Injectable()
export class RateLimiter {
  constructor(private readonly dataSource: DataSource) {}

  async hit(key: string, now = Date.now()): Promise<{ hits: number; windowEndsAt: number }> {
    const windowStart = Math.floor(now / 1000 / WINDOW_SECONDS) * WINDOW_SECONDS;
    let hits: number;
    if (this.dataSource.options.type === 'mysql') {
      // LAST_INSERT_ID(expr) makes the new count this connection's answer, race-free.
      const result = (await this.dataSource.query(
        'INSERT INTO rate_limit_buckets (bucket_key, window_start, hits) VALUES (?, ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + 1)',
        [key, windowStart],
      )) as { insertId: number };
      hits = Number(result.insertId);
    } else {
      const rows = (await this.dataSource.query(
        'INSERT INTO rate_limit_buckets (bucket_key, window_start, hits) VALUES (?, ?, 1) ON CONFLICT(bucket_key, window_start) DO UPDATE SET hits = hits + 1 RETURNING hits',
        [key, windowStart],
      )) as { hits: number }[];
      hits = Number(rows[0].hits);
    }
    return { hits, windowEndsAt: (windowStart + WINDOW_SECONDS) * 1000 };
  }

  async prune(now = Date.now()): Promise<void> {
    await this.dataSource.query('DELETE FROM rate_limit_buckets WHERE window_start < ?', [Math.floor(now / 1000) - 3600]);
  }
}

/** Seconds until the current one-minute window ends (windows start on the minute), for `Retry-After`. */
export function secondsLeftInWindow(now = Date.now()): number {
  const windowMs = WINDOW_SECONDS * 1000;
  return Math.max(1, Math.ceil((windowMs - (now % windowMs)) / 1000));
}

/**
 * Requests per key in one-minute windows, counted in this process only: for hot paths without Redis, where a
 * shared count would cost a database write per request. With N instances the effective limit is N times higher.
 */
export class LocalRateCounter {
  private window = 0;
  private hits = new Map<string, number>();

  /** Counts a request; returns the key's hits in the current window. */
  hit(key: string, now = Date.now()): number {
    const window = Math.floor(now / 1000 / WINDOW_SECONDS);
    if (window !== this.window) {
      this.window = window;
      this.hits = new Map();
    }
    const hits = (this.hits.get(key) ?? 0) + 1;
    this.hits.set(key, hits);
    return hits;
  }
}

@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.get<RateLimitRule>(RATE_LIMIT_KEY, context.getHandler());
    if (!rule) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const subject = rule.by === 'user' ? await this.userOf(request) : null;
    const key = `${rule.name}:${subject !== null ? `u${subject}` : `ip${request.ip}`}`;
    const limit = this.config.rateLimits[rule.name];
    const { hits, windowEndsAt } = await this.limiter.hit(key);
    if (hits > limit) {
      const retryAfter = Math.max(1, Math.ceil((windowEndsAt - Date.now()) / 1000));
      void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(retryAfter));
      throw new RateLimitError(ErrorCode.TooManyRequests, '操作太频繁，请稍后再试');
    }
    return true;
  }

  /** The shopper behind the token, if any; the auth guard decides whether the token is acceptable. */
  private async userOf(request: FastifyRequest): Promise<number | null> {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) return null;
    try {
      const payload = await this.jwt.verifyAsync<TokenPayload>(match[1]);
      return payload.kind === 'shopper' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}

/** Limits this route per minute (the number comes from config: RATE_LIMIT_<NAME>_PER_MINUTE). */
export const RateLimit = (name: RateLimitName, by: RateLimitRule['by']) => applyDecorators(SetMetadata(RATE_LIMIT_KEY, { name, by }), UseGuards(RateLimitGuard));
