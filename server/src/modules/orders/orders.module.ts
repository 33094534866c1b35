import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module';
import { CartModule } from '../cart/cart.module';
import { CatalogModule } from '../catalog/catalog.module';
import { AdminOrdersController } from './admin-orders.controller';
import { OrderEventRecord } from './entities/order-event.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { Payment } from '../payments/entities/payment.entity';
import { Refund } from '../payments/entities/refund.entity';
import { PickupStore } from './entities/pickup-store.entity';
import { OrderCoupons } from './order-coupons';
import { OrderHooks } from './order-hooks';
import { OrderLifecycle } from './order-lifecycle';
import { OrderPlacementService } from './order-placement.service';
import { PickupStoresService } from './pickup-stores.service';
import { SkuStockHandler } from './sku-stock.handler';
import { OrderStateService } from './order-state.service';
import { PurchaseQuota, PurchaseQuotaService } from './purchase-quota';
import { OrderSweeper } from './order-sweeper';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderLine, OrderEventRecord, Payment, Refund, PurchaseQuota, PickupStore]), CatalogModule, CartModule, AddressesModule],
  controllers: [OrdersController, AdminOrdersController],
  providers: [OrdersService, OrderStateService, OrderLifecycle, OrderPlacementService, PickupStoresService, SkuStockHandler, OrderSweeper, OrderHooks, PurchaseQuotaService, OrderCoupons],
  exports: [OrdersService, OrderStateService, OrderLifecycle, OrderPlacementService, PickupStoresService, OrderSweeper, OrderHooks, PurchaseQuotaService, OrderCoupons, TypeOrmModule],
})
export class OrdersModule {}
