import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { RateLimiter } from '../../common/rate-limit';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';

/** Settles prepays whose notification never came, and pushes refunds WeChat has not confirmed. Safe on every instance. */
@Injectable()
export class PaymentSweeper extends PeriodicSweep<{ reconciled: number; refundsChecked: number }> {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly rateLimiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<{ reconciled: number; refundsChecked: number }> {
    const olderThan = new Date(now.getTime() - this.config.wechatPay.reconcileAfterSeconds * 1000);
    const reconciled = await this.payments.reconcile(olderThan);
    const refundsChecked = await this.refunds.reconcile(olderThan);
    await this.rateLimiter.prune(now.getTime());
    if (reconciled || refundsChecked) this.logger.log({ reconciled, refundsChecked }, 'payment sweep');
    return { reconciled, refundsChecked };
  }
}
