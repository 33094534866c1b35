import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FlashPurchaseView, FlashSlotView, OrderPreviewView } from '@linli/shared';
import { CurrentUserId, OptionalShopperAuth, ShopperAuth, ViewerId } from '../../common/auth';
import { PublicCache } from '../../common/public-read-cache';
import { FlashPreviewDto, PurchaseIdParam } from './flash-sale.dto';
import { FlashSaleService } from './flash-sale.service';

/** Reads and the price preview; the purchase itself is FlashPurchaseRoute, on its fast lane outside Nest. */
@ApiTags('flash-sale')
@Controller('api/flash-sale')
export class FlashSaleController {
  constructor(private readonly flash: FlashSaleService) {}

  @Get('slots')
  @OptionalShopperAuth()
  @PublicCache({ perViewer: true })
  slots(@ViewerId() viewerId: number | null): Promise<FlashSlotView[]> {
    return this.flash.slotsAround(viewerId);
  }

  /** The server's price for a purchase before it is sent; the confirm page shows this, never its own sum. */
  @Post('preview')
  @HttpCode(200)
  @ShopperAuth()
  preview(@CurrentUserId() userId: number, @Body() dto: FlashPreviewDto): Promise<OrderPreviewView> {
    return this.flash.preview(userId, dto);
  }

  @Get('purchases/:id')
  @ShopperAuth()
  status(@CurrentUserId() userId: number, @Param() param: PurchaseIdParam): Promise<FlashPurchaseView> {
    return this.flash.purchaseStatus(userId, param.id);
  }
}
