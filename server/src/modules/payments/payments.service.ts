import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, OrderStatus, PayStartView, PaymentStatus, paymentTransition } from '@linli/shared';
import { Repository } from 'typeorm';
import { isUniqueViolation } from '../../common/error.filter';
import { SelfUrl } from '../../common/self-url';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { payDescription } from './pay-description';
import { TransactionRunner } from '../../database/transaction-runner';
import { transition } from '../../database/transition';
import { User } from '../auth/entities/user.entity';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { ExpiryDecision, OrderHooks } from '../orders/order-hooks';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { OrdersService } from '../orders/orders.service';
import { PermanentDeliveryError } from '../outbox/outbox.errors';
import { OutboxService } from '../outbox/outbox.service';
import { WechatApiClient } from '../wechat/wechat-api.client';
import { isRetryableWechatError } from '../wechat/wechat.errors';
import { Payment } from './entities/payment.entity';
import { PaymentError } from './payments.errors';
import { RefundsService } from './refunds.service';
import { Transaction, WechatPayApiError, WechatPayClient, rfc3339China } from './wechat-pay/wechat-pay.client';
import { requestPaymentParams } from './wechat-pay/wechat-pay.crypto';
import { WECHAT_PAY_KEYS, WechatPayKeys } from './wechat-pay/wechat-pay.keys';

/** How a transaction report (notification or query) was received. */
export type SettleOutcome = 'settled' | 'duplicate' | 'late_refunded' | 'mismatch' | 'unknown';

const PREPAY_TTL_MS = 2 * 3600_000;

