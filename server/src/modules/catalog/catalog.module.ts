import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminCatalogController } from './admin-catalog.controller';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { Banner } from './entities/banner.entity';
import { Category } from './entities/category.entity';
import { Product } from './entities/product.entity';
import { ProductSearchGram } from './entities/product-search-gram.entity';
import { Sku } from './entities/sku.entity';
import { StockService } from './stock.service';

@Module({
  imports: [TypeOrmModule.forFeature([Category, Product, ProductSearchGram, Sku, Banner])],
  controllers: [CatalogController, AdminCatalogController],
  providers: [CatalogService, StockService],
  exports: [CatalogService, StockService, TypeOrmModule],
})
export class CatalogModule {}
