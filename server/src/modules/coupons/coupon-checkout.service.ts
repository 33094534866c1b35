import { Injectable, OnModuleInit } from '@nestjs/common';
import { Adjustment, CheckoutCouponsView, CouponContext, ErrorCode, Fen, bestCoupon, evaluateCoupon } from '@linli/shared';
import { EntityManager, In, MoreThan } from 'typeorm';
import { affectedRows } from '../../database/transaction-runner';
import { Product } from '../catalog/entities/product.entity';
import { CouponCheckout, CouponProvider, OrderCoupons } from '../orders/order-coupons';
import { OrderLifecycle } from '../orders/order-lifecycle';
import { UserCoupon } from './entities/coupon.entity';
import { CouponError } from './coupons.errors';
import { termsOf, toUserCouponView } from './coupon-views';

/** How long an expired coupon still shows at checkout, greyed out with 已过期. */
const SHOW_EXPIRED_MS = 7 * 86_400_000;

/**
 * Coupons in the order core: the checkout's list and price (through the pricing pipeline's order-discount stage),
 * the lock at placement, and the coupon's life on the order's lifecycle events. Every move is a conditional UPDATE
 * on the coupon's state inside the order's own transaction, so it happens exactly once with the order's transition.
 */
@Injectable()
export class CouponCheckoutService implements CouponProvider, OnModuleInit {
  constructor(
    private readonly orderCoupons: OrderCoupons,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  onModuleInit(): void {
    this.orderCoupons.register(this);
    this.lifecycle.on('paid', 'coupon used', (m, { order }) => this.markUsed(m, order.id));
    this.lifecycle.on('cancelled', 'coupon back (cancelled)', (m, { order }) => this.release(m, order.id));
    this.lifecycle.on('expired', 'coupon back (expired)', (m, { order }) => this.release(m, order.id));
    this.lifecycle.on('refunded', 'coupon back (whole refund before shipping)', async (m, { order, refund }) => {
      if (refund.whole && refund.restock) await this.giveBackUsed(m, order.id);
    });
  }

  async offers(m: EntityManager, order: CouponCheckout, requested: number | null | undefined): Promise<{ view: CheckoutCouponsView; adjustment: Adjustment | null }> {
    const now = new Date();
    if (typeof requested === 'number' && !(await m.getRepository(UserCoupon).existsBy({ id: requested, userId: order.userId }))) {
      throw new CouponError(ErrorCode.CouponNotFound, '优惠券不存在');
    }
    const coupons = await m.getRepository(UserCoupon).find({
      where: [{ userId: order.userId, status: 'unused', validTo: MoreThan(new Date(now.getTime() - SHOW_EXPIRED_MS)) }, ...(typeof requested === 'number' ? [{ id: requested, userId: order.userId }] : [])],
      order: { validTo: 'ASC' },
      take: 200,
    });
    const ctx = await this.context(m, order, now);
    const usable: CheckoutCouponsView['usable'] = [];
    const unusable: CheckoutCouponsView['unusable'] = [];
    const adjustments = new Map<number, Adjustment>();
    for (const c of coupons) {
      const result = c.status === 'unused' ? evaluateCoupon(termsOf(c), c, ctx) : { ok: false as const, reason: c.status === 'used' ? '已使用' : '已被其他订单使用' };
      if (result.ok) {
        usable.push({ ...toUserCouponView(c, now), discount: result.discount });
        adjustments.set(c.id, adjustmentOf(c, result.discount, result.skuIds));
      } else unusable.push({ ...toUserCouponView(c, now), reason: result.reason, ...('gap' in result && result.gap ? { gap: result.gap } : {}) });
    }
    usable.sort((a, b) => b.discount - a.discount);
    const best = bestCoupon(usable);
    const selectedId = requested === undefined ? best?.id ?? null : requested !== null && adjustments.has(requested) ? requested : null;
    return { view: { selectedId, bestId: best?.id ?? null, usable, unusable }, adjustment: selectedId ? adjustments.get(selectedId)! : null };
  }

  async adjustmentFor(m: EntityManager, order: CouponCheckout, couponId: number): Promise<Adjustment> {
    const coupon = await m.getRepository(UserCoupon).findOneBy({ id: couponId, userId: order.userId });
    if (!coupon) throw new CouponError(ErrorCode.CouponNotFound, '优惠券不存在');
    if (coupon.status !== 'unused') throw new CouponError(ErrorCode.CouponUnusable, coupon.status === 'used' ? '该优惠券已使用' : '该优惠券正被另一笔待支付订单使用');
    const result = evaluateCoupon(termsOf(coupon), coupon, await this.context(m, order, new Date()));
    if (!result.ok) throw new CouponError(ErrorCode.CouponUnusable, `该优惠券不能用于这笔订单：${result.reason}`);
    return adjustmentOf(coupon, result.discount, result.skuIds);
  }

  /** unused → locked for this order; a coupon already held by another unpaid order cannot be locked again. */
  async lock(m: EntityManager, userId: number, couponId: number, orderId: number | null, discount: Fen): Promise<void> {
    const result = await m.createQueryBuilder().update(UserCoupon).set({ status: 'locked', orderId, discount, lockedAt: new Date() })
      .where("id = :couponId AND user_id = :userId AND status = 'unused' AND valid_to > :now", { couponId, userId, now: new Date() }).execute();
    if (affectedRows(result) !== 1) throw new CouponError(ErrorCode.CouponUnusable, '该优惠券已被使用或已过期');
  }

  /** Names the order of a coupon locked before its order existed (same transaction, so nobody saw it unnamed). */
  async attach(m: EntityManager, couponId: number, orderId: number): Promise<void> {
    const result = await m.createQueryBuilder().update(UserCoupon).set({ orderId }).where("id = :couponId AND status = 'locked' AND order_id IS NULL", { couponId }).execute();
    if (affectedRows(result) !== 1) throw new Error(`coupon ${couponId} lost its lock inside the transaction`);
  }

  /** Undoes a lock taken before the order existed (the purchase was refused in the same transaction). */
  async unlock(m: EntityManager, couponId: number): Promise<void> {
    await m.createQueryBuilder().update(UserCoupon).set({ status: 'unused', discount: 0, lockedAt: null }).where("id = :couponId AND status = 'locked' AND order_id IS NULL", { couponId }).execute();
  }

  /** locked → used when the order is paid. */
  private async markUsed(m: EntityManager, orderId: number): Promise<void> {
    await m.createQueryBuilder().update(UserCoupon).set({ status: 'used', usedAt: new Date() }).where("order_id = :orderId AND status = 'locked'", { orderId }).execute();
  }

  /** locked → unused when the unpaid order is cancelled or expires (the caller won that transition, so this runs once). */
  private async release(m: EntityManager, orderId: number): Promise<void> {
    await m.createQueryBuilder().update(UserCoupon).set({ status: 'unused', orderId: null, discount: 0, lockedAt: null }).where("order_id = :orderId AND status = 'locked'", { orderId }).execute();
  }

  /** used → unused after a whole refund of goods that never left the store, if the coupon is still valid. */
  private async giveBackUsed(m: EntityManager, orderId: number): Promise<void> {
    await m.createQueryBuilder().update(UserCoupon).set({ status: 'unused', orderId: null, discount: 0, lockedAt: null, usedAt: null })
      .where("order_id = :orderId AND status = 'used' AND valid_to > :now", { orderId, now: new Date() }).execute();
  }

  private async context(m: EntityManager, order: CouponCheckout, now: Date): Promise<CouponContext> {
    const products = order.lines.length ? await m.getRepository(Product).find({ select: { id: true, categoryId: true }, where: { id: In([...new Set(order.lines.map((l) => l.productId))]) } }) : [];
    const categoryOf = new Map(products.map((p) => [p.id, p.categoryId]));
    return {
      lines: order.lines.map((l) => ({ ...l, categoryId: categoryOf.get(l.productId) ?? 0 })),
      promotion: order.kind === 'group' ? 'group' : order.kind === 'flash' ? 'flash' : 'none',
      campaignAcceptsCoupons: order.acceptsCoupons,
      now,
    };
  }
}

function adjustmentOf(c: UserCoupon, discount: Fen, skuIds: number[]): Adjustment {
  return { kind: 'order_discount', source: 'coupon', amount: discount, combinable: true, label: c.title, skuIds };
}
