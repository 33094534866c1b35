import { CommunityModule } from '../community/community.module';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AddressesModule } from '../addresses/addresses.module';
import { AdminAuthModule } from '../admin-auth/admin-auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { GroupBuyModule } from '../group-buy/group-buy.module';
import { Product } from '../catalog/entities/product.entity';
import { OrdersModule } from '../orders/orders.module';
import { DemoSeeder } from './demo-seeder';

@Module({ imports: [TypeOrmModule.forFeature([Product]), AdminAuthModule, CatalogModule, AddressesModule, OrdersModule, GroupBuyModule, CommunityModule], providers: [DemoSeeder] })
export class SeedModule {}
