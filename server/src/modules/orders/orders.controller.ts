import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { OrderCounts, OrderPreviewView, OrderView, Page } from '@linli/shared';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { RateLimit } from '../../common/rate-limit';
import { CancelOrderDto, CreateOrderDto, OrderListQuery, OrderPreviewDto } from './orders.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ShopperAuth()
@Controller('api/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('preview')
  @HttpCode(200)
  preview(@CurrentUserId() userId: number, @Body() dto: OrderPreviewDto): Promise<OrderPreviewView> {
    return this.orders.preview(userId, dto.lines, dto.addressId, dto.fulfilment, dto.pickupStoreId, dto.couponId);
  }

  @Post()
  @RateLimit('checkout', 'user')
  create(@CurrentUserId() userId: number, @Body() dto: CreateOrderDto): Promise<OrderView> {
    return this.orders.create(userId, dto);
  }

  @Get()
  list(@CurrentUserId() userId: number, @Query() query: OrderListQuery): Promise<Page<OrderView>> {
    return this.orders.list(userId, query);
  }

  @Get('counts')
  counts(@CurrentUserId() userId: number): Promise<OrderCounts> {
    return this.orders.counts(userId);
  }

  @Get(':id')
  get(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<OrderView> {
    return this.orders.get(userId, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number, @Body() dto: CancelOrderDto): Promise<OrderView> {
    return this.orders.cancelByShopper(userId, id, dto.reason);
  }

  @Post(':id/confirm-receipt')
  @HttpCode(200)
  confirmReceipt(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<OrderView> {
    return this.orders.confirmReceipt(userId, id);
  }
}
