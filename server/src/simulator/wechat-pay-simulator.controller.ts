import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, RawBodyRequest, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatYuan } from '@linli/shared';
import { NOTIFY_MODES, NotifyMode, SimPayError, WechatPaySimulatorService } from './wechat-pay-simulator.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';

class SimPayDto {
  @IsString() outTradeNo: string;
  @IsOptional() @IsIn(NOTIFY_MODES) mode?: NotifyMode;
  @IsOptional() @IsInt() @Min(1) @Max(50) copies?: number;
  @IsOptional() @IsBoolean() force?: boolean;
}

class SimSettingsDto {
  @IsOptional() @IsBoolean() refundNotify?: boolean;
  @IsOptional() @IsInt() @Min(0) @Max(60000) refundDelayMs?: number;
  @IsOptional() @IsInt() @Min(0) @Max(100) transferFailNext?: number;
  @IsOptional() @IsIn(['user', 'auto']) transferConfirm?: 'user' | 'auto';
}

class SimTransferConfirmDto {
  @IsString() outBillNo: string;
  @IsOptional() @IsBoolean() accept?: boolean;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** WeChat Pay API v3 paths under /sim/wechatpay, a cashier page for H5, and test controls. Development only. */
@ApiExcludeController()
@Controller('sim/wechatpay')
export class WechatPaySimulatorController {
  constructor(
    private readonly sim: WechatPaySimulatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('v3/pay/transactions/jsapi')
  prepay(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(req, reply, () => this.sim.prepay(req.body as Record<string, unknown>));
  }

  @Get('v3/pay/transactions/out-trade-no/:no')
  query(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply, @Param('no') no: string): Promise<void> {
    return this.answer(req, reply, () => this.sim.query(no));
  }

  @Post('v3/pay/transactions/out-trade-no/:no/close')
  close(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply, @Param('no') no: string): Promise<void> {
    return this.answer(req, reply, () => this.sim.close(no));
  }

  @Post('v3/refund/domestic/refunds')
  refund(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(req, reply, () => this.sim.refund(req.body as Record<string, unknown>));
  }

  @Get('v3/refund/domestic/refunds/:no')
  queryRefund(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply, @Param('no') no: string): Promise<void> {
    return this.answer(req, reply, () => this.sim.queryRefund(no));
  }

  @Post('v3/fund-app/mch-transfer/transfer-bills')
  createTransfer(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply): Promise<void> {
    return this.answer(req, reply, () => this.sim.createTransfer(req.body as Record<string, unknown>));
  }

  @Get('v3/fund-app/mch-transfer/transfer-bills/out-bill-no/:no')
  queryTransfer(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply, @Param('no') no: string): Promise<void> {
    return this.answer(req, reply, () => this.sim.queryTransfer(no));
  }

  @Post('v3/fund-app/mch-transfer/transfer-bills/out-bill-no/:no/cancel')
  cancelTransfer(@Req() req: RawBodyRequest<FastifyRequest>, @Res() reply: FastifyReply, @Param('no') no: string): Promise<void> {
    return this.answer(req, reply, () => this.sim.cancelTransfer(no));
  }

  /** Test control, and the H5 stand-in for `wx.requestMerchantTransfer`: the shopper confirms (or declines) a bill. */
  @Post('dev/transfer-confirm')
  @HttpCode(200)
  async transferConfirm(@Body() dto: SimTransferConfirmDto, @Res() reply: FastifyReply): Promise<void> {
    try {
      const bill = this.sim.transferByPackage(dto.outBillNo);
      void reply.send({ delivery: await this.sim.confirmTransfer(bill?.outBillNo ?? dto.outBillNo, dto.accept ?? true) });
    } catch (err) {
      this.sendError(reply, err);
    }
  }

  /** The H5 stand-in for WeChat's payment sheet. */
  @Get('cashier')
  cashier(@Query('prepay_id') prepayId: string, @Query('redirect') redirect: string | undefined, @Res() reply: FastifyReply): void {
    const tx = prepayId ? this.sim.transactionByPrepayId(prepayId) : undefined;
    const back = redirect && /^(https?:\/\/|\/)/.test(redirect) ? redirect : '/';
    const content = !tx
      ? '<p class="muted">支付单不存在或已失效</p>'
      : `<p class="muted">${escapeHtml(tx.description)}</p><p class="amount"><small>¥</small>${formatYuan(tx.total)}</p>
         <form method="post" action="/sim/wechatpay/cashier/pay"><input type="hidden" name="prepay_id" value="${escapeHtml(prepayId)}"><input type="hidden" name="redirect" value="${escapeHtml(back)}">
         <button id="cashier-pay" type="submit">确认支付</button></form>`;
    void reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>微信支付（模拟）</title><style>body{margin:0;font-family:'Noto Sans CJK SC','PingFang SC',sans-serif;background:#f2f2f2;color:#111}
.top{background:#fff;padding:24px 20px;text-align:center}.tag{display:inline-block;background:#fff3cd;color:#8a6d3b;border-radius:4px;padding:2px 8px;font-size:12px}
.muted{color:#888;font-size:14px}.amount{font-size:40px;font-weight:600;margin:8px 0 24px}.amount small{font-size:22px}
button{width:100%;border:0;border-radius:8px;background:#07c160;color:#fff;font-size:17px;padding:14px}a{display:block;text-align:center;margin:18px;color:#576b95;font-size:15px}</style></head>
<body><div class="top"><span class="tag">开发环境 · 模拟微信支付</span><h3 id="cashier-merchant">${escapeHtml(this.config.storeName)}</h3>${content}</div><a id="cashier-abandon" href="${escapeHtml(back)}">放弃支付</a></body></html>`);
  }

  @Post('cashier/pay')
  async cashierPay(@Body() form: Record<string, string>, @Res() reply: FastifyReply): Promise<void> {
    const tx = this.sim.transactionByPrepayId(form.prepay_id ?? '');
    const back = form.redirect && /^(https?:\/\/|\/)/.test(form.redirect) ? form.redirect : '/';
    if (tx) await this.sim.pay(tx.outTradeNo).catch(() => undefined);
    void reply.status(303).header('location', back).send();
  }

  /** Test control: pay a transaction and deliver its notification(s) as `mode` asks; answers with what our server replied. */
  @Post('dev/pay')
  @HttpCode(200)
  async devPay(@Body() dto: SimPayDto, @Res() reply: FastifyReply): Promise<void> {
    try {
      void reply.send({ deliveries: await this.sim.pay(dto.outTradeNo, dto) });
    } catch (err) {
      this.sendError(reply, err);
    }
  }

  @Get('dev/stats')
  stats(): Record<string, unknown> {
    const { prepay, query, close, transferCalls, transfersPaid, transferredFen } = this.sim.stats;
    return { prepay, query, close, refund: Object.fromEntries(this.sim.stats.refund), transferCalls, transfersPaid, transferredFen };
  }

  @Post('dev/settings')
  @HttpCode(200)
  settings(@Body() dto: SimSettingsDto): typeof this.sim.settings {
    Object.assign(this.sim.settings, dto);
    return this.sim.settings;
  }

  private async answer(req: RawBodyRequest<FastifyRequest>, reply: FastifyReply, work: () => unknown): Promise<void> {
    try {
      const raw = req.rawBody ? req.rawBody.toString('utf8') : '';
      this.sim.verifyMerchantRequest(req.method, req.url, req.headers.authorization, req.method === 'GET' ? '' : raw);
      const result = await work();
      if (result === undefined) void reply.status(204).send();
      else void reply.status(200).send(result);
    } catch (err) {
      this.sendError(reply, err);
    }
  }

  private sendError(reply: FastifyReply, err: unknown): void {
    if (err instanceof SimPayError) void reply.status(err.status).send({ code: err.code, message: err.message });
    else throw err;
  }
}
