import { Injectable } from '@nestjs/common';
import type { Adjustment, CheckoutCouponsView, Fen, OrderKind } from '@linli/shared';
import type { EntityManager } from 'typeorm';

/** An order being priced, as the coupon rules need it: its lines after promotion prices. */
export interface CouponCheckout {
  userId: number;
  kind: OrderKind;
  /** The campaign the order is bought under accepts coupons (ordinary orders: true). */
  acceptsCoupons: boolean;
  lines: { skuId: number; productId: number; lineTotal: Fen }[];
}

/** What the coupons module offers the order core, registered at start-up (the core does not depend on it). */
export interface CouponProvider {
  /** The shopper's coupons for this order, and the adjustment for `requested` (undefined: the best; null: none). */
  offers(m: EntityManager, order: CouponCheckout, requested: number | null | undefined): Promise<{ view: CheckoutCouponsView; adjustment: Adjustment | null }>;
  /** At placement: the adjustment for this coupon, or a 4xx error with the reason it does not apply. */
  adjustmentFor(m: EntityManager, order: CouponCheckout, couponId: number): Promise<Adjustment>;
  /**
   * Inside the placement's transaction: locks the coupon for the order (a conditional UPDATE), or throws. `orderId`
   * null locks it before the order exists (a flash batch decides the coupon before its orders); `attach` names the
   * order later in the same transaction, and `unlock` undoes such a lock when the purchase is refused after all.
   */
  lock(m: EntityManager, userId: number, couponId: number, orderId: number | null, discount: Fen): Promise<void>;
  attach(m: EntityManager, couponId: number, orderId: number): Promise<void>;
  unlock(m: EntityManager, couponId: number): Promise<void>;
}

/**
 * Coupons at checkout, seen from the order core. The coupon's later life (used on payment, back on cancel or expiry,
 * back on a whole refund before shipping) hangs on OrderLifecycle, not here.
 */
@Injectable()
export class OrderCoupons {
  private provider: CouponProvider | null = null;

  register(provider: CouponProvider): void {
    this.provider = provider;
  }

  get enabled(): boolean {
    return this.provider !== null;
  }

  offers(...args: Parameters<CouponProvider['offers']>): ReturnType<CouponProvider['offers']> | Promise<null> {
    return this.provider ? this.provider.offers(...args) : Promise.resolve(null);
  }

  adjustmentFor(...args: Parameters<CouponProvider['adjustmentFor']>): ReturnType<CouponProvider['adjustmentFor']> {
    if (!this.provider) throw new Error('coupons are not available');
    return this.provider.adjustmentFor(...args);
  }

  lock(...args: Parameters<CouponProvider['lock']>): Promise<void> {
    if (!this.provider) throw new Error('coupons are not available');
    return this.provider.lock(...args);
  }

  attach(...args: Parameters<CouponProvider['attach']>): Promise<void> {
    if (!this.provider) throw new Error('coupons are not available');
    return this.provider.attach(...args);
  }

  unlock(...args: Parameters<CouponProvider['unlock']>): Promise<void> {
    if (!this.provider) throw new Error('coupons are not available');
    return this.provider.unlock(...args);
  }
}
