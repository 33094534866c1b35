import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminFlashSaleService, AdminSlotView, FlashItemLiveView } from './admin-flash-sale.service';
import { CreateFlashItemDto, CreateSlotDto, UpdateFlashItemDto, UpdateSlotDto } from './flash-sale.dto';

@ApiTags('admin: flash sale')
@AdminAuth()
@Controller('admin/flash-sale')
export class AdminFlashSaleController {
  constructor(private readonly admin: AdminFlashSaleService) {}

  @Post('slots')
  createSlot(@Body() dto: CreateSlotDto): Promise<AdminSlotView> {
    return this.admin.createSlot(dto);
  }

  @Get('slots')
  listSlots(): Promise<AdminSlotView[]> {
    return this.admin.listSlots();
  }

  @Get('slots/:id')
  slot(@Param('id', IdPipe) id: number): Promise<AdminSlotView> {
    return this.admin.slot(id);
  }

  @Patch('slots/:id')
  updateSlot(@Param('id', IdPipe) id: number, @Body() dto: UpdateSlotDto): Promise<AdminSlotView> {
    return this.admin.updateSlot(id, dto);
  }

  @Post('slots/:id/items')
  addItem(@Param('id', IdPipe) id: number, @Body() dto: CreateFlashItemDto): Promise<AdminSlotView> {
    return this.admin.addItem(id, dto);
  }

  @Patch('items/:id')
  updateItem(@Param('id', IdPipe) id: number, @Body() dto: UpdateFlashItemDto): Promise<AdminSlotView> {
    return this.admin.updateItem(id, dto);
  }

  @Post('items/:id/stop')
  @HttpCode(200)
  stopItem(@Param('id', IdPipe) id: number): Promise<AdminSlotView> {
    return this.admin.stopItem(id);
  }

  /** Sold, reserved and paid units, live, beside Redis and the order writer's backlog. */
  @Get('items/:id/live')
  live(@Param('id', IdPipe) id: number): Promise<FlashItemLiveView> {
    return this.admin.live(id);
  }
}
