import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogModule } from '../catalog/catalog.module';
import { CartController } from './cart.controller';
import { CartService } from './cart.service';
import { CartItem } from './entities/cart-item.entity';

@Module({ imports: [TypeOrmModule.forFeature([CartItem]), CatalogModule], controllers: [CartController], providers: [CartService], exports: [CartService] })
export class CartModule {}
