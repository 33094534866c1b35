import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FlashPurchaseView, FlashSlotView } from '@linli/shared';
import { CurrentUserId, OptionalShopperAuth, ShopperAuth, ViewerId } from '../../common/auth';
import { PurchaseIdParam } from './flash-sale.dto';
import { FlashSaleService } from './flash-sale.service';

/** Reads; the purchase itself is FlashPurchaseRoute, on its fast lane outside Nest. */
@ApiTags('flash-sale')
@Controller('api/flash-sale')
export class FlashSaleController {
  constructor(private readonly flash: FlashSaleService) {}

  @Get('slots')
  @OptionalShopperAuth()
  slots(@ViewerId() viewerId: number | null): Promise<FlashSlotView[]> {
    return this.flash.slotsAround(viewerId);
  }

  @Get('purchases/:id')
  @ShopperAuth()
  status(@CurrentUserId() userId: number, @Param() param: PurchaseIdParam): Promise<FlashPurchaseView> {
    return this.flash.purchaseStatus(userId, param.id);
  }
}
