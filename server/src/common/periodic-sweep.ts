import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';

/**
 * A sweep run on a timer in every instance. Correctness never depends on this process being the only one:
 * each sweep moves rows by conditional UPDATEs. Overlapping calls in one process share the pass already running.
 */
export abstract class PeriodicSweep<T> implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Named after the sweep's own class. */
  protected readonly logger: Logger;
  /** Seconds between passes (SWEEP_INTERVAL_SECONDS); 0 turns the timer off (a cron can call `sweepOnce`). */
  private readonly intervalSeconds: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  constructor(config: Pick<AppConfig, 'sweepIntervalSeconds'>) {
    this.logger = new Logger(new.target.name);
    this.intervalSeconds = config.sweepIntervalSeconds;
  }

  /** One pass; returns what it did, for logs and tests. */
  protected abstract pass(now: Date): Promise<T>;

  onApplicationBootstrap(): void {
    if (this.intervalSeconds <= 0) return;
    this.timer = setInterval(() => void this.sweepOnce().catch((err: unknown) => this.logger.error({ err }, 'sweep failed')), this.intervalSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  sweepOnce(now = new Date()): Promise<T> {
    this.running ??= this.pass(now).finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
