import { Module } from '@nestjs/common';
import { FlashReminderSweeper } from './flash-reminder.sweeper';
import { FlashRemindersController } from './flash-reminders.controller';
import { FlashRemindersService } from './flash-reminders.service';

/** Subscription messages: 提醒我 for flash items (sent at the slot's start). */
@Module({
  controllers: [FlashRemindersController],
  providers: [FlashRemindersService, FlashReminderSweeper],
  exports: [FlashRemindersService, FlashReminderSweeper],
})
export class RemindersModule {}
