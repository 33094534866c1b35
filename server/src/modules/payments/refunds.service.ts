import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ApplyRefundRequest, ErrorCode, OPEN_REFUND_STATUSES, OrderStatus, REFUNDABLE_ORDER_STATUSES, RefundEvent, RefundStatus, RefundView, mergeLines, nextRefundStatus, refundSourceStates,
} from '@linli/shared';
import { randomInt } from 'node:crypto';
import { EntityManager, Repository } from 'typeorm';
import { SelfUrl } from '../../common/self-url';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { transition } from '../../database/transition';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { RefundedGoods } from '../orders/order-lifecycle';
import { OrderStateService } from '../orders/order-state.service';
import { Payment } from './entities/payment.entity';
import { Refund, RefundLineSnapshot } from './entities/refund.entity';
import { PaymentError } from './payments.errors';
import { toRefundView } from './payments.views';
import { RefundState, WechatPayApiError, WechatPayClient } from './wechat-pay/wechat-pay.client';

/** R + 14-digit time + 10 random digits: 25 characters, within WeChat's 64. */
export function newRefundNo(now = new Date()): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `R${stamp}${String(randomInt(0, 1e10)).padStart(10, '0')}`;
}

/**
 * After-sales and refunds. A refund moves only by conditional UPDATEs on its state, so approving twice,
 * a notification racing a query, or two instances retrying can never refund twice or return stock twice.
 * Each refund has its own out_refund_no, which WeChat refunds at most once.
 */
@Injectable()
export class RefundsService {
  private readonly logger = new Logger(RefundsService.name);

  constructor(
    @InjectRepository(Refund) private readonly refunds: Repository<Refund>,
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    private readonly tx: TransactionRunner,
    private readonly state: OrderStateService,
    private readonly client: WechatPayClient,
    private readonly selfUrl: SelfUrl,
  ) {}

  get notifyUrl(): string {
    return `${this.selfUrl.public}/api/payments/wechat/refund-notify`;
  }

  // ---- shopper ----

  async apply(userId: number, orderId: number, dto: ApplyRefundRequest): Promise<RefundView> {
    const id = await this.tx.run(async (m) => {
      const order = await m.getRepository(Order).findOneBy({ id: orderId, userId });
      if (!order) throw new PaymentError(ErrorCode.OrderNotFound, '订单不存在');
      if (order.kind === 'packet') throw new PaymentError(ErrorCode.RefundNotAllowed, '红包不支持售后，未领取的金额会在过期后自动退回');
      const existing = await m.getRepository(Refund).findBy({ orderId });
      if (existing.some((r) => OPEN_REFUND_STATUSES.includes(r.status))) throw new PaymentError(ErrorCode.RefundInProgress, '该订单已有售后在处理中');
      const payment = await m.getRepository(Payment).findOneBy({ orderId });
      if (payment?.status !== 'success' || !REFUNDABLE_ORDER_STATUSES.includes(order.status)) throw new PaymentError(ErrorCode.RefundNotAllowed, '当前订单状态不能申请售后');
      if (dto.type === 'return_refund' && order.status === OrderStatus.Paid) throw new PaymentError(ErrorCode.RefundNotAllowed, '订单尚未发货，请选择仅退款');
      const held = existing.filter((r) => r.status !== RefundStatus.Rejected && r.status !== RefundStatus.Failed);
      const refundable = order.total - held.reduce((sum, r) => sum + r.amount, 0);
      const orderLines = await m.getRepository(OrderLine).findBy({ orderId });
      const whole = !dto.lines?.length;
      const lines = whole ? [] : this.refundLines(dto.lines!, orderLines, held);
      const amount = whole ? refundable : lines.reduce((sum, l) => sum + l.amount, 0);
      if (amount <= 0 || amount > refundable) throw new PaymentError(ErrorCode.RefundAmountExceeded, '可退金额不足');

      // The order row is the lock: a concurrent application for the same order loses here and rolls back.
      const locked = await m.createQueryBuilder().update(Order).set({ updatedAt: () => 'updated_at' }).where('id = :id AND version = :version', { id: orderId, version: order.version }).execute();
      if (affectedRows(locked) !== 1) throw new PaymentError(ErrorCode.RefundInProgress, '订单正在处理，请稍后再试');
      if (whole && !(await this.state.apply(m, order, 'apply_refund', `shopper:${userId}`, { note: dto.reason }))) {
        throw new PaymentError(ErrorCode.RefundNotAllowed, '当前订单状态不能申请售后');
      }
      const { identifiers } = await m.getRepository(Refund).insert({
        orderId, userId, outRefundNo: newRefundNo(), type: dto.type, source: 'after_sale', status: RefundStatus.PendingReview, amount, reason: dto.reason,
        // Goods that never left the store (unshipped, or waiting at a pickup store) go back to stock when refunded.
        lines, orderStatusBefore: whole ? order.status : null, restock: order.status === OrderStatus.Paid || order.status === OrderStatus.ReadyForPickup,
      });
      return Number(identifiers[0].id);
    });
    return toRefundView(await this.refunds.findOneByOrFail({ id }));
  }

