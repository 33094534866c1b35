import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class FlashReminderDto {
  @ApiProperty({ description: 'An item of a flash slot that has not started yet' }) @IsInt() @Min(1) itemId: number;
}
