import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrdersModule } from '../orders/orders.module';
import { OutboxModule } from '../outbox/outbox.module';
import { WechatModule } from '../wechat/wechat.module';
import { AdminReferralsController } from './admin-referrals.controller';
import { BindingService } from './binding.service';
import { CommissionLedgerService } from './commission-ledger.service';
import { DistributorsService } from './distributors.service';
import { REFERRAL_ENTITIES } from './entities/referral.entities';
import { ReferralSettingsService } from './referral-settings.service';
import { DistributorController, SharesController, TransferNotifyController } from './referrals.controller';
import { ReferralsSweeper } from './referrals-sweeper';
import { ShareImagesService } from './share-images.service';
import { SharesService } from './shares.service';
import { TransferNotificationsService } from './transfer-notifications.service';
import { WithdrawalsService } from './withdrawals.service';

/** Sharing, referral binding, distributors, the commission ledger and withdrawals (see docs/referrals.md). */
@Module({
  imports: [TypeOrmModule.forFeature(REFERRAL_ENTITIES), OrdersModule, WechatModule, OutboxModule],
  controllers: [SharesController, DistributorController, TransferNotifyController, AdminReferralsController],
  providers: [ReferralSettingsService, SharesService, ShareImagesService, BindingService, CommissionLedgerService, DistributorsService, WithdrawalsService, TransferNotificationsService, ReferralsSweeper],
  exports: [ReferralsSweeper, CommissionLedgerService, WithdrawalsService, SharesService],
})
export class ReferralsModule {}
