import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { OrdersModule } from '../orders/orders.module';
import { OutboxModule } from '../outbox/outbox.module';
import { AdminPaymentsController } from './admin-payments.controller';
import { AdminPaymentsService } from './admin-payments.service';
import { Payment } from './entities/payment.entity';
import { Refund } from './entities/refund.entity';
import { PaymentSweeper } from './payment-sweeper';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { WechatPayNotificationsService } from './wechat-pay-notifications.service';

@Module({
  imports: [TypeOrmModule.forFeature([Payment, Refund]), OrdersModule, CatalogModule, OutboxModule],
  controllers: [PaymentsController, AdminPaymentsController],
  providers: [PaymentsService, RefundsService, WechatPayNotificationsService, AdminPaymentsService, PaymentSweeper],
  exports: [PaymentsService, RefundsService, PaymentSweeper],
})
export class PaymentsModule {}
