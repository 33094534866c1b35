import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module';
import { Address } from '../addresses/entities/address.entity';
import { OrdersModule } from '../orders/orders.module';
import { AdminFlashSaleController } from './admin-flash-sale.controller';
import { AdminFlashSaleService } from './admin-flash-sale.service';
import { FlashItem, FlashReservation, FlashSlot } from './entities/flash.entity';
import { FlashCatalog } from './flash-catalog';
import { FlashOrderWriter } from './flash-order-writer';
import { FlashSaleController } from './flash-sale.controller';
import { FlashSaleService } from './flash-sale.service';
import { FlashStockGate } from './flash-stock.gate';

@Module({
  imports: [TypeOrmModule.forFeature([FlashSlot, FlashItem, FlashReservation, Address]), OrdersModule, AddressesModule],
  controllers: [FlashSaleController, AdminFlashSaleController],
  providers: [FlashSaleService, FlashCatalog, FlashStockGate, FlashOrderWriter, AdminFlashSaleService],
  exports: [FlashSaleService, FlashOrderWriter, FlashStockGate],
})
export class FlashSaleModule {}
