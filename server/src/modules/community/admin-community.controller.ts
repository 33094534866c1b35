import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminStoreView, CreateStoreDto, PickupReportView, SetLeaderDto, StaffView, UpdateStoreDto } from './community.dto';
import { PickupService } from './pickup.service';
import { StaffService } from './staff.service';
import { StoresService } from './stores.service';

@ApiTags('admin: community')
@AdminAuth()
@Controller('admin/community/stores')
export class AdminCommunityController {
  constructor(
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly pickups: PickupService,
  ) {}

  @Get()
  list(): Promise<AdminStoreView[]> {
    return this.stores.adminList();
  }

  @Post()
  create(@Body() dto: CreateStoreDto): Promise<AdminStoreView> {
    return this.stores.create(dto);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: number): Promise<AdminStoreView> {
    return this.stores.adminGet(id);
  }

  /** Edits details or moves the state (open, paused, closed). */
  @Patch(':id')
  update(@Param('id', IdPipe) id: number, @Body() dto: UpdateStoreDto): Promise<AdminStoreView> {
    return this.stores.update(id, dto);
  }

  /** Sets or removes the store's leader; a person leads one store and is not staff elsewhere. */
  @Put(':id/leader')
  setLeader(@Param('id', IdPipe) id: number, @Body() dto: SetLeaderDto): Promise<AdminStoreView> {
    return this.stores.setLeader(id, dto.userId);
  }

  @Get(':id/staff')
  async staffOf(@Param('id', IdPipe) id: number): Promise<StaffView[]> {
    await this.stores.adminGet(id);
    return this.staff.list(id);
  }

  /** Picked up, waiting and overdue (waiting longer than PICKUP_OVERDUE_DAYS). */
  @Get(':id/pickup-report')
  report(@Param('id', IdPipe) id: number): Promise<PickupReportView> {
    return this.pickups.report(id);
  }
}
