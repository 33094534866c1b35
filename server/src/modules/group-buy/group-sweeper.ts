import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { GroupLifecycleService, GroupSweepResult } from './group-lifecycle.service';

/** Closes groups whose time ran out and pays the refunds failed groups owe. Safe on every instance. */
@Injectable()
export class GroupSweeper extends PeriodicSweep<GroupSweepResult> {
  constructor(
    private readonly lifecycle: GroupLifecycleService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<GroupSweepResult> {
    const result = await this.lifecycle.sweep(now);
    if (result.closed || result.refunded) this.logger.log(result, 'group sweep');
    return result;
  }
}