  async listForOrder(userId: number, orderId: number): Promise<RefundView[]> {
    const owned = await this.refunds.manager.getRepository(Order).existsBy({ id: orderId, userId });
    if (!owned) throw new PaymentError(ErrorCode.OrderNotFound, '订单不存在');
    return (await this.refunds.find({ where: { orderId }, order: { id: 'DESC' } })).map(toRefundView);
  }

  // ---- operator ----

  async approve(id: number, actor: string): Promise<Refund> {
    await this.require(id);
    const won = await this.tx.run((m) => this.move(m, id, 'approve', { approvedAt: new Date(), handledBy: actor }));
    if (!won) throw new PaymentError(ErrorCode.RefundStateInvalid, '该售后已处理');
    await this.submit(id);
    return this.require(id);
  }

  async reject(id: number, actor: string, reason: string): Promise<Refund> {
    const refund = await this.require(id);
    const won = await this.tx.run(async (m) => {
      if (!(await this.move(m, id, 'reject', { rejectReason: reason, handledBy: actor, completedAt: new Date() }))) return false;
      if (refund.orderStatusBefore) {
        await this.state.apply(m, { id: refund.orderId, status: OrderStatus.Refunding }, 'reject_refund', actor, { note: reason, resumeTo: refund.orderStatusBefore });
      }
      return true;
    });
    if (!won) throw new PaymentError(ErrorCode.RefundStateInvalid, '该售后已处理');
    return this.require(id);
  }

  /** A failed refund gets a new refund number (WeChat refunds one number once) and goes again. */
  async retry(id: number, actor: string): Promise<Refund> {
    await this.require(id);
    const won = await this.tx.run((m) => this.move(m, id, 'retry', { outRefundNo: newRefundNo(), handledBy: actor, approvedAt: new Date() }));
    if (!won) throw new PaymentError(ErrorCode.RefundStateInvalid, '只有退款异常的售后可以重试');
    await this.submit(id);
    return this.require(id);
  }

  // ---- system ----

  /** A payment the order cannot keep (it arrived after the order was cancelled): refund it whole, without review. */
  async createAutomatic(m: EntityManager, order: Order, payment: Payment): Promise<number> {
    const { identifiers } = await m.getRepository(Refund).insert({
      orderId: order.id, userId: order.userId, outRefundNo: newRefundNo(), type: 'refund_only', source: 'late_payment', status: RefundStatus.Approved,
      amount: payment.amount, reason: '订单已关闭，支付款自动退回', lines: [], orderStatusBefore: null, restock: false, handledBy: 'system', approvedAt: new Date(),
    });
    return Number(identifiers[0].id);
  }

  /**
   * A failed group-buy's member: the whole order goes back without review. The caller has already moved the order
   * to refunding; the order becomes refunded when WeChat confirms, and then its goods (never shipped) come back.
   */
  async createForFailedGroup(m: EntityManager, order: Order): Promise<number> {
    const { identifiers } = await m.getRepository(Refund).insert({
      orderId: order.id, userId: order.userId, outRefundNo: newRefundNo(), type: 'refund_only', source: 'group_failed', status: RefundStatus.Approved,
      amount: order.total, reason: '拼团未成功，支付款原路退回', lines: [], orderStatusBefore: null, restock: true, handledBy: 'system', approvedAt: new Date(),
    });
    return Number(identifiers[0].id);
  }

