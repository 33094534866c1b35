import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminLeaderApplicationView, ApplicationListQuery, ApproveApplicationDto, RejectApplicationDto } from './community.dto';
import { LeaderApplicationsService } from './leader-applications.service';

@ApiTags('admin: community')
@AdminAuth()
@Controller('admin/community/applications')
export class AdminApplicationsController {
  constructor(private readonly applications: LeaderApplicationsService) {}

  @Get()
  list(@Query() query: ApplicationListQuery): Promise<AdminLeaderApplicationView[]> {
    return this.applications.adminList(query.status);
  }

  @Get(':id')
  get(@Param('id', IdPipe) id: number): Promise<AdminLeaderApplicationView> {
    return this.applications.adminGet(id);
  }

  /** Opens a store from the application (or gives them a store without a leader) and makes the applicant its leader. */
  @Post(':id/approve')
  @HttpCode(200)
  approve(@CurrentAdmin() admin: AdminPrincipal, @Param('id', IdPipe) id: number, @Body() dto: ApproveApplicationDto): Promise<AdminLeaderApplicationView> {
    return this.applications.approve(id, admin.adminId, dto.storeId);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@CurrentAdmin() admin: AdminPrincipal, @Param('id', IdPipe) id: number, @Body() dto: RejectApplicationDto): Promise<AdminLeaderApplicationView> {
    return this.applications.reject(id, admin.adminId, dto.reason);
  }
}
