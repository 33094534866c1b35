import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@linli/shared';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminOrderQuery, AdminOrderView, ShipOrderDto } from './orders.dto';
import { OrdersService } from './orders.service';

@ApiTags('admin: orders')
@AdminAuth('operator')
@Controller('admin/orders')
export class AdminOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  list(@Query() query: AdminOrderQuery): Promise<Page<AdminOrderView>> {
    return this.orders.adminList(query);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: number): Promise<AdminOrderView> {
    return this.orders.adminGet(id);
  }

  @Post(':id/ship')
  @HttpCode(200)
  ship(@Param('id', IdPipe) id: number, @Body() dto: ShipOrderDto, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminOrderView> {
    return this.orders.ship(id, dto.carrier, dto.trackingNo, admin.adminId);
  }

  /** Pickup orders: the goods wait at the store. Operators mark this until store leaders verify pickups themselves. */
  @Post(':id/ready-for-pickup')
  @HttpCode(200)
  readyForPickup(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminOrderView> {
    return this.orders.markReadyForPickup(id, admin.adminId);
  }

  /** Pickup orders: the shopper collected the goods; the order completes. */
  @Post(':id/picked-up')
  @HttpCode(200)
  pickedUp(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminOrderView> {
    return this.orders.markPickedUp(id, admin.adminId);
  }
}
