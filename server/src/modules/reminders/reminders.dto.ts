import { ApiProperty } from '@nestjs/swagger';
import { IsId } from '../../common/validation';

export class FlashReminderDto {
  @ApiProperty({ description: 'An item of a flash slot that has not started yet' }) @IsId() itemId: number;
}
