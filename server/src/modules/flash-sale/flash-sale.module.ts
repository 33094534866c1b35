import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module';
import { OrdersModule } from '../orders/orders.module';
import { AdminFlashSaleController } from './admin-flash-sale.controller';
import { AdminFlashSaleService } from './admin-flash-sale.service';
import { FlashItem, FlashReservation, FlashSlot } from './entities/flash.entity';
import { FlashBatchWriter } from './flash-batch-writer';
import { FlashCatalog } from './flash-catalog';
import { FlashDatabaseQueue } from './flash-database-queue';
import { FlashOrderWriter } from './flash-order-writer';
import { FlashPurchaseRoute } from './flash-purchase.route';
import { FlashSaleController } from './flash-sale.controller';
import { FlashSaleService } from './flash-sale.service';
import { FlashStockGate } from './flash-stock.gate';

@Module({
  imports: [TypeOrmModule.forFeature([FlashSlot, FlashItem, FlashReservation]), OrdersModule, AddressesModule],
  controllers: [FlashSaleController, AdminFlashSaleController],
  providers: [FlashSaleService, FlashCatalog, FlashStockGate, FlashBatchWriter, FlashDatabaseQueue, FlashOrderWriter, FlashPurchaseRoute, AdminFlashSaleService],
  exports: [FlashSaleService, FlashOrderWriter, FlashStockGate],
})
export class FlashSaleModule {}
