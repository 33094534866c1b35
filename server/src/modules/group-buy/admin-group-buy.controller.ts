import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@linli/shared';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminCampaignView, AdminGroupBuyService, AdminGroupView } from './admin-group-buy.service';
import { AdminGroupsQuery, CreateCampaignDto, ForceGroupDto, UpdateCampaignDto } from './group-buy.dto';
import { GroupLifecycleService } from './group-lifecycle.service';

@ApiTags('admin: group-buy')
@AdminAuth()
@Controller('admin/group-buy')
export class AdminGroupBuyController {
  constructor(
    private readonly admin: AdminGroupBuyService,
    private readonly lifecycle: GroupLifecycleService,
  ) {}

  @Post('campaigns')
  create(@Body() dto: CreateCampaignDto): Promise<AdminCampaignView> {
    return this.admin.create(dto);
  }

  @Get('campaigns')
  list(@Query() query: AdminGroupsQuery): Promise<Page<AdminCampaignView>> {
    return this.admin.list(query);
  }

  @Get('campaigns/:id')
  get(@Param('id', IdPipe) id: number): Promise<AdminCampaignView> {
    return this.admin.get(id);
  }

  @Patch('campaigns/:id')
  update(@Param('id', IdPipe) id: number, @Body() dto: UpdateCampaignDto): Promise<AdminCampaignView> {
    return this.admin.update(id, dto);
  }

  @Post('campaigns/:id/stop')
  @HttpCode(200)
  stop(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminCampaignView> {
    return this.admin.stop(id, `operator:${admin.adminId}`);
  }

  /** Groups with their state, seats, members and time left. */
  @Get('groups')
  groups(@Query() query: AdminGroupsQuery): Promise<Page<AdminGroupView>> {
    return this.admin.listGroups(query);
  }

  /** Forces an open group to succeed or fail; the reason is kept on the group. */
  @Post('groups/:id/force')
  @HttpCode(200)
  async force(@Param('id', IdPipe) id: number, @Body() dto: ForceGroupDto, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminGroupView> {
    await this.lifecycle.force(id, dto.outcome, `operator:${admin.adminId}`, dto.reason);
    return this.admin.getGroup(id);
  }
}
