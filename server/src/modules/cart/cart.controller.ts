import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CartView } from '@linli/shared';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AddCartItemDto, RemoveCartItemsDto, SelectCartItemsDto, UpdateCartItemDto } from './cart.dto';
import { CartService } from './cart.service';

@ApiTags('cart')
@ShopperAuth()
@Controller('api/cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  view(@CurrentUserId() userId: number): Promise<CartView> {
    return this.cart.view(userId);
  }

  @Post('items')
  @HttpCode(200)
  add(@CurrentUserId() userId: number, @Body() dto: AddCartItemDto): Promise<CartView> {
    return this.cart.add(userId, dto.skuId, dto.quantity);
  }

  @Patch('items/:id')
  update(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number, @Body() dto: UpdateCartItemDto): Promise<CartView> {
    return this.cart.update(userId, id, dto);
  }

  @Delete('items/:id')
  remove(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<CartView> {
    return this.cart.remove(userId, [id]);
  }

  @Post('select')
  @HttpCode(200)
  select(@CurrentUserId() userId: number, @Body() dto: SelectCartItemsDto): Promise<CartView> {
    return this.cart.select(userId, dto.selected, dto.itemIds);
  }

  @Post('remove')
  @HttpCode(200)
  removeMany(@CurrentUserId() userId: number, @Body() dto: RemoveCartItemsDto): Promise<CartView> {
    return this.cart.remove(userId, dto.itemIds);
  }
}
