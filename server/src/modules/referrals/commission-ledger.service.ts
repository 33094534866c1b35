import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommissionFigures, applyLineRefund, commissionTransition, levelRates, lineCommission } from '@linli/shared';
import type { EntityManager } from 'typeorm';
import { TransactionRunner, affectedRows } from '../../database/transaction-runner';
import { OrderLine } from '../orders/entities/order-line.entity';
import { Order } from '../orders/entities/order.entity';
import { OrderLifecycle, RefundedGoods } from '../orders/order-lifecycle';
import { BindingService } from './binding.service';
import { CommissionEntry, Distributor, OrderAttribution, ReferralBinding } from './entities/referral.entities';
import { ReferralSettingsService } from './referral-settings.service';

/**
 * The commission ledger, driven only by order lifecycle events, inside the transaction that moved the order (so each
 * entry is written exactly once, and rolls back with the order); every entry also has a unique dedupe key.
 *   paid      → one pending `commission` per line and level (line net × rate; freight is never in a line);
 *               the distributor's `pending` grows; the order is attributed to the buyer's last share visit.
 *   completed → the entries' settle time is set: completion + the after-sales window.
 *   refunded  → proportional to what each line got back: a `reversal` of pending commission, or a `clawback` of
 *               settled commission (the balance may go below zero).
 * The settle sweep moves due entries to `settled` and their remainder from pending to the balance.
 */
@Injectable()
export class CommissionLedgerService implements OnModuleInit {
  private readonly logger = new Logger('CommissionLedger');

  constructor(
    private readonly lifecycle: OrderLifecycle,
    private readonly tx: TransactionRunner,
    private readonly bindings: BindingService,
    private readonly settings: ReferralSettingsService,
  ) {}

  onModuleInit(): void {
    this.lifecycle.on('paid', 'commission pending, order attributed', (m, { order }) => this.onPaid(m, order));
    this.lifecycle.on('completed', 'commission settle time set', (m, { order }) => this.onCompleted(m, order));
    this.lifecycle.on('refunded', 'commission reversed or clawed back', (m, { order, refund }) => this.onRefunded(m, order, refund));
  }

  private async onPaid(m: EntityManager, order: Order): Promise<void> {
    const now = order.paidAt ?? new Date();
    const s = await this.settings.get(m);
    const lines = await m.getRepository(OrderLine).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    await this.attribute(m, order, lines, s.attributionDays, now);
    const referrers = await this.bindings.activeReferrers(m, order.userId, s.depth, now);
    if (!referrers.length) return;
    const rates = await this.settings.productRates(m, lines.map((l) => l.productId));
    for (const [index, referrer] of referrers.entries()) {
      const level = index + 1;
      const distributor = await m.getRepository(Distributor).findOneBy({ userId: referrer.userId, status: 'approved' });
      if (!distributor) continue;
      let total = 0;
      for (const line of lines) {
        const rate = levelRates(s, rates.get(line.productId) ?? null)[index] ?? 0;
        const amount = lineCommission(line.netAmount, rate);
        if (amount <= 0) continue;
        await m.getRepository(CommissionEntry).insert({
          dedupeKey: `c:${line.id}:${level}`, beneficiaryId: referrer.userId, buyerId: order.userId, orderId: order.id, orderLineId: line.id, level,
          kind: 'commission', state: 'pending', amount, lineNet: line.netAmount, rateBps: rate, refundedOfLine: 0, taken: 0, createdAt: now,
        });
        total += amount;
      }
      if (total > 0) await m.createQueryBuilder().update(Distributor).set({ pending: () => `pending + ${total}` }).where('user_id = :u', { u: referrer.userId }).execute();
      // The shopper bought through the referrer: the binding's lapse clock starts again.
      if (level === 1) await m.getRepository(ReferralBinding).update({ id: referrer.bindingId }, { lastActivityAt: now });
    }
  }

  /** Last-touch attribution: the buyer's latest share visit within the window (another person's share only). */
  private async attribute(m: EntityManager, order: Order, lines: OrderLine[], days: number, now: Date): Promise<void> {
    const since = new Date(now.getTime() - days * 86_400_000);
    const rows = await m.createQueryBuilder().select('v.share_id', 'shareId').addSelect('s.sharer_id', 'sharerId')
      .from('share_visits', 'v').innerJoin('share_links', 's', 's.id = v.share_id')
      .where('v.user_id = :u AND v.created_at >= :since AND s.sharer_id <> :u', { u: order.userId, since })
      .orderBy('v.created_at', 'DESC').addOrderBy('v.id', 'DESC').limit(1).getRawMany<{ shareId: number; sharerId: number }>();
    if (!rows.length) return;
    const amount = lines.reduce((sum, l) => sum + l.netAmount, 0);
    await m.createQueryBuilder().insert().into(OrderAttribution)
      .values({ orderId: order.id, shareId: Number(rows[0].shareId), sharerId: Number(rows[0].sharerId), buyerId: order.userId, amount, createdAt: now })
      .orIgnore().updateEntity(false).execute();
  }

