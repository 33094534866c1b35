import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OrdersService } from './orders.service';

export interface SweepResult {
  expired: number;
  completed: number;
}

/** Cancels unpaid orders at their deadline and completes long-shipped ones. Each order moves by a conditional UPDATE. */
@Injectable()
export class OrderSweeper extends PeriodicSweep<SweepResult> {
  constructor(
    private readonly orders: OrdersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<SweepResult> {
    const expired = await this.orders.expireUnpaid(now);
    const completed = await this.orders.autoComplete(now);
    if (expired || completed) this.logger.log({ expired, completed }, 'order sweep');
    return { expired, completed };
  }
}
