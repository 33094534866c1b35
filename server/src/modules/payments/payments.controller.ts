import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { PayStartView, RefundView } from '@linli/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentUserId, ShopperAuth } from '../../common/auth';
import { IdPipe } from '../../common/id-param.pipe';
import { RateLimit } from '../../common/rate-limit';
import { ApplyRefundDto } from './payments.dto';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { NotifyAnswer, WechatPayNotificationsService } from './wechat-pay-notifications.service';

/** How WeChat Pay calls us: documented so the API document lists every route a client (WeChat Pay included) can call. */
export const WechatPayNotification = (what: string) =>
  applyDecorators(
    ApiOperation({
      summary: `WeChat Pay's ${what} notification (called by WeChat Pay, not the app)`,
      description: 'Verified with the Wechatpay-* headers over the raw body, then AES-256-GCM decrypted. 204 when handled; otherwise 4xx/5xx with `{"code":"FAIL","message":…}`, and WeChat Pay retries.',
    }),
    ApiHeader({ name: 'Wechatpay-Serial', required: true }),
    ApiHeader({ name: 'Wechatpay-Signature', required: true }),
    ApiHeader({ name: 'Wechatpay-Timestamp', required: true }),
    ApiHeader({ name: 'Wechatpay-Nonce', required: true }),
    ApiBody({
      schema: {
        type: 'object',
        required: ['id', 'event_type', 'resource'],
        properties: {
          id: { type: 'string' }, create_time: { type: 'string' }, event_type: { type: 'string' }, resource_type: { type: 'string' }, summary: { type: 'string' },
          resource: {
            type: 'object', required: ['algorithm', 'ciphertext', 'nonce'],
            properties: { algorithm: { type: 'string', enum: ['AEAD_AES_256_GCM'] }, ciphertext: { type: 'string' }, associated_data: { type: 'string' }, nonce: { type: 'string' }, original_type: { type: 'string' } },
          },
        },
      },
    }),
    ApiResponse({ status: 204, description: 'handled (also for a duplicate)' }),
    ApiResponse({ status: 401, description: 'bad, probe, unknown-serial or stale signature: `{"code":"FAIL","message":…}`' }),
  );

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
  @WechatPayNotification('payment')
  async notify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    this.answer(reply, await this.notifications.transaction(req.headers, req.rawBody?.toString('utf8') ?? ''));
  }

  @Post('payments/wechat/refund-notify')
  @WechatPayNotification('refund')
  async refundNotify(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    this.answer(reply, await this.notifications.refund(req.headers, req.rawBody?.toString('utf8') ?? ''));
  }

  private answer(reply: FastifyReply, answer: NotifyAnswer): void {
    void reply.status(answer.status).send(answer.body);
  }
}