  private async onCompleted(m: EntityManager, order: Order): Promise<void> {
    const s = await this.settings.get(m);
    const settleAfter = new Date((order.completedAt ?? new Date()).getTime() + this.settings.settleWindowMs(s));
    await m.createQueryBuilder().update(CommissionEntry).set({ settleAfter })
      .where('order_id = :o AND kind = :k AND state = :s', { o: order.id, k: 'commission', s: 'pending' }).execute();
  }

  private async onRefunded(m: EntityManager, order: Order, refund: RefundedGoods): Promise<void> {
    const entries = await m.getRepository(CommissionEntry).find({ where: { orderId: order.id, kind: 'commission' }, order: { id: 'ASC' } });
    if (!entries.length) return;
    const lines = await m.getRepository(OrderLine).find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    // What this refund gave back per order line: refunds name SKUs, so each SKU's amount is spread over its lines in order.
    const back = new Map<number, number>();
    const bySku = new Map<number, number>();
    for (const l of refund.lines) bySku.set(l.skuId, (bySku.get(l.skuId) ?? 0) + l.amount);
    for (const line of lines) {
      if (refund.whole) {
        back.set(line.id, line.netAmount);
        continue;
      }
      const left = bySku.get(line.skuId) ?? 0;
      const take = Math.min(left, line.netAmount);
      back.set(line.id, take);
      bySku.set(line.skuId, left - take);
    }
    const now = new Date();
    for (const e of entries) {
      const figures: CommissionFigures = { state: e.state, amount: e.amount, lineNet: e.lineNet, refundedOfLine: e.refundedOfLine, taken: e.taken };
      const r = applyLineRefund(figures, back.get(e.orderLineId) ?? 0);
      if (r.next.refundedOfLine === e.refundedOfLine) continue;
      const moved = await m.createQueryBuilder().update(CommissionEntry)
        .set({ refundedOfLine: r.next.refundedOfLine, taken: r.next.taken, state: r.next.state })
        .where('id = :id AND taken = :taken AND state = :state', { id: e.id, taken: e.taken, state: e.state }).execute();
      if (!affectedRows(moved) || !r.kind) continue;
      await m.getRepository(CommissionEntry).insert({
        dedupeKey: `${r.kind === 'reversal' ? 'r' : 'k'}:${refund.refundId}:${e.id}`, beneficiaryId: e.beneficiaryId, buyerId: e.buyerId, orderId: e.orderId,
        orderLineId: e.orderLineId, level: e.level, kind: r.kind, state: r.kind === 'reversal' ? 'reversed' : 'settled', amount: -r.delta, lineNet: e.lineNet,
        rateBps: e.rateBps, refundedOfLine: r.next.refundedOfLine, taken: 0, sourceEntryId: e.id, refundId: refund.refundId, createdAt: now,
      });
      const bucket = r.kind === 'reversal' ? 'pending' : 'balance';
      await m.createQueryBuilder().update(Distributor).set({ [bucket]: () => `${bucket} - ${r.delta}`, reversed: () => `reversed + ${r.delta}` })
        .where('user_id = :u', { u: e.beneficiaryId }).execute();
    }
  }

  /**
   * Settles pending commission whose after-sales window has closed (orders not in after-sales). Each entry moves by
   * one conditional UPDATE, so any number of instances may sweep at once and each remainder moves exactly once.
   */
  async settleDue(now = new Date(), limit = 200): Promise<number> {
    const due = await this.tx.dataSource.createQueryBuilder().select('e.id', 'id').from('commission_entries', 'e').innerJoin('orders', 'o', 'o.id = e.order_id')
      .where("e.state = 'pending' AND e.kind = 'commission' AND e.settle_after IS NOT NULL AND e.settle_after <= :now AND o.status = 'completed'", { now })
      .andWhere("NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = e.order_id AND r.status IN ('pending_review', 'approved', 'processing'))")
      .orderBy('e.id').limit(Math.max(1, Math.floor(limit))).getRawMany<{ id: number }>();
    let settled = 0;
    const t = commissionTransition('settle');
    for (const { id } of due) {
      const won = await this.tx.run(async (m) => {
        const e = await m.getRepository(CommissionEntry).findOneByOrFail({ id: Number(id) });
        const moved = await m.createQueryBuilder().update(CommissionEntry).set({ state: t.to, settledAt: now }).where('id = :id AND state IN (:...from)', { id: e.id, from: t.from }).execute();
        if (!affectedRows(moved)) return false;
        const remainder = e.amount - e.taken;
        if (remainder) await m.createQueryBuilder().update(Distributor).set({ pending: () => `pending - ${remainder}`, balance: () => `balance + ${remainder}` }).where('user_id = :u', { u: e.beneficiaryId }).execute();
        return true;
      });
      if (won) settled++;
    }
    if (settled) this.logger.log({ settled }, 'commission settled');
    return settled;
  }
}
