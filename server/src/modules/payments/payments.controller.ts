import { Body, Controller, Get, HttpCode, Param, Post, RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { PayStartView, RefundView } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { RateLimit } from '../../common/rate-limit';
import { ApplyRefundDto } from './payments.dto';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { NotifyAnswer, WechatPayNotificationsService } from './wechat-pay-notifications.service';

@ApiTags('payments')
@Controller('api')
export class PaymentsController {
  constructor(
    private readonly payments: PaymentsService,
    private readonly refunds: RefundsService,
    private readonly notifications: WechatPayNotificationsService,
  ) {}

  @Post('orders/:id/pay')
  @ShopperAuth()
  @RateLimit('checkout', 'user')
  @HttpCode(200)
  pay(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<PayStartView> {
    return this.payments.start(userId, id);
  }

  @Post('orders/:id/refunds')
  @ShopperAuth()
  applyRefund(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number, @Body() dto: ApplyRefundDto): Promise<RefundView> {
    return this.refunds.apply(userId, id, dto);
  }

  @Get('orders/:id/refunds')
  @ShopperAuth()
  refundsOf(@CurrentUserId() userId: number, @Param('id', IdPipe) id: number): Promise<RefundView[]> {
    return this.refunds.listForOrder(userId, id);
  }

  /** WeChat Pay's payment notification: verified on the raw body. */
  @Post('payments/wechat/notify')
  @ApiExcludeEndpoint()
  async notify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    this.answer(reply, await this.notifications.transaction(req.headers, req.rawBody?.toString('utf8') ?? ''));
  }

  @Post('payments/wechat/refund-notify')
  @ApiExcludeEndpoint()
  async refundNotify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    this.answer(reply, await this.notifications.refund(req.headers, req.rawBody?.toString('utf8') ?? ''));
  }

  private answer(reply: FastifyReply, answer: NotifyAnswer): void {
    void reply.status(answer.status).send(answer.body);
  }
}
