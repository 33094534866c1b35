import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrdersService } from './orders.service';

export interface SweepResult {
  expired: number;
  completed: number;
}

/**
 * Runs the order sweeps on a timer. Correctness does not depend on this process being the only one:
 * each order moves by a conditional UPDATE, so two instances sweeping together cancel an order once.
 */
@Injectable()
export class OrderSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OrderSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepResult> | null = null;

  constructor(
    private readonly orders: OrdersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.sweepIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.sweepOnce().catch((err: unknown) => this.logger.error({ err }, 'order sweep failed')), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass of every sweep; overlapping calls in this process share the pass already running. */
  sweepOnce(now = new Date()): Promise<SweepResult> {
    this.running ??= (async () => {
      try {
        const expired = await this.orders.expireUnpaid(now);
        const completed = await this.orders.autoComplete(now);
        if (expired || completed) this.logger.log({ expired, completed }, 'order sweep');
        return { expired, completed };
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