@Injectable()
export class PaymentsService implements OnModuleInit {
  private readonly logger = new Logger(PaymentsService.name);

  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    private readonly tx: TransactionRunner,
    private readonly client: WechatPayClient,
    private readonly wechat: WechatApiClient,
    private readonly ordersService: OrdersService,
    private readonly refunds: RefundsService,
    private readonly hooks: OrderHooks,
    private readonly lifecycle: OrderLifecycle,
    private readonly outbox: OutboxService,
    private readonly selfUrl: SelfUrl,
    @Inject(WECHAT_PAY_KEYS) private readonly keys: WechatPayKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.hooks.setExpiryGuard((orderId) => this.settleOrRelease(orderId));
    // A shipment is reported to WeChat after commit, retried until accepted: the outbox message is written by the
    // `shipped` handler, in the shipment's own transaction.
    this.lifecycle.on('shipped', 'wechat shipping report (outbox)', (m, { order }) => this.outbox.enqueue(m, 'wechat.shipping_report', { orderId: order.id }, `order:${order.id}`));
    this.outbox.handle('wechat.shipping_report', async ({ orderId }) => {
      try {
        await this.reportShipping(orderId);
      } catch (err) {
        throw isRetryableWechatError(err) ? err : new PermanentDeliveryError((err as Error).message);
      }
    });
  }

  /** Prepays an unpaid order of this shopper (reusing a live prepay) and returns what `wx.requestPayment` needs. */
  async start(userId: number, orderId: number): Promise<PayStartView> {
    const order = await this.orders.findOneBy({ id: orderId, userId });
    if (!order) throw new PaymentError(ErrorCode.OrderNotFound, '订单不存在');
    if (order.status !== OrderStatus.PendingPayment) throw new PaymentError(ErrorCode.PaymentNotAllowed, '订单不是待付款状态');
    if (order.payDeadline.getTime() <= Date.now() + 5000) throw new PaymentError(ErrorCode.PaymentExpired, '订单已超过支付时间');
    let payment = await this.paymentFor(order);
    if (payment.status !== PaymentStatus.Prepaid) throw new PaymentError(payment.status === PaymentStatus.Closed ? ErrorCode.PaymentExpired : ErrorCode.PaymentNotAllowed, '订单不能再支付');
    if (!payment.prepayId || !payment.prepayExpiresAt || payment.prepayExpiresAt.getTime() < Date.now() + 60_000) {
      payment = await this.prepay(order, payment);
    }
    return {
      orderId,
      requestPayment: requestPaymentParams(this.keys.appid, payment.prepayId!, this.keys.merchantPrivateKey),
      cashierUrl: this.config.wechat.simulator ? `/sim/wechatpay/cashier?prepay_id=${encodeURIComponent(payment.prepayId!)}` : null,
      payDeadline: order.payDeadline.toISOString(),
    };
  }

  /**
   * A verified, decrypted TRANSACTION.SUCCESS (or a query that found one). The payment moves to success by one
   * conditional UPDATE, so duplicates and concurrent copies change nothing. The order is marked paid in the same
   * transaction; if it can no longer be paid (cancelled at its deadline), the money goes back automatically.
   */
  async settleSuccess(t: Transaction): Promise<SettleOutcome> {
    const payment = await this.payments.findOneBy({ outTradeNo: t.out_trade_no });
    if (!payment) return 'unknown';
    if (t.mchid !== this.keys.mchid || t.appid !== this.keys.appid || t.amount?.total !== payment.amount || (t.trade_state !== 'SUCCESS' && t.trade_state !== 'REFUND')) {
      this.logger.warn({ outTradeNo: t.out_trade_no, mchid: t.mchid, appid: t.appid, total: t.amount?.total, expected: payment.amount, state: t.trade_state }, 'payment report does not match the order');
      return 'mismatch';
    }
    const paidAt = t.success_time ? new Date(t.success_time) : new Date();
    const outcome = await this.tx.run(async (m): Promise<{ outcome: SettleOutcome; refundId?: number }> => {
      const succeed = paymentTransition('succeed');
      if (!(await transition(m, Payment, { id: payment.id }, succeed.from, succeed.to, { transactionId: t.transaction_id ?? null, paidAt }))) return { outcome: 'duplicate' };
      if (await this.ordersService.markPaid(m, payment.orderId, paidAt, 'wechatpay')) return { outcome: 'settled' };
      const order = await m.getRepository(Order).findOneByOrFail({ id: payment.orderId });
      return { outcome: 'late_refunded', refundId: await this.refunds.createAutomatic(m, order, payment) };
    });
    if (outcome.refundId) {
      this.logger.warn({ orderId: payment.orderId }, 'payment arrived for an order that can no longer be paid; refunding');
      // Not awaited: WeChat wants its answer within 5 s. The refund is recorded as approved; the sweep retries a failed call.
      const refundId = outcome.refundId;
      void this.refunds.submit(refundId).catch((err: unknown) => this.logger.error({ err, refundId }, 'automatic refund submit failed'));
    }
    return outcome.outcome;
  }

  /**
   * Before an unpaid order is cancelled at its deadline: ask WeChat. Paid after all → settle it. Otherwise close the
   * WeChat transaction first, so it can no longer be paid, and let the order go. Errors propagate: the sweep retries.
   */
  async settleOrRelease(orderId: number): Promise<ExpiryDecision> {
    const payment = await this.payments.findOneBy({ orderId });
    if (!payment || payment.status === PaymentStatus.Closed) return 'released';
    if (payment.status === PaymentStatus.Success) return 'paid';
    const remote = await this.queryOrNull(payment.outTradeNo);
    if (remote && (remote.trade_state === 'SUCCESS' || remote.trade_state === 'REFUND')) {
      await this.settleSuccess(remote);
      return 'paid';
    }
    if (remote && remote.trade_state !== 'CLOSED') {
      try {
        await this.client.close(payment.outTradeNo);
      } catch (err) {
        if (err instanceof WechatPayApiError && err.code === 'ORDERPAID') {
          const paid = await this.client.queryByOutTradeNo(payment.outTradeNo);
          await this.settleSuccess(paid);
          return 'paid';
        }
        throw err;
      }
    }
    const close = paymentTransition('close');
    await transition(this.payments.manager, Payment, { id: payment.id }, close.from, close.to, { closedAt: new Date() });
    return 'released';
  }

  /** Pending prepays with no notification after a while: query WeChat and settle what was paid. */
  async reconcile(olderThan: Date, batch = 100): Promise<number> {
    const silent = await this.payments
      .createQueryBuilder('p')
      .innerJoin(Order, 'o', 'o.id = p.orderId')
      .where('p.status = :prepaid AND p.prepayId IS NOT NULL AND p.createdAt <= :olderThan AND o.status = :pending', { prepaid: PaymentStatus.Prepaid, olderThan, pending: OrderStatus.PendingPayment })
      .take(batch)
      .getMany();
    let settled = 0;
    for (const payment of silent) {
      const remote = await this.queryOrNull(payment.outTradeNo).catch(() => null);
      if (remote?.trade_state === 'SUCCESS' && (await this.settleSuccess(remote)) !== 'mismatch') settled++;
    }
    return settled;
  }

  /**
   * Physical goods paid through WeChat Pay must be reported as shipped (upload_shipping_info). Delivered by the outbox,
   * which retries a failure; `shipping_reported_at` makes a repeated delivery report nothing twice.
   */
  async reportShipping(orderId: number): Promise<void> {
    const payment = await this.payments.findOneBy({ orderId, status: PaymentStatus.Success });
    if (!payment || payment.shippingReportedAt) return;
    const order = await this.orders.findOneByOrFail({ id: orderId });
    const user = await this.orders.manager.getRepository(User).findOneByOrFail({ id: order.userId });
    const lines = await this.orders.manager.getRepository(OrderLine).findBy({ orderId });
    await this.wechat.uploadShippingInfo({
      order_key: { order_number_type: 1, mchid: this.keys.mchid, out_trade_no: payment.outTradeNo },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [{ tracking_no: order.trackingNo, express_company: order.carrier, item_desc: lines.map((l) => `${l.title}×${l.quantity}`).join('、').slice(0, 120) }],
      upload_time: rfc3339China(order.shippedAt ?? new Date()),
      payer: { openid: user.openid },
    });
    await this.payments.update({ id: payment.id }, { shippingReportedAt: new Date() });
  }

  private async paymentFor(order: Order): Promise<Payment> {
    const existing = await this.payments.findOneBy({ orderId: order.id });
    if (existing) return existing;
    try {
      await this.payments.insert({ orderId: order.id, outTradeNo: order.orderNo, amount: order.total, status: PaymentStatus.Prepaid });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    return this.payments.findOneByOrFail({ orderId: order.id });
  }

  private async prepay(order: Order, payment: Payment): Promise<Payment> {
    const user = await this.orders.manager.getRepository(User).findOneByOrFail({ id: order.userId });
    const lines = await this.orders.manager.getRepository(OrderLine).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    const description = payDescription(this.config.storeName, lines.map((l) => l.title));
    let prepayId: string;
    try {
      ({ prepay_id: prepayId } = await this.client.prepayJsapi({
        description, outTradeNo: payment.outTradeNo, timeExpire: order.payDeadline, total: payment.amount, openid: user.openid,
        notifyUrl: `${this.selfUrl.public}/api/payments/wechat/notify`,
      }));
    } catch (err) {
      this.logger.error({ orderId: order.id, err: (err as Error).message }, 'prepay failed');
      if (err instanceof WechatPayApiError && err.code === 'ORDERPAID') throw new PaymentError(ErrorCode.PaymentNotAllowed, '订单已支付');
      throw new PaymentError(ErrorCode.PaymentProviderError, '微信支付暂时不可用，请稍后再试');
    }
    const prepayExpiresAt = new Date(Math.min(Date.now() + PREPAY_TTL_MS, order.payDeadline.getTime()));
    await this.payments.update({ id: payment.id, status: PaymentStatus.Prepaid }, { prepayId, prepayExpiresAt });
    return this.payments.findOneByOrFail({ id: payment.id });
  }

  private async queryOrNull(outTradeNo: string): Promise<Transaction | null> {
    try {
      return await this.client.queryByOutTradeNo(outTradeNo);
    } catch (err) {
      if (err instanceof WechatPayApiError && err.status === 404) return null;
      throw err;
    }
  }
}
