import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FlashRemindersView } from '@linli/shared';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { FlashReminderDto } from './reminders.dto';
import { FlashRemindersService } from './flash-reminders.service';

@ApiTags('flash-sale reminders')
@ShopperAuth()
@Controller('api/flash-sale/reminders')
export class FlashRemindersController {
  constructor(private readonly reminders: FlashRemindersService) {}

  @Get()
  @ApiOperation({ summary: "The template to ask consent for, and the items the shopper will be reminded of" })
  mine(@CurrentUserId() userId: number): Promise<FlashRemindersView> {
    return this.reminders.mine(userId);
  }

  @Post()
  @ApiOperation({ summary: '提醒我: one subscription message when the item’s slot starts (ask consent with requestSubscribeMessage first)' })
  add(@CurrentUserId() userId: number, @Body() dto: FlashReminderDto): Promise<FlashRemindersView> {
    return this.reminders.add(userId, dto.itemId);
  }

  @Delete(':itemId')
  @HttpCode(204)
  remove(@CurrentUserId() userId: number, @Param('itemId', IdPipe) itemId: number): Promise<void> {
    return this.reminders.remove(userId, itemId);
  }
}
