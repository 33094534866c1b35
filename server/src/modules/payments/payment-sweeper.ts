import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { RateLimiter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';

/** Settles prepays whose notification never came, and pushes refunds WeChat has not confirmed. Safe on every instance. */
@Injectable()
export class PaymentSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PaymentSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<{ reconciled: number; refundsChecked: number }> | null = null;

  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.sweepIntervalSeconds;
    if (seconds <= 0) return;
    this.timer = setInterval(() => void this.sweepOnce().catch((err: unknown) => this.logger.error({ err }, 'payment sweep failed')), seconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  sweepOnce(now = new Date()): Promise<{ reconciled: number; refundsChecked: number }> {
    this.running ??= (async () => {
      try {
        const olderThan = new Date(now.getTime() - this.config.wechatPay.reconcileAfterSeconds * 1000);
        const reconciled = await this.payments.reconcile(olderThan);
        const refundsChecked = await this.refunds.reconcile(olderThan);
        await this.rateLimiter.prune(now.getTime());
        if (reconciled || refundsChecked) this.logger.log({ reconciled, refundsChecked }, 'payment sweep');
        return { reconciled, refundsChecked };
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}
