import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { CommonModule } from './common/common.module';
import { RedisModule } from './common/redis';
import { ErrorFilter } from './common/error.filter';
import { pinoHttpOptions } from './common/logging';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AddressesModule } from './modules/addresses/addresses.module';
import { AdminAuthModule } from './modules/admin-auth/admin-auth.module';
import { AuthModule } from './modules/auth/auth.module';
import { CartModule } from './modules/cart/cart.module';
import { CommunityModule } from './modules/community/community.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { CouponsModule } from './modules/coupons/coupons.module';
import { FlashSaleModule } from './modules/flash-sale/flash-sale.module';
import { GroupBuyModule } from './modules/group-buy/group-buy.module';
import { HealthController } from './modules/health/health.controller';
import { OrdersModule } from './modules/orders/orders.module';
import { OutboxModule } from './modules/outbox/outbox.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { WechatPayModule } from './modules/payments/wechat-pay.module';
import { PromotionsModule } from './modules/promotions/promotions.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { ReviewsModule } from './modules/reviews/reviews.module';
import { ReferralsModule } from './modules/referrals/referrals.module';
import { SeedModule } from './modules/seed/seed.module';
import { WechatModule } from './modules/wechat/wechat.module';
import { SimulatorModule } from './simulator/simulator.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logStream?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({ pinoHttp: logStream ? [pinoHttpOptions(config), logStream] : pinoHttpOptions(config) }),
        DatabaseModule,
        CommonModule,
        RedisModule,
        WechatModule,
        AuthModule,
        AdminAuthModule,
        CatalogModule,
        CartModule,
        AddressesModule,
        OrdersModule,
        OutboxModule,
        WechatPayModule,
        PaymentsModule,
        GroupBuyModule,
        FlashSaleModule,
        CouponsModule,
        ReviewsModule,
        PromotionsModule,
        RemindersModule,
        ReferralsModule,
        CommunityModule,
        SeedModule,
        // The WeChat simulator exists only outside production (config refuses it in production).
        ...(config.wechat.simulator ? [SimulatorModule] : []),
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
