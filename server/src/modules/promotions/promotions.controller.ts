import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GroupBuyPickView, ProductPromotionView } from '@linli/shared';
import { OptionalShopperAuth, ViewerId } from '../../common/auth';
import { PublicCache } from '../../common/public-read-cache';
import { GroupBuyPickQuery, ProductPromotionQuery } from './promotions.dto';
import { PromotionsService } from './promotions.service';

@ApiTags('promotions')
@Controller('api/promotions')
export class PromotionsController {
  constructor(private readonly promotions: PromotionsService) {}

  @Get('products')
  // The 券 tag depends on a logged-in viewer's coupons: only anonymous answers are cached.
  @PublicCache({ perViewer: true })
  @ApiOperation({ summary: 'Which of these products are in an active group-buy, a live flash slot, or covered by a coupon the viewer holds or can claim (card tags); login optional' })
  @OptionalShopperAuth()
  products(@ViewerId() viewerId: number | null, @Query() query: ProductPromotionQuery): Promise<ProductPromotionView[]> {
    return this.promotions.forProducts(query.ids, viewerId);
  }

  @Get('group-buys')
  @PublicCache()
  @ApiOperation({ summary: "Open group-buy campaigns for the home page's 拼团 section; no login" })
  groupBuys(@Query() query: GroupBuyPickQuery): Promise<GroupBuyPickView[]> {
    return this.promotions.groupBuys(query.limit);
  }
}
