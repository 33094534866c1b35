import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FlashPurchaseView, FlashSlotView } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUserId, OptionalShopperAuth, ShopperAuth, ViewerId } from '../../common/auth';
import { FlashPurchaseDto, PurchaseIdParam } from './flash-sale.dto';
import { FlashSaleService } from './flash-sale.service';

@ApiTags('flash-sale')
@Controller('api/flash-sale')
export class FlashSaleController {
  constructor(private readonly flash: FlashSaleService) {}

  @Get('slots')
  @OptionalShopperAuth()
  slots(@ViewerId() viewerId: number | null): Promise<FlashSlotView[]> {
    return this.flash.slotsAround(viewerId);
  }

  /**
   * The rush path. 202 `queued` with Redis (poll the purchase), 201 `confirmed` without. 409 for sold out or over
   * the limit, 429 over the per-shopper or per-address rate.
   */
  @Post('purchases')
  @ShopperAuth()
  @HttpCode(201)
  async purchase(@CurrentUserId() userId: number, @Body() dto: FlashPurchaseDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<FlashPurchaseView> {
    const result = await this.flash.purchase(userId, dto, req.ip);
    if (result.status === 'queued') void reply.status(202);
    return result;
  }

  @Get('purchases/:id')
  @ShopperAuth()
  status(@CurrentUserId() userId: number, @Param() param: PurchaseIdParam): Promise<FlashPurchaseView> {
    return this.flash.purchaseStatus(userId, param.id);
  }
}
