import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * The optional Redis connection (REDIS_URL). Null on the embedded default: every feature that uses Redis
 * has a database path that gives the same results. `blocking()` hands out extra connections for blocking reads.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisConnections.name);
  readonly client: Redis | null;
  private readonly extra: Redis[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.client = config.redisUrl ? this.connect() : null;
  }

  blocking(): Redis {
    const connection = this.connect();
    this.extra.push(connection);
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    for (const c of [...this.extra, ...(this.client ? [this.client] : [])]) {
      await c.quit().catch(() => c.disconnect());
    }
  }

  private connect(): Redis {
    const connection = new Redis(this.config.redisUrl!, { maxRetriesPerRequest: 3, enableAutoPipelining: true, lazyConnect: false });
    connection.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'redis error'));
    return connection;
  }
}

@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
