import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import type { OrderPreviewView, OrderView } from '@linli/shared';
import { BatchesService } from './batches.service';
import { CampaignsService } from './campaigns.service';
import { ApplyLeaderDto, ContactPhoneDto, ContactPhoneView, DailyReportView, WaitingQuery, ArrivalNoticeView, ArrivalTemplateView, LeaderApplicationView, MyLeaderApplicationView, ArriveDto, BatchView, CampaignOrderDto, CampaignPreviewDto, CampaignQuery, CampaignView, InviteView, JoinStaffDto, MyStoreRoleView, OverdueNoticeView, PickupView, StaffView, StoreListQuery, StoreView, VerifiedPickupView, VerifyPickupDto, WaitingOrderView } from './community.dto';
import { ArrivalNoticesService } from './arrival-notices.service';
import { ContactPhonesService } from './contact-phones.service';
import { DailyReportService } from './daily-report.service';
import { LeaderApplicationsService } from './leader-applications.service';
import { OverduePickupsService } from './overdue-pickups.service';
import { PickupService } from './pickup.service';
import { StaffService } from './staff.service';
import { StoresService } from './stores.service';

@ApiTags('community')
@Controller('api/community')
export class CommunityController {
  constructor(
    private readonly stores: StoresService,
    private readonly staff: StaffService,
    private readonly pickups: PickupService,
    private readonly campaignsService: CampaignsService,
    private readonly applications: LeaderApplicationsService,
    private readonly notices: ArrivalNoticesService,
    private readonly phones: ContactPhonesService,
  ) {}

  /** The caller's pickup contact phone, masked. */
  @Get('contact-phone')
  @ShopperAuth()
  contactPhone(@CurrentUserId() userId: number): Promise<ContactPhoneView> {
    return this.phones.mine(userId);
  }

  /** Sets the pickup contact phone from WeChat's phone button, so the store can find the caller's orders by its last digits. */
  @Post('contact-phone')
  @HttpCode(200)
  @ShopperAuth()
  setContactPhone(@CurrentUserId() userId: number, @Body() dto: ContactPhoneDto): Promise<ContactPhoneView> {
    return this.phones.set(userId, dto.phoneCode);
  }

  /** Stores a shopper can pick: nearest first with a location, else by district. */
  @Get('stores')
  listStores(@Query() query: StoreListQuery): Promise<StoreView[]> {
    return this.stores.list(query.latitude !== undefined && query.longitude !== undefined ? { latitude: query.latitude, longitude: query.longitude } : null);
  }

  @Get('stores/:id')
  getStore(@Param('id', IdPipe) id: number): Promise<StoreView> {
    return this.stores.get(id);
  }

