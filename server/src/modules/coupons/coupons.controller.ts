import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CartHintsView, CouponOfferView, Page, RedPacketView, UserCouponView } from '@linli/shared';
import { CartHintsService } from './cart-hints.service';
import { CurrentUserId, OptionalShopperAuth, ShopperAuth, ViewerId } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { RateLimit } from '../../common/rate-limit';
import { CartHintsDto, MyCouponsQuery, MyPacketsQuery, PacketCodeParam, RedeemCodeDto, SendRedPacketDto } from './coupons.dto';
import { CouponsService } from './coupons.service';
import { RedPacketsService } from './red-packets.service';

@ApiTags('coupons')
@Controller('api/coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponsService, private readonly hints: CartHintsService) {}

  /** 领券中心 (public; a signed-in shopper also sees what they hold). */
  @Get('centre')
  @OptionalShopperAuth()
  centre(@ViewerId() viewerId: number | null): Promise<CouponOfferView[]> {
    return this.coupons.centre(viewerId);
  }

  /** The product page's coupon row and 券后价. */
  @Get('products/:productId')
  @OptionalShopperAuth()
  forProduct(@Param('productId', IdPipe) productId: number, @ViewerId() viewerId: number | null): Promise<{ offers: CouponOfferView[]; afterCouponPrice: number | null }> {
    return this.coupons.forProduct(productId, viewerId);
  }

  /** A redeem code; guessing is limited per shopper per minute. */
  @Post('redeem')
  @ShopperAuth()
  @RateLimit('redeem', 'user')
  redeem(@CurrentUserId() userId: number, @Body() dto: RedeemCodeDto): Promise<UserCouponView> {
    return this.coupons.redeem(userId, dto.code);
  }

  /** The cart's 还差¥x免运费 / 还差¥x可用券 for the selected lines. */
  @Post('cart-hints')
  @HttpCode(200)
  @ShopperAuth()
  cartHints(@CurrentUserId() userId: number, @Body() dto: CartHintsDto): Promise<CartHintsView> {
    return this.hints.cartHints(userId, dto.lines);
  }

  /** 我的优惠券. */
  @Get('mine')
  @ShopperAuth()
  mine(@CurrentUserId() userId: number, @Query() query: MyCouponsQuery): Promise<Page<UserCouponView>> {
    return this.coupons.mine(userId, query);
  }

  @Get('mine/:id')
  @ShopperAuth()
  getMine(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<UserCouponView> {
    return this.coupons.getMine(userId, id);
  }
}

@ApiTags('red-packets')
@Controller('api/red-packets')
export class RedPacketsController {
  constructor(private readonly packets: RedPacketsService) {}

  /** Makes a packet and its order; pay it with `POST /api/orders/:orderId/pay`. It goes live when paid. */
  @Post()
  @ShopperAuth()
  @RateLimit('checkout', 'user')
  send(@CurrentUserId() userId: number, @Body() dto: SendRedPacketDto): Promise<RedPacketView> {
    return this.packets.send(userId, dto);
  }

  /** 我的红包: sent or received. */
  @Get('mine')
  @ShopperAuth()
  mine(@CurrentUserId() userId: number, @Query() query: MyPacketsQuery): Promise<Page<RedPacketView>> {
    return this.packets.mine(userId, query);
  }

  /** A packet this shopper sent, by id. */
  @Get('sent/:id')
  @ShopperAuth()
  sent(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<RedPacketView> {
    return this.packets.sent(userId, id);
  }

  /** The packet an order of this shopper paid for. */
  @Get('by-order/:orderId')
  @ShopperAuth()
  byOrder(@CurrentUserId() userId: number, @Param('orderId', IdPipe) orderId: number): Promise<RedPacketView> {
    return this.packets.byOrder(userId, orderId);
  }

  /** The envelope a share link opens (public: the code in the link is the key). */
  @Get('open/:code')
  @OptionalShopperAuth()
  view(@Param() params: PacketCodeParam, @ViewerId() viewerId: number | null): Promise<RedPacketView> {
    return this.packets.view(params.code, viewerId);
  }

  /** Claims one share: needs a login, nothing else. */
  @Post('open/:code/claim')
  @HttpCode(200)
  @ShopperAuth()
  claim(@CurrentUserId() userId: number, @Param() params: PacketCodeParam): Promise<RedPacketView> {
    return this.packets.claim(userId, params.code);
  }
}