  /**
   * A red packet that expired with value unclaimed: that part of its payment goes back to the sender, without review.
   * The packet's own conditional expiry decides that this runs once; the order stays paid until WeChat confirms.
   */
  async createForPacket(m: EntityManager, order: Pick<Order, 'id' | 'userId'>, amount: number): Promise<number> {
    const { identifiers } = await m.getRepository(Refund).insert({
      orderId: order.id, userId: order.userId, outRefundNo: newRefundNo(), type: 'refund_only', source: 'packet_expired', status: RefundStatus.Approved,
      amount, reason: '红包过期未领完，未领取金额原路退回', lines: [], orderStatusBefore: null, restock: false, handledBy: 'system', approvedAt: new Date(),
    });
    return Number(identifiers[0].id);
  }

  /**
   * Goods that did not arrive at a pickup store (a shortage noted on arrival): the short lines go back without review,
   * each by its net share like any line refund; when every unit is short, the whole order (moved to refunding here).
   * Goods never reached the store, so nothing is restocked. The caller runs this once per order: it won the batch's
   * arrival transition in the same transaction.
   */
  async createForShortage(m: EntityManager, order: Order, short: { skuId: number; quantity: number }[]): Promise<number> {
    const orderLines = await m.getRepository(OrderLine).findBy({ orderId: order.id });
    const held = (await m.getRepository(Refund).findBy({ orderId: order.id })).filter((r) => r.status !== RefundStatus.Rejected && r.status !== RefundStatus.Failed);
    const lines = this.refundLines(short, orderLines, held);
    const whole = orderLines.every((l) => lines.find((r) => r.skuId === l.skuId)?.quantity === l.quantity) && !held.length;
    if (whole && !(await this.state.apply(m, order, 'apply_refund', 'system', { note: '到店缺货' }))) throw new PaymentError(ErrorCode.RefundNotAllowed, '当前订单状态不能退款');
    const { identifiers } = await m.getRepository(Refund).insert({
      orderId: order.id, userId: order.userId, outRefundNo: newRefundNo(), type: 'refund_only', source: 'shortage', status: RefundStatus.Approved,
      amount: whole ? order.total : lines.reduce((sum, l) => sum + l.amount, 0), reason: '到店缺货，缺货商品原路退款',
      lines: whole ? [] : lines, orderStatusBefore: whole ? order.status : null, restock: false, handledBy: 'system', approvedAt: new Date(),
    });
    return Number(identifiers[0].id);
  }

  /**
   * Calls the refund API for an approved refund. Safe to repeat: WeChat answers a known out_refund_no with
   * the same refund. Network and 5xx failures leave it approved for the sweep to retry.
   */
  async submit(id: number): Promise<void> {
    const refund = await this.refunds.findOneBy({ id });
    if (refund?.status !== RefundStatus.Approved) return;
    const payment = await this.payments.findOneByOrFail({ orderId: refund.orderId });
    try {
      const answer = await this.client.refund({ outTradeNo: payment.outTradeNo, outRefundNo: refund.outRefundNo, reason: refund.reason, notifyUrl: this.notifyUrl, refund: refund.amount, total: payment.amount });
      await this.record(refund.outRefundNo, answer.status ?? 'PROCESSING', answer.refund_id);
    } catch (err) {
      if (err instanceof WechatPayApiError && err.status >= 400 && err.status < 500) {
        this.logger.error({ refundId: id, code: err.code }, 'refund refused by WeChat Pay');
        await this.tx.run((m) => this.move(m, id, 'fail', { completedAt: new Date() }));
        return;
      }
      this.logger.warn({ refundId: id, err: (err as Error).message }, 'refund call failed; the sweep will retry');
    }
  }

  /** Applies what WeChat says about a refund (API answer, query or notification). */
  async record(outRefundNo: string, status: RefundState, wechatRefundId?: string): Promise<void> {
    await this.tx.run(async (m) => {
      const refund = await m.getRepository(Refund).findOneBy({ outRefundNo });
      if (!refund) return;
      if (status === 'PROCESSING') {
        await this.move(m, refund.id, 'submit', { wechatRefundId: wechatRefundId ?? null });
      } else if (status === 'SUCCESS') {
        if (await this.move(m, refund.id, 'succeed', { completedAt: new Date(), ...(wechatRefundId ? { wechatRefundId } : {}) })) await this.settle(m, refund);
      } else {
        await this.move(m, refund.id, 'fail', { completedAt: new Date() });
      }
    });
  }

