import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module';
import { CatalogModule } from '../catalog/catalog.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { AdminGroupBuyController } from './admin-group-buy.controller';
import { AdminGroupBuyService } from './admin-group-buy.service';
import { GroupBuyCampaign, GroupBuySku } from './entities/group-buy-campaign.entity';
import { Group, GroupMember } from './entities/group.entity';
import { GroupBuyController } from './group-buy.controller';
import { GroupBuyService } from './group-buy.service';
import { GroupLifecycleService } from './group-lifecycle.service';
import { GroupSweeper } from './group-sweeper';

@Module({
  imports: [TypeOrmModule.forFeature([GroupBuyCampaign, GroupBuySku, Group, GroupMember]), OrdersModule, PaymentsModule, CatalogModule, AddressesModule],
  controllers: [GroupBuyController, AdminGroupBuyController],
  providers: [GroupBuyService, GroupLifecycleService, AdminGroupBuyService, GroupSweeper],
  exports: [GroupSweeper, GroupBuyService, AdminGroupBuyService],
})
export class GroupBuyModule {}
