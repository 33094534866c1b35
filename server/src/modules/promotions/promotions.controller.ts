import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { GroupBuyPickView, ProductPromotionView } from '@linli/shared';
import { PublicCache } from '../../common/public-read-cache';
import { GroupBuyPickQuery, ProductPromotionQuery } from './promotions.dto';
import { PromotionsService } from './promotions.service';

@ApiTags('promotions')
@Controller('api/promotions')
export class PromotionsController {
  constructor(private readonly promotions: PromotionsService) {}

  @Get('products')
  @PublicCache()
  @ApiOperation({ summary: 'Which of these products are in an active group-buy or a live flash slot (card tags); no login' })
  products(@Query() query: ProductPromotionQuery): Promise<ProductPromotionView[]> {
    return this.promotions.forProducts(query.ids);
  }

  @Get('group-buys')
  @PublicCache()
  @ApiOperation({ summary: "Open group-buy campaigns for the home page's 拼团 section; no login" })
  groupBuys(@Query() query: GroupBuyPickQuery): Promise<GroupBuyPickView[]> {
    return this.promotions.groupBuys(query.limit);
  }
}
