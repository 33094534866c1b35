import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@linli/shared';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminPaymentView, AdminPaymentsService, AdminRefundView, ReconciliationView, toAdminRefundView } from './admin-payments.service';
import { AdminPaymentQuery, AdminRefundQuery, ReconciliationQuery, RejectRefundDto } from './payments.dto';
import { RefundsService } from './refunds.service';

@ApiTags('admin: payments')
@AdminAuth()
@Controller('admin')
export class AdminPaymentsController {
  constructor(
    private readonly admin: AdminPaymentsService,
    private readonly refunds: RefundsService,
  ) {}

  @Get('payments')
  payments(@Query() query: AdminPaymentQuery): Promise<Page<AdminPaymentView>> {
    return this.admin.listPayments(query);
  }

  @Get('payments/reconciliation')
  reconciliation(@Query() query: ReconciliationQuery): Promise<ReconciliationView> {
    return this.admin.reconciliation(query.hours);
  }

  @Get('refunds')
  list(@Query() query: AdminRefundQuery): Promise<Page<AdminRefundView>> {
    return this.admin.listRefunds(query);
  }

  @Post('refunds/:id/approve')
  @HttpCode(200)
  async approve(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminRefundView> {
    return toAdminRefundView(await this.refunds.approve(id, `operator:${admin.adminId}`));
  }

  @Post('refunds/:id/reject')
  @HttpCode(200)
  async reject(@Param('id', IdPipe) id: number, @Body() dto: RejectRefundDto, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminRefundView> {
    return toAdminRefundView(await this.refunds.reject(id, `operator:${admin.adminId}`, dto.reason));
  }

  @Post('refunds/:id/retry')
  @HttpCode(200)
  async retry(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminRefundView> {
    return toAdminRefundView(await this.refunds.retry(id, `operator:${admin.adminId}`));
  }
}
