import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LoginResult, UserView } from '@linli/shared';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { RateLimit } from '../../common/rate-limit';
import { WechatLoginDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('wechat-login')
  @RateLimit('login', 'ip')
  @HttpCode(200)
  login(@Body() dto: WechatLoginDto): Promise<LoginResult> {
    return this.auth.loginWithWechatCode(dto.code);
  }

  @Get('me')
  @ShopperAuth()
  me(@CurrentUserId() userId: number): Promise<UserView> {
    return this.auth.me(userId);
  }
}
