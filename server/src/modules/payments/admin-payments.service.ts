import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Page, PaymentStatus, RefundView } from '@linli/shared';
import { MoreThanOrEqual, Repository } from 'typeorm';
import { cappedCount, keysetPage } from '../../common/pagination.dto';
import { Order } from '../orders/entities/order.entity';
import { Payment } from './entities/payment.entity';
import { Refund } from './entities/refund.entity';
import { AdminPaymentQuery, AdminRefundQuery } from './payments.dto';
import { toRefundView } from './payments.views';
import { WechatPayApiError, WechatPayClient } from './wechat-pay/wechat-pay.client';

export interface AdminPaymentView {
  id: number;
  orderId: number;
  orderNo: string;
  orderStatus: string;
  amount: number;
  status: PaymentStatus;
  transactionId: string | null;
  paidAt: string | null;
  createdAt: string;
}

export interface AdminRefundView extends RefundView {
  orderId: number;
  userId: number;
  handledBy: string | null;
}

export interface ReconciliationView {
  checked: number;
  /** Paid at WeChat, not paid here (a lost notification the sweep has not settled yet). */
  paidAtWechatOnly: { orderId: number; outTradeNo: string; tradeState: string }[];
  /** Paid here, not at WeChat (should never happen: investigate). */
  paidHereOnly: { orderId: number; outTradeNo: string; tradeState: string }[];
  /** WeChat could not be asked. */
  unknown: { orderId: number; outTradeNo: string; error: string }[];
}

export const toAdminRefundView = (r: Refund): AdminRefundView => ({ ...toRefundView(r), orderId: r.orderId, userId: r.userId, handledBy: r.handledBy });

/** The operator's view of money: payments, refunds and the comparison with WeChat's books. */
@Injectable()
export class AdminPaymentsService {
  constructor(
    @InjectRepository(Payment) private readonly payments: Repository<Payment>,
    @InjectRepository(Refund) private readonly refunds: Repository<Refund>,
    private readonly client: WechatPayClient,
  ) {}

  async listPayments(query: AdminPaymentQuery): Promise<Page<AdminPaymentView>> {
    const qb = this.payments.createQueryBuilder('p').innerJoinAndMapOne('p.order', Order, 'o', 'o.id = p.orderId');
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.orderNo) qb.andWhere('p.outTradeNo = :orderNo', { orderNo: query.orderNo });
    const [rows, total] = await qb.orderBy('p.id', 'DESC').skip(query.skip).take(query.pageSize).getManyAndCount();
    const items = (rows as (Payment & { order: Order })[]).map((p) => ({
      id: p.id, orderId: p.orderId, orderNo: p.outTradeNo, orderStatus: p.order.status, amount: p.amount, status: p.status,
      transactionId: p.transactionId, paidAt: p.paidAt?.toISOString() ?? null, createdAt: p.createdAt.toISOString(),
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async listRefunds(query: AdminRefundQuery): Promise<Page<AdminRefundView>> {
    const qb = this.refunds.createQueryBuilder('r');
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.orderId) qb.andWhere('r.orderId = :orderId', { orderId: query.orderId });
    const [{ rows, nextCursor }, { total, totalCapped }] = await Promise.all([keysetPage(qb, 'r', query), cappedCount(qb)]);
    return { items: rows.map(toAdminRefundView), total, totalCapped, page: query.page, pageSize: query.pageSize, nextCursor };
  }

  /** Compares our payments of the last `hours` (at most 200) with what WeChat Pay reports for each. */
  async reconciliation(hours: number): Promise<ReconciliationView> {
    const recent = await this.payments.find({ where: { createdAt: MoreThanOrEqual(new Date(Date.now() - hours * 3600_000)) }, order: { id: 'DESC' }, take: 200 });
    const view: ReconciliationView = { checked: recent.length, paidAtWechatOnly: [], paidHereOnly: [], unknown: [] };
    for (const p of recent) {
      let state: string;
      try {
        state = (await this.client.queryByOutTradeNo(p.outTradeNo)).trade_state;
      } catch (err) {
        if (err instanceof WechatPayApiError && err.status === 404) state = 'ORDER_NOT_EXIST';
        else {
          view.unknown.push({ orderId: p.orderId, outTradeNo: p.outTradeNo, error: (err as Error).message });
          continue;
        }
      }
      const paidThere = state === 'SUCCESS' || state === 'REFUND';
      if (paidThere && p.status !== 'success') view.paidAtWechatOnly.push({ orderId: p.orderId, outTradeNo: p.outTradeNo, tradeState: state });
      if (!paidThere && p.status === 'success') view.paidHereOnly.push({ orderId: p.orderId, outTradeNo: p.outTradeNo, tradeState: state });
    }
    return view;
  }
}
