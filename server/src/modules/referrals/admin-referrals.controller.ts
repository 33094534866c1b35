import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { LedgerEntryView, Page, ReferralSettings, WithdrawalView } from '@linli/shared';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { AdminDistributorView, DistributorsService, ReferralTreeNode } from './distributors.service';
import { ReferralSettingsService } from './referral-settings.service';
import { AdminDistributorsQuery, AdminWithdrawalsQuery, LedgerQuery, ProductRateDto, ReferralSettingsDto, RejectDto } from './referrals.dto';
import { WithdrawalsService } from './withdrawals.service';

@ApiTags('admin: referrals')
@AdminAuth()
@Controller('admin/referrals')
export class AdminReferralsController {
  constructor(
    private readonly distributors: DistributorsService,
    private readonly settings: ReferralSettingsService,
    private readonly withdrawals: WithdrawalsService,
  ) {}

  @Get('settings')
  getSettings(): Promise<ReferralSettings> {
    return this.settings.get();
  }

  /** Depth above 2 and rates beyond their limits are refused (400). Admin role only. */
  @Put('settings')
  @AdminAuth()
  saveSettings(@Body() dto: ReferralSettingsDto): Promise<ReferralSettings> {
    return this.settings.save(dto);
  }

  @Put('products/:id/rate')
  @AdminAuth()
  productRate(@Param('id', IdPipe) id: number, @Body() dto: ProductRateDto): Promise<{ productId: number; rateBps: number | null }> {
    return this.settings.setProductRate(id, dto.rateBps ?? null);
  }

  @Get('distributors')
  list(@Query() q: AdminDistributorsQuery): Promise<Page<AdminDistributorView>> {
    return this.distributors.list(q.page, q.pageSize, q.status);
  }

  @Get('distributors/:userId')
  get(@Param('userId', IdPipe) userId: number): Promise<AdminDistributorView> {
    return this.distributors.adminGet(userId);
  }

  @Post('distributors/:userId/approve')
  @HttpCode(200)
  approve(@Param('userId', IdPipe) userId: number): Promise<AdminDistributorView> {
    return this.distributors.review(userId, 'approve');
  }

  @Post('distributors/:userId/reject')
  @HttpCode(200)
  reject(@Param('userId', IdPipe) userId: number, @Body() dto: RejectDto): Promise<AdminDistributorView> {
    return this.distributors.review(userId, 'reject', dto.reason);
  }

  @Post('distributors/:userId/disable')
  @HttpCode(200)
  disable(@Param('userId', IdPipe) userId: number): Promise<AdminDistributorView> {
    return this.distributors.review(userId, 'disable');
  }

  @Get('distributors/:userId/ledger')
  ledger(@Param('userId', IdPipe) userId: number, @Query() q: LedgerQuery): Promise<Page<LedgerEntryView>> {
    return this.distributors.ledger(userId, q.page, q.pageSize, q.state);
  }

  /** One shopper's upline and two levels of referrals below: for support, never for payment. */
  @Get('users/:userId/tree')
  tree(@Param('userId', IdPipe) userId: number): Promise<{ user: ReferralTreeNode; upline: { userId: number; nickname: string; boundAt: string }[] }> {
    return this.distributors.tree(userId);
  }

  @Get('withdrawals')
  withdrawalsList(@Query() q: AdminWithdrawalsQuery): Promise<Page<WithdrawalView & { userId: number; attempts: number }>> {
    return this.withdrawals.list(q.page, q.pageSize, q.status);
  }

  /** Approves and pays through merchant transfer; a second approval answers 409 and pays nothing. */
  @Post('withdrawals/:id/approve')
  @HttpCode(200)
  approveWithdrawal(@Param('id', IdPipe) id: number, @CurrentAdmin() admin: AdminPrincipal): Promise<WithdrawalView> {
    return this.withdrawals.approve(id, admin.adminId);
  }

  @Post('withdrawals/:id/reject')
  @HttpCode(200)
  rejectWithdrawal(@Param('id', IdPipe) id: number, @Body() dto: RejectDto, @CurrentAdmin() admin: AdminPrincipal): Promise<WithdrawalView> {
    return this.withdrawals.reject(id, admin.adminId, dto.reason);
  }

  /** Resends an approved transfer with the same out_bill_no (never a second payment), or queries a sent one. */
  @Post('withdrawals/:id/retry')
  @HttpCode(200)
  retryWithdrawal(@Param('id', IdPipe) id: number): Promise<WithdrawalView> {
    return this.withdrawals.retry(id);
  }

  /** Cancels a transfer the shopper has not confirmed yet; the money returns to their balance. */
  @Post('withdrawals/:id/cancel')
  @HttpCode(200)
  cancelWithdrawal(@Param('id', IdPipe) id: number): Promise<WithdrawalView> {
    return this.withdrawals.cancel(id);
  }
}
