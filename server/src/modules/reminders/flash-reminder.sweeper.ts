import { Inject, Injectable } from '@nestjs/common';
import { PeriodicSweep } from '../../common/periodic-sweep';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FlashRemindersService, ReminderPass } from './flash-reminders.service';

/** Sends 提醒我 messages when their slot starts, on the shared sweep timer. */
@Injectable()
export class FlashReminderSweeper extends PeriodicSweep<ReminderPass> {
  constructor(
    private readonly reminders: FlashRemindersService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super(config);
  }

  protected async pass(now: Date): Promise<ReminderPass> {
    const result = await this.reminders.sendDue(now);
    if (result.sent || result.refused || result.failed || result.expired) this.logger.log(result, 'flash reminders');
    return result;
  }
}
