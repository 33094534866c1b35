import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { NewUserHooks } from '../auth/new-user-hooks';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { AdminCouponsController, AdminRedPacketsController } from './admin-coupons.controller';
import { CartHintsService } from './cart-hints.service';
import { CouponClaimRoute } from './coupon-claim.route';
import { CouponCheckoutService } from './coupon-checkout.service';
import { CouponsController, RedPacketsController } from './coupons.controller';
import { CouponsService } from './coupons.service';
import { BudgetEntry, CouponCode, CouponTemplate, MarketingBudget, UserCoupon } from './entities/coupon.entity';
import { RedPacket, RedPacketShare } from './entities/red-packet.entity';
import { RedPacketSweeper } from './red-packet-sweeper';
import { RedPacketsService } from './red-packets.service';

@Module({
  imports: [TypeOrmModule.forFeature([CouponTemplate, UserCoupon, CouponCode, MarketingBudget, BudgetEntry, RedPacket, RedPacketShare]), OrdersModule, PaymentsModule, AuthModule],
  controllers: [CouponsController, RedPacketsController, AdminCouponsController, AdminRedPacketsController],
  providers: [CouponsService, CouponCheckoutService, CartHintsService, CouponClaimRoute, RedPacketsService, RedPacketSweeper],
  exports: [CouponsService, RedPacketsService, RedPacketSweeper, CouponClaimRoute],
})
export class CouponsModule implements OnModuleInit {
  constructor(private readonly newUsers: NewUserHooks, private readonly coupons: CouponsService) {}

  /** New-customer gifts on a shopper's first login. */
  onModuleInit(): void {
    this.newUsers.onCreated((userId) => this.coupons.giftNewCustomer(userId).then(() => undefined));
  }
}
