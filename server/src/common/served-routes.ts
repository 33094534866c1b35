import { Injectable } from '@nestjs/common';

/**
 * Every `METHOD /path` this server answers (Fastify's routes as registered, and the fast lanes), so a spec can
 * check that the OpenAPI document describes each one a client can call.
 */
@Injectable()
export class ServedRoutes {
  private readonly routes = new Set<string>();

  add(method: string, path: string): void {
    this.routes.add(`${method} ${path}`);
  }

  list(): string[] {
    return [...this.routes].sort();
  }
}
