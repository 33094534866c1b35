import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Observable, tap } from 'rxjs';

interface Entry {
  body: string;
  headers: Record<string, string>;
  storedAt: number;
  /** The answer depends on the viewer when logged in: served from here only to requests without a token. */
  anonymousOnly: boolean;
  /** One request has been let through to refresh it. */
  refreshing: boolean;
}

const MAX_ENTRIES = 1000;
const MAX_BODY_CHARS = 256 * 1024;

/**
 * Public reads (home feed, category pages, search, product detail, a product's open groups, flash slots) answered
 * from this instance's memory for at most `ttlMs` after the database produced them. No shared state: each instance
 * fills its own, so it is correct with any number of instances and without Redis, and the staleness bound is the
 * same everywhere: after a purchase or an operator's edit, stock and prices show within PUBLIC_CACHE_TTL_MS.
 * Buying never reads from here (orders price and take stock in the database). A hit is served on the raw node:http
 * server before Nest, costing about what a hello does. ttlMs = 0 turns it off.
 */
export class PublicReadCache {
  private readonly entries = new Map<string, Entry>();
  /** The clock; the staleness spec moves it. */
  now: () => number = Date.now;
  /** Re-reads a URL through the app without a socket (set by the app factory); its interceptor stores the answer. */
  refresher: ((url: string) => Promise<unknown>) | null = null;
  private readonly refreshes = new Set<Promise<unknown>>();

  constructor(readonly ttlMs: number) {}

  /**
   * Answers a GET from memory when a fresh entry exists; false sends the request on to Nest. Past half its life an
   * entry is re-read once in the background while requests are still answered from it, so a busy URL never waits
   * on the database; an entry is never served at or past its full life.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const entry = this.entries.get(req.url ?? '');
    if (!entry) return false;
    const age = this.now() - entry.storedAt;
    if (age >= this.ttlMs) {
      this.entries.delete(req.url ?? '');
      return false;
    }
    if (entry.anonymousOnly && req.headers.authorization) return false;
    if (age >= this.ttlMs / 2 && !entry.refreshing) {
      entry.refreshing = true;
      if (!this.refresher) return false; // the request itself refreshes it
      const url = req.url ?? '';
      const done = this.refresher(url).catch(() => undefined).finally(() => this.refreshes.delete(done));
      this.refreshes.add(done);
    }
    res.writeHead(200, entry.headers).end(entry.body);
    return true;
  }

  /** Resolves when the background re-reads started so far have finished (for specs). */
  async settled(): Promise<void> {
    await Promise.all([...this.refreshes]);
  }

  /** `readAt`: when the request that produced `value` arrived, so its age counts from before the database read. */
  store(url: string, value: unknown, anonymousOnly: boolean, readAt: number): void {
    const body = JSON.stringify(value);
    if (body === undefined || body.length > MAX_BODY_CHARS) return;
    this.entries.delete(url);
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), 'x-cache': 'hit' };
    this.entries.set(url, { body, headers, storedAt: readAt, anonymousOnly, refreshing: false });
  }
}

const PUBLIC_CACHE = 'linli:public-cache';

/** Fills the cache with the route's successful answer, keyed by the exact URL. */
@Injectable()
export class PublicCacheInterceptor implements NestInterceptor {
  constructor(private readonly cache: PublicReadCache, private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const options = this.reflector.get<{ perViewer: boolean }>(PUBLIC_CACHE, context.getHandler());
    if (!this.cache.ttlMs || req.method !== 'GET' || (options.perViewer && req.headers.authorization)) return next.handle();
    const url = req.raw.url ?? req.url;
    const readAt = this.cache.now();
    return next.handle().pipe(tap((value) => this.cache.store(url, value, options.perViewer, readAt)));
  }
}

/** Marks a public GET as cacheable; `perViewer` when a logged-in viewer sees something of their own in it. */
export const PublicCache = (options: { perViewer?: boolean } = {}) =>
  applyDecorators(SetMetadata(PUBLIC_CACHE, { perViewer: options.perViewer ?? false }), UseInterceptors(PublicCacheInterceptor));
