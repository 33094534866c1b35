import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminOutboxPage, AdminOutboxQuery, AdminOutboxView } from './outbox.dto';
import { OutboxService } from './outbox.service';

@ApiTags('admin: outbox')
@AdminAuth('operator')
@Controller('admin/outbox')
export class AdminOutboxController {
  constructor(private readonly outbox: OutboxService) {}

  @Get()
  @ApiOperation({ summary: 'Work after commit (e.g. WeChat shipping reports): what is pending, delivered or dead, with attempts and the last error' })
  @ApiOkResponse({ type: AdminOutboxPage })
  list(@Query() query: AdminOutboxQuery): Promise<AdminOutboxPage> {
    return this.outbox.list(query);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @AdminAuth('admin')
  @ApiOperation({ summary: 'Give a dead message a new round of attempts, starting at the next worker pass' })
  @ApiOkResponse({ type: AdminOutboxView })
  retry(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminOutboxView> {
    return this.outbox.retry(id, admin.adminId);
  }
}