  /** The owner's pickup card: code, store, state. Another shopper's order is not found. */
  @Get('orders/:id/pickup')
  @ShopperAuth()
  pickup(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<PickupView> {
    return this.pickups.forOwner(userId, id);
  }

  /** The 到店提醒 template checkout asks consent for (before placing the order, inside the tap). */
  @Get('arrival-notice-template')
  arrivalTemplate(): ArrivalTemplateView {
    return this.notices.template();
  }

  /** Whether this pickup order will send 到店提醒, and the template to ask consent for. */
  @Get('orders/:id/arrival-notice')
  @ShopperAuth()
  arrivalNotice(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<ArrivalNoticeView> {
    return this.notices.status(userId, id);
  }

  /** Records the consent given in WeChat (requestSubscribeMessage) for one 到店提醒 when the goods arrive. */
  @Post('orders/:id/arrival-notice')
  @HttpCode(200)
  @ShopperAuth()
  subscribeArrival(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<ArrivalNoticeView> {
    return this.notices.subscribe(userId, id);
  }

  /** 申请当团长: store details and the code of WeChat's phone button (exchanged server-side for the number). */
  @Post('leader-applications')
  @ShopperAuth()
  apply(@CurrentUserId() userId: number, @Body() dto: ApplyLeaderDto): Promise<LeaderApplicationView> {
    return this.applications.apply(userId, dto);
  }

  /** The caller's latest application and its state. */
  @Get('leader-applications/mine')
  @ShopperAuth()
  myApplication(@CurrentUserId() userId: number): Promise<MyLeaderApplicationView> {
    return this.applications.mine(userId);
  }

  /** Community campaigns selling now (for one store when given). */
  @Get('campaigns')
  campaigns(@Query() query: CampaignQuery): Promise<CampaignView[]> {
    return this.campaignsService.selling(query.storeId);
  }

  @Get('campaigns/:id')
  campaign(@Param('id', IdPipe) id: number): Promise<CampaignView> {
    return this.campaignsService.get(id);
  }

  /** The price of a campaign purchase with the shopper's coupons (the 社区团购 page's confirm sheet). */
  @Post('orders/preview')
  @HttpCode(200)
  @ShopperAuth()
  preview(@CurrentUserId() userId: number, @Body() dto: CampaignPreviewDto): Promise<OrderPreviewView> {
    return this.campaignsService.preview(userId, dto);
  }

  /** Buys one campaign SKU for pickup at a store the campaign offers, before the cut-off. Pay through /api/orders/:id/pay. */
  @Post('orders')
  @ShopperAuth()
  order(@CurrentUserId() userId: number, @Body() dto: CampaignOrderDto): Promise<OrderView> {
    return this.campaignsService.order(userId, dto);
  }

  /** Claims a one-time staff invite from a store's leader. */
  @Post('staff/join')
  @HttpCode(200)
  @ShopperAuth()
  join(@CurrentUserId() userId: number, @Body() dto: JoinStaffDto): Promise<MyStoreRoleView> {
    return this.staff.join(userId, dto.code);
  }
}

/** The 团长工作台: the leader's and staff's own store only. */
@ApiTags('community: leader')
@ShopperAuth()
@Controller('api/community/leader')
export class LeaderController {
  constructor(
    private readonly staff: StaffService,
    private readonly pickups: PickupService,
    private readonly batches: BatchesService,
    private readonly reports: DailyReportService,
    private readonly overdue: OverduePickupsService,
  ) {}

  /** Leader only: 销售战报, today's orders, shoppers, top products and goods waiting (masked names only). */
  @Get('report')
  report(@CurrentUserId() userId: number): Promise<DailyReportView> {
    return this.reports.report(userId);
  }

  /** Leader only: the same report as an image for the group chat. */
  @Get('report/image')
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG, 750×1000' })
  async reportImage(@CurrentUserId() userId: number, @Res() reply: FastifyReply): Promise<void> {
    const png = await this.reports.image(userId);
    void reply.type('image/png').header('Cache-Control', 'private, no-store').send(png);
  }

  /** Leader only: the 逾期未取提醒 template and how many messages the leader has consented to. */
  @Get('overdue-notice')
  overdueNotice(@CurrentUserId() userId: number): Promise<OverdueNoticeView> {
    return this.overdue.status(userId);
  }

  /** Leader only: records one consent given in WeChat (requestSubscribeMessage), good for one overdue message. */
  @Post('overdue-notice')
  @HttpCode(200)
  consentOverdueNotice(@CurrentUserId() userId: number): Promise<OverdueNoticeView> {
    return this.overdue.consent(userId);
  }

  /** Whether the caller leads or staffs a store, and which. */
  @Get('me')
  me(@CurrentUserId() userId: number): Promise<MyStoreRoleView> {
    return this.staff.me(userId);
  }

  /** Verifies a pickup code (scanned or typed) at the caller's store, once. */
  @Post('verify')
  @HttpCode(200)
  verify(@CurrentUserId() userId: number, @Body() dto: VerifyPickupDto): Promise<VerifiedPickupView> {
    return this.pickups.verify(userId, dto.code);
  }

  /** Orders waiting for pickup at the caller's store (buyers masked, no codes). */
  @Get('orders/waiting')
  waiting(@CurrentUserId() userId: number, @Query() query: WaitingQuery): Promise<WaitingOrderView[]> {
    return this.pickups.waiting(userId, query.phoneTail);
  }

  /** Leader only: this store's batches (today's delivery first). */
  @Get('batches')
  myBatches(@CurrentUserId() userId: number): Promise<BatchView[]> {
    return this.batches.forLeader(userId);
  }

  /** Leader only: the goods arrived, with any units short per SKU; short lines are refunded, the rest become 待自提. */
  @Post('batches/:id/arrive')
  @HttpCode(200)
  arrive(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number, @Body() dto: ArriveDto): Promise<BatchView> {
    return this.batches.arrive(userId, id, dto.shortages);
  }

  /** Leader only: a one-time code that makes its claimer staff of this store. */
  @Post('staff/invites')
  invite(@CurrentUserId() userId: number): Promise<InviteView> {
    return this.staff.invite(userId);
  }

  @Get('staff')
  listStaff(@CurrentUserId() userId: number): Promise<StaffView[]> {
    return this.staff.listForLeader(userId);
  }

  @Delete('staff/:userId')
  @HttpCode(204)
  removeStaff(@CurrentUserId() leaderId: number, @Param('userId', IdPipe) userId: number): Promise<void> {
    return this.staff.remove(leaderId, userId);
  }
}
