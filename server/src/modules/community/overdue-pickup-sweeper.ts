import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { OverduePickupsService, OverdueSweepResult } from './overdue-pickups.service';

/** Tells leaders about pickups waiting too long, once per order. Safe on every instance. */
@Injectable()
export class OverduePickupSweeper extends PeriodicSweep<OverdueSweepResult> {
  protected readonly logger = new Logger(OverduePickupSweeper.name);

  constructor(
    private readonly overdue: OverduePickupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected get intervalSeconds(): number {
    return this.config.sweepIntervalSeconds;
  }

  protected async pass(now: Date): Promise<OverdueSweepResult> {
    const result = await this.overdue.sweep(now);
    if (result.announced) this.logger.log(result, 'overdue pickups announced');
    return result;
  }
}
