import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { GroupBuyProductView, GroupView, OrderPreviewView, OrderView, Page } from '@linli/shared';
import { CurrentUserId, OptionalShopperAuth, ShopperAuth, ViewerId } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { PublicCache } from '../../common/public-read-cache';
import { RateLimit } from '../../common/rate-limit';
import { CreateGroupOrderDto, GroupOrderPreviewDto, MyGroupsQuery } from './group-buy.dto';
import { GroupBuyService } from './group-buy.service';

@ApiTags('group-buy')
@Controller('api/group-buy')
export class GroupBuyController {
  constructor(private readonly groupBuy: GroupBuyService) {}

  /** The campaign on a product and its open groups (public: the product page shows it before login). */
  @Get('products/:productId')
  @OptionalShopperAuth()
  @PublicCache({ perViewer: true })
  forProduct(@Param('productId', IdPipe) productId: number, @ViewerId() viewerId: number | null): Promise<GroupBuyProductView> {
    return this.groupBuy.forProduct(productId, viewerId);
  }

  /** A group's page: where a share lands. Public, so a friend sees it before logging in. */
  @Get('groups/:id')
  @OptionalShopperAuth()
  group(@Param('id', IdPipe) id: number, @ViewerId() viewerId: number | null): Promise<GroupView> {
    return this.groupBuy.group(id, viewerId);
  }

  @Get('mine')
  @ShopperAuth()
  mine(@CurrentUserId() userId: number, @Query() query: MyGroupsQuery): Promise<Page<GroupView>> {
    return this.groupBuy.mine(userId, query);
  }

  @Post('preview')
  @HttpCode(200)
  @ShopperAuth()
  preview(@CurrentUserId() userId: number, @Body() dto: GroupOrderPreviewDto): Promise<OrderPreviewView> {
    return this.groupBuy.preview(userId, dto);
  }

  /** Opens a group (no groupId) or joins one. The order is then paid like any other (`POST /api/orders/:id/pay`). */
  @Post('orders')
  @ShopperAuth()
  @RateLimit('checkout', 'user')
  placeOrder(@CurrentUserId() userId: number, @Body() dto: CreateGroupOrderDto): Promise<OrderView> {
    return this.groupBuy.placeOrder(userId, dto);
  }
}