  /** Refunds approved but not confirmed, and processing ones with no notification: ask again. */
  async reconcile(olderThan: Date, batch = 100): Promise<number> {
    const stale = await this.refunds
      .createQueryBuilder('r')
      .where('r.status IN (:...statuses) AND r.approvedAt <= :olderThan', { statuses: [RefundStatus.Approved, RefundStatus.Processing], olderThan })
      .take(batch)
      .getMany();
    for (const refund of stale) {
      if (refund.status === RefundStatus.Approved) await this.submit(refund.id);
      else {
        const answer = await this.client.queryRefund(refund.outRefundNo).catch(() => null);
        if (answer?.status) await this.record(refund.outRefundNo, answer.status, answer.refund_id);
      }
    }
    return stale.length;
  }

  // ---- helpers ----

  /**
   * The refund succeeded: the order hears `refunded` (whole, or some lines) with the lines and amounts, and its
   * handlers give back what never left the store (SKU stock, flash stock and reservation, group units and quota).
   */
  private async settle(m: EntityManager, refund: Refund): Promise<void> {
    // A late payment's order stays cancelled; it never held anything.
    if (refund.source === 'late_payment') return;
    const order = await m.getRepository(Order).findOneByOrFail({ id: refund.orderId });
    const succeeded = await m.getRepository(Refund).findBy({ orderId: order.id, status: RefundStatus.Succeeded });
    const refunded = succeeded.reduce((sum, r) => sum + r.amount, 0);
    const whole = Boolean(refund.orderStatusBefore) || refunded >= order.total;
    const goods = { refundId: refund.id, amount: refund.amount, whole, restock: refund.restock, lines: await this.goodsOf(m, refund, succeeded) };
    await this.state.apply(m, order, whole ? 'refund' : 'partial_refund', 'system', { note: `退款 ${refund.outRefundNo}`, refund: goods });
  }

  /** The lines a refund gives back: its own, or (a whole refund) every line less what earlier line refunds gave back. */
  private async goodsOf(m: EntityManager, refund: Refund, succeeded: Refund[]): Promise<RefundedGoods['lines']> {
    if (refund.lines.length) return refund.lines.map((l) => ({ skuId: l.skuId, productId: l.productId, quantity: l.quantity, amount: l.amount }));
    const earlier = succeeded.filter((r) => r.id !== refund.id).flatMap((r) => r.lines);
    return (await m.getRepository(OrderLine).findBy({ orderId: refund.orderId })).flatMap((l) => {
      const back = earlier.filter((e) => e.skuId === l.skuId);
      const quantity = l.quantity - back.reduce((n, e) => n + e.quantity, 0);
      return quantity > 0 ? [{ skuId: l.skuId, productId: l.productId, quantity, amount: l.netAmount - back.reduce((n, e) => n + e.amount, 0) }] : [];
    });
  }

  /**
   * What a line refund pays back: the line's net amount (after order discounts), never unitPrice × quantity. Units are
   * priced cumulatively (floor(net × k / quantity) for the first k units), so refunding every unit, in any steps,
   * pays back exactly the line's net.
   */
  private refundLines(requested: { skuId: number; quantity: number }[], orderLines: OrderLine[], held: Refund[]): RefundLineSnapshot[] {
    return mergeLines(requested).map(({ skuId, quantity }) => {
      const line = orderLines.find((l) => l.skuId === skuId);
      if (!line) throw new PaymentError(ErrorCode.OrderLinesInvalid, `订单中没有商品 ${skuId}`);
      const already = held.flatMap((r) => r.lines).filter((l) => l.skuId === skuId).reduce((n, l) => n + l.quantity, 0);
      if (quantity > line.quantity - already) throw new PaymentError(ErrorCode.RefundAmountExceeded, `「${line.title}」最多可退${line.quantity - already}件`);
      const netOf = (units: number) => Math.floor((line.netAmount * units) / line.quantity);
      return { skuId, productId: line.productId, title: line.title, specs: line.specs, quantity, amount: netOf(already + quantity) - netOf(already) };
    });
  }

  private move(m: EntityManager, id: number, event: RefundEvent, changes: Partial<Refund>): Promise<boolean> {
    const from = refundSourceStates(event);
    return transition(m, Refund, { id }, from, nextRefundStatus(from[0], event)!, changes);
  }

  private async require(id: number): Promise<Refund> {
    const refund = await this.refunds.findOneBy({ id });
    if (!refund) throw new PaymentError(ErrorCode.RefundNotFound, '售后单不存在');
    return refund;
  }
}
