import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { DistributorMeView, LedgerEntryView, Page, ReferralView, ShareFunnelView, ShareView, VisitorView, WithdrawalView } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUserId, OptionalShopperAuth, ShopperAuth, ViewerId } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { PageQuery } from '../../common/pagination.dto';
import { BindOutcome, BindingService } from './binding.service';
import { DistributorsService } from './distributors.service';
import { BindDto, CreateShareDto, LedgerQuery, ShareCodeParam, ShareTargetView, VisitDto, WithdrawDto } from './referrals.dto';
import { ShareImagesService } from './share-images.service';
import { SharesService } from './shares.service';
import { WechatPayNotification } from '../payments/payments.controller';
import { TransferNotificationsService } from './transfer-notifications.service';
import { WithdrawalsService } from './withdrawals.service';

@ApiTags('sharing')
@Controller('api')
export class SharesController {
  constructor(
    private readonly shares: SharesService,
    private readonly bindings: BindingService,
    private readonly images: ShareImagesService,
  ) {}

  /** What a code points at (a page opened from a mini program code has only the code). Unknown or forged: 404. */
  @Get('shares/:code')
  @ApiOkResponse({ type: ShareTargetView })
  resolve(@Param() p: ShareCodeParam): Promise<ShareTargetView> {
    return this.shares.resolve(p.code);
  }

  /** The 5:4 chat card image. */
  @Get('shares/:code/card')
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG, 500×400' })
  @Header('Cache-Control', 'public, max-age=600')
  async card(@Param() p: ShareCodeParam, @Res() reply: FastifyReply): Promise<void> {
    const png = await this.images.card(p.code);
    void reply.type('image/png').send(png);
  }

  /** The poster: the goods, the sharer's avatar and name, and a mini program code for this share. */
  @Get('shares/:code/poster')
  @ApiProduces('image/png')
  @ApiOkResponse({ description: 'PNG, 750×1200' })
  async poster(@Param() p: ShareCodeParam, @Res() reply: FastifyReply): Promise<void> {
    const png = await this.images.poster(p.code);
    void reply.type('image/png').header('Cache-Control', 'public, max-age=600').send(png);
  }

  /** Issues a share code for a product, group, red packet, store or campaign page. Sharing grants nothing. */
  @Post('shares')
  @ShopperAuth()
  create(@CurrentUserId() userId: number, @Body() dto: CreateShareDto): Promise<ShareView> {
    return this.shares.create(userId, dto.target, dto.targetId, dto.channel, dto.storeId);
  }

  /** The app opened through a share: one write, no reads; a forged or unknown code is ignored (`accepted: false`). */
  @Post('shares/visits')
  @HttpCode(200)
  @OptionalShopperAuth()
  visit(@ViewerId() viewerId: number | null, @Body() dto: VisitDto, @Req() req: FastifyRequest): Promise<{ accepted: boolean }> {
    return this.shares.visit(dto.code, dto.deviceId, viewerId, req.ip);
  }

  /** After login: ties the device's visits to the shopper and binds them to the sharer if the rules allow. */
  @Post('referrals/bind')
  @HttpCode(200)
  @ShopperAuth()
  bind(@CurrentUserId() userId: number, @Body() dto: BindDto): Promise<BindOutcome> {
    return this.bindings.bind(userId, dto.code, dto.deviceId);
  }
}

@ApiTags('distributor')
@ShopperAuth()
@Controller('api/distributor')
export class DistributorController {
  constructor(
    private readonly distributors: DistributorsService,
    private readonly shares: SharesService,
    private readonly withdrawals: WithdrawalsService,
  ) {}

  /** My distributor state and earnings: today, this month, and by state. */
  @Get()
  me(@CurrentUserId() userId: number): Promise<DistributorMeView> {
    return this.distributors.me(userId);
  }

  /** Free, always: there is no fee route. */
  @Post('apply')
  @HttpCode(200)
  apply(@CurrentUserId() userId: number): Promise<DistributorMeView> {
    return this.distributors.apply(userId);
  }

  @Get('ledger')
  ledger(@CurrentUserId() userId: number, @Query() q: LedgerQuery): Promise<Page<LedgerEntryView>> {
    return this.distributors.ledger(userId, q.page, q.pageSize, q.state);
  }

  /** Direct referrals only, names masked. */
  @Get('referrals')
  referrals(@CurrentUserId() userId: number, @Query() q: PageQuery): Promise<Page<ReferralView>> {
    return this.distributors.referrals(userId, q.page, q.pageSize);
  }

  @Get('visitors')
  visitors(@CurrentUserId() userId: number, @Query() q: PageQuery): Promise<Page<VisitorView>> {
    return this.distributors.visitors(userId, q.page, q.pageSize);
  }

  @Get('shares')
  myShares(@CurrentUserId() userId: number, @Query() q: PageQuery): Promise<Page<ShareFunnelView>> {
    return this.shares.mine(userId, q.page, q.pageSize);
  }

  @Post('withdrawals')
  withdraw(@CurrentUserId() userId: number, @Body() dto: WithdrawDto): Promise<WithdrawalView> {
    return this.withdrawals.request(userId, dto.amount);
  }

  @Get('withdrawals')
  myWithdrawals(@CurrentUserId() userId: number, @Query() q: PageQuery): Promise<Page<WithdrawalView>> {
    return this.withdrawals.mine(userId, q.page, q.pageSize);
  }

  @Get('withdrawals/:id')
  withdrawal(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<WithdrawalView> {
    return this.withdrawals.get(userId, id);
  }

  /** After `wx.requestMerchantTransfer`: asks WeChat where the bill stands. */
  @Post('withdrawals/:id/refresh')
  @HttpCode(200)
  refresh(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<WithdrawalView> {
    return this.withdrawals.refresh(userId, id);
  }
}

@ApiTags('payments')
@Controller('api/payments/wechat')
export class TransferNotifyController {
  constructor(private readonly notifications: TransferNotificationsService) {}

  /** WeChat Pay's merchant transfer notification (MCHTRANSFER.BILL.FINISHED), verified on the raw body. */
  @Post('transfer-notify')
  @WechatPayNotification('merchant transfer')
  async notify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    const answer = await this.notifications.handle(req.headers, req.rawBody?.toString('utf8') ?? '');
    void reply.status(answer.status).send(answer.body);
  }
}
