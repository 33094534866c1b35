import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OverduePickupsService, OverdueSweepResult } from './overdue-pickups.service';

/** Tells leaders about pickups waiting too long, once per order. Safe on every instance. */
@Injectable()
export class OverduePickupSweeper extends PeriodicSweep<OverdueSweepResult> {
  constructor(
    private readonly overdue: OverduePickupsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<OverdueSweepResult> {
    const result = await this.overdue.sweep(now);
    if (result.announced) this.logger.log(result, 'overdue pickups announced');
    return result;
  }
}
