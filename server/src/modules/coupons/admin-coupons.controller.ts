import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Page } from '@linli/shared';
import { AdminAuth, AdminPrincipal, CurrentAdmin } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { PageQuery } from '../../common/pagination.dto';
import { CreateCodesDto, CreateCouponTemplateDto, GrantCouponsDto, OperatorRedPacketDto, TemplatesQuery, TopUpBudgetDto, UpdateCouponTemplateDto } from './coupons.dto';
import { AdminTemplateView, CouponsService } from './coupons.service';
import { AdminPacketView, RedPacketsService } from './red-packets.service';

@ApiTags('admin: coupons')
@AdminAuth('operator')
@Controller('admin/coupons')
export class AdminCouponsController {
  constructor(private readonly coupons: CouponsService) {}

  @Post('templates')
  create(@Body() dto: CreateCouponTemplateDto, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminTemplateView> {
    return this.coupons.createTemplate(dto, `operator:${admin.adminId}`);
  }

  /** Templates with their ROI data (claimed, used, discount given, sales of the orders that used them). */
  @Get('templates')
  list(@Query() query: TemplatesQuery): Promise<Page<AdminTemplateView>> {
    return this.coupons.adminList(query);
  }

  @Get('templates/:id')
  get(@Param('id', IdPipe) id: number): Promise<AdminTemplateView> {
    return this.coupons.adminGet(id);
  }

  @Patch('templates/:id')
  update(@Param('id', IdPipe) id: number, @Body() dto: UpdateCouponTemplateDto): Promise<AdminTemplateView> {
    return this.coupons.updateTemplate(id, dto);
  }

  @Post('templates/:id/stop')
  @HttpCode(200)
  stop(@Param('id', IdPipe) id: number): Promise<AdminTemplateView> {
    return this.coupons.stopTemplate(id);
  }

  /** Gives a coupon to each chosen shopper (the total and per-shopper limit still hold). */
  @Post('templates/:id/grant')
  @HttpCode(200)
  grant(@Param('id', IdPipe) id: number, @Body() dto: GrantCouponsDto): Promise<{ granted: number[]; refused: { userId: number; reason: string }[] }> {
    return this.coupons.grant(id, dto.userIds);
  }

  /** A batch of one-time redeem codes for this template. */
  @Post('templates/:id/codes')
  createCodes(@Param('id', IdPipe) id: number, @Body() dto: CreateCodesDto): Promise<{ batch: string; codes: string[] }> {
    return this.coupons.createCodes(id, dto);
  }

  @Get('templates/:id/codes')
  codes(@Param('id', IdPipe) id: number): Promise<{ code: string; batch: string; usedBy: number | null; usedAt: string | null }[]> {
    return this.coupons.listCodes(id);
  }
}

@ApiTags('admin: red packets')
@AdminAuth('operator')
@Controller('admin/red-packets')
export class AdminRedPacketsController {
  constructor(private readonly packets: RedPacketsService) {}

  /** A packet from the marketing budget, to drop into a community chat. */
  @Post()
  create(@Body() dto: OperatorRedPacketDto, @CurrentAdmin() admin: AdminPrincipal): Promise<AdminPacketView> {
    return this.packets.sendFromBudget(dto, `operator:${admin.adminId}`);
  }

  @Get()
  list(@Query() query: PageQuery): Promise<Page<AdminPacketView>> {
    return this.packets.adminList(query);
  }

  @Get('budget')
  budget(): Promise<{ balance: number }> {
    return this.packets.budget();
  }

  @Post('budget/top-up')
  @HttpCode(200)
  @AdminAuth('admin')
  topUp(@Body() dto: TopUpBudgetDto, @CurrentAdmin() admin: AdminPrincipal): Promise<{ balance: number }> {
    return this.packets.topUp(dto.amount, `admin:${admin.adminId}`);
  }
}
