import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { PickupStore } from '../orders/entities/pickup-store.entity';
import { OrdersModule } from '../orders/orders.module';
import { Refund } from '../payments/entities/refund.entity';
import { PaymentsModule } from '../payments/payments.module';
import { Product } from '../catalog/entities/product.entity';
import { Sku } from '../catalog/entities/sku.entity';
import { OutboxModule } from '../outbox/outbox.module';
import { WechatModule } from '../wechat/wechat.module';
import { AdminApplicationsController } from './admin-applications.controller';
import { AdminCampaignsController } from './admin-campaigns.controller';
import { ArrivalNoticesService } from './arrival-notices.service';
import { ContactPhonesService } from './contact-phones.service';
import { DailyReportService } from './daily-report.service';
import { LeaderApplicationsService } from './leader-applications.service';
import { AdminCommunityController } from './admin-community.controller';
import { BatchesService } from './batches.service';
import { CampaignsService } from './campaigns.service';
import { CommunityController, LeaderController } from './community.controller';
import { COMMUNITY_ENTITIES } from './entities/community.entities';
import { LeaderCommissionService } from './leader-commission.service';
import { OverduePickupSweeper } from './overdue-pickup-sweeper';
import { OverduePickupsService } from './overdue-pickups.service';
import { PickupService } from './pickup.service';
import { StaffService } from './staff.service';
import { StoresService } from './stores.service';

/** Community store + group: stores, leaders and staff, campaigns, batches and pick lists, pickup codes and verification (see docs/community.md). */
@Module({
  imports: [TypeOrmModule.forFeature([...COMMUNITY_ENTITIES, PickupStore, Order, OrderLine, User, Refund, Sku, Product]), OrdersModule, PaymentsModule, OutboxModule, WechatModule],
  controllers: [CommunityController, LeaderController, AdminCommunityController, AdminCampaignsController, AdminApplicationsController],
  providers: [StoresService, StaffService, PickupService, CampaignsService, BatchesService, LeaderCommissionService, LeaderApplicationsService, ArrivalNoticesService, DailyReportService, ContactPhonesService, OverduePickupsService, OverduePickupSweeper],
  exports: [StoresService, StaffService, PickupService, CampaignsService, BatchesService, OverduePickupSweeper],
})
export class CommunityModule {}
