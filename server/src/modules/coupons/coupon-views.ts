import { CouponOfferView, CouponTerms, UserCouponView, couponCondition, couponFace, shownCouponStatus } from '@linli/shared';
import type { CouponTemplate, UserCoupon } from './entities/coupon.entity';

export function termsOf(c: CouponTerms): CouponTerms {
  return {
    type: c.type, amount: c.amount, rate: c.rate, cap: c.cap, threshold: c.threshold, scope: c.scope, scopeIds: c.scopeIds ?? [], excludeProductIds: c.excludeProductIds ?? [],
    combineGroup: c.combineGroup, combineFlash: c.combineFlash,
  };
}

export function scopeText(c: Pick<CouponTerms, 'scope' | 'excludeProductIds'>): string {
  const base = c.scope === 'categories' ? '指定分类可用' : c.scope === 'products' ? '指定商品可用' : '全场通用';
  return c.excludeProductIds?.length ? `${base}（部分商品除外）` : base;
}

const day = (d: Date) => `${d.getUTCFullYear()}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`;

export function validityText(t: Pick<CouponTemplate, 'validity' | 'validFrom' | 'validTo' | 'validDays'>): string {
  return t.validity === 'relative' ? `领取后${t.validDays}天内有效` : `${day(t.validFrom!)}-${day(t.validTo!)}`;
}

/** Whether the template's coupons can still be used by anyone (a fixed end date passed: 已过期). */
export function templateExpired(t: Pick<CouponTemplate, 'validity' | 'validTo'>, now = new Date()): boolean {
  return t.validity === 'fixed' && t.validTo !== null && t.validTo.getTime() <= now.getTime();
}

export function toOfferView(t: CouponTemplate, claimed: number, now = new Date()): CouponOfferView {
  const remaining = Math.max(0, t.total - t.issued);
  const state: CouponOfferView['state'] = templateExpired(t, now) ? 'expired' : claimed >= t.perUserLimit ? 'claimed' : remaining === 0 ? 'sold_out' : 'available';
  return {
    id: t.id, title: t.title, type: t.type, amount: t.amount, rate: t.rate, cap: t.cap, threshold: t.threshold, face: couponFace(t), condition: couponCondition(t),
    scopeText: scopeText(t), validityText: validityText(t), remaining, perUserLimit: t.perUserLimit, claimed, state,
  };
}

export function toUserCouponView(c: UserCoupon, now = new Date()): UserCouponView {
  return {
    id: c.id, templateId: c.templateId, packetId: c.packetId, title: c.title, type: c.type, amount: c.amount, rate: c.rate, cap: c.cap, threshold: c.threshold,
    face: couponFace(c), condition: couponCondition(c), scopeText: scopeText(c), validFrom: c.validFrom.toISOString(), validTo: c.validTo.toISOString(),
    status: shownCouponStatus(c.status, c.validTo, now), source: c.source, orderId: c.orderId,
  };
}
