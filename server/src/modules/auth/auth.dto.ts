import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import type { UserView } from '@linli/shared';
import type { User } from './entities/user.entity';

export class WechatLoginDto {
  @ApiProperty({ description: 'The code from wx.login()' })
  @IsString() @Length(1, 128) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code has invalid characters' })
  code: string;
}

export function toUserView(user: User): UserView {
  return { id: user.id, nickname: user.nickname, avatar: user.avatar };
}

export interface ShopperStandingView {
  id: number;
  blocked: boolean;
}
