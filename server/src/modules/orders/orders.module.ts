import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module';
import { CartModule } from '../cart/cart.module';
import { CatalogModule } from '../catalog/catalog.module';
import { AdminOrdersController } from './admin-orders.controller';
import { OrderEventRecord } from './entities/order-event.entity';
import { OrderLine } from './entities/order-line.entity';
import { Order } from './entities/order.entity';
import { OrderStateService } from './order-state.service';
import { OrderSweeper } from './order-sweeper';
import { OrdersController } from './orders.controller';
import { OrdersService } from './orders.service';

@Module({
  imports: [TypeOrmModule.forFeature([Order, OrderLine, OrderEventRecord]), CatalogModule, CartModule, AddressesModule],
  controllers: [OrdersController, AdminOrdersController],
  providers: [OrdersService, OrderStateService, OrderSweeper],
  exports: [OrdersService, OrderSweeper],
})
export class OrdersModule {}
