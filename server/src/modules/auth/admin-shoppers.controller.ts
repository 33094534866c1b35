import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { ShopperStandingView } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('admin: shoppers')
@AdminAuth()
@Controller('admin/shoppers')
export class AdminShoppersController {
  constructor(private readonly auth: AuthService) {}

  /** Refuses the shopper's every request from now on (tokens already issued included) and any new login. */
  @Post(':id/block')
  @HttpCode(200)
  block(@Param('id', IdPipe) id: number): Promise<ShopperStandingView> {
    return this.auth.setBlocked(id, true);
  }

  @Post(':id/unblock')
  @HttpCode(200)
  unblock(@Param('id', IdPipe) id: number): Promise<ShopperStandingView> {
    return this.auth.setBlocked(id, false);
  }
}
