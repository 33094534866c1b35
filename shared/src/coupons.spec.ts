import fc from 'fast-check';
import { CouponContext, CouponTerms, bestCoupon, bestLuck, couponDiscount, couponFace, couponCondition, equalSplit, evaluateCoupon, luckySplit } from './coupons';
import { priceOrder } from './pricing';

const terms = (t: Partial<CouponTerms> = {}): CouponTerms => ({
  type: 'threshold_off', amount: 1000, rate: 100, cap: 0, threshold: 9900, scope: 'all', scopeIds: [], excludeProductIds: [], combineGroup: false, combineFlash: false, ...t,
});
const now = new Date('2026-12-01T00:00:00Z');
const valid = { validFrom: new Date('2026-11-01T00:00:00Z'), validTo: new Date('2026-12-31T00:00:00Z') };
const ctx = (c: Partial<CouponContext> = {}): CouponContext => ({
  lines: [{ skuId: 1, productId: 10, categoryId: 100, lineTotal: 6000 }, { skuId: 2, productId: 20, categoryId: 200, lineTotal: 5000 }],
  promotion: 'none', campaignAcceptsCoupons: true, now, ...c,
});

describe('lucky split', () => {
  it('adds up to the total exactly, gives every share at least 1 fen, and repeats for the same seed', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 2_000_000 }), fc.string(), (count, extra, seed) => {
      const total = count + extra;
      const shares = luckySplit(total, count, seed);
      expect(shares).toHaveLength(count);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(shares.every((s) => Number.isInteger(s) && s >= 1)).toBe(true);
      expect(luckySplit(total, count, seed)).toEqual(shares);
    }));
  });

  it('draws each share within twice the average of what is left', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 50 }), fc.integer({ min: 0, max: 100_000 }), fc.string(), (count, extra, seed) => {
      const total = count + extra;
      const shares = luckySplit(total, count, seed);
      let remaining = total;
      shares.slice(0, -1).forEach((s, i) => {
        expect(s).toBeLessThanOrEqual(Math.floor((2 * remaining) / (count - i)));
        remaining -= s;
      });
    }));
  });

  it('differs between seeds, and refuses fewer fen than shares', () => {
    expect(luckySplit(10_000, 10, 'a')).not.toEqual(luckySplit(10_000, 10, 'b'));
    expect(luckySplit(5, 5, 'x')).toEqual([1, 1, 1, 1, 1]);
    expect(() => luckySplit(4, 5, 'x')).toThrow(RangeError);
    expect(() => luckySplit(100, 0, 'x')).toThrow(RangeError);
  });

  it('splits equally with the odd fen on the first shares', () => {
    expect(equalSplit(1000, 4)).toEqual([250, 250, 250, 250]);
    expect(equalSplit(1001, 3)).toEqual([334, 334, 333]);
  });

  it('marks the best luck only once every share is claimed', () => {
    const claims = [{ amount: 3, claimedAt: '2026-01-01T00:00:02Z' }, { amount: 5, claimedAt: '2026-01-01T00:00:03Z' }, { amount: 5, claimedAt: '2026-01-01T00:00:01Z' }];
    expect(bestLuck(claims.slice(0, 2), 3)).toBeNull();
    expect(bestLuck(claims, 3)).toBe(claims[2]);
  });
});

describe('coupon rules', () => {
  it('applies a 满减 at the threshold and refuses below it with what is missing', () => {
    expect(evaluateCoupon(terms(), valid, ctx())).toEqual({ ok: true, discount: 1000, skuIds: [1, 2] });
    expect(evaluateCoupon(terms({ threshold: 12000 }), valid, ctx())).toEqual({ ok: false, reason: '未满足门槛，还差¥10.00', gap: 1000 });
    expect(evaluateCoupon(terms({ threshold: 11000 }), valid, ctx()).ok).toBe(true);
  });

  it('counts only the goods in scope, for the threshold and for the discount', () => {
    const byCategory = terms({ scope: 'categories', scopeIds: [100], threshold: 5000, type: 'percent_off', rate: 80, cap: 0 });
    expect(evaluateCoupon(byCategory, valid, ctx())).toEqual({ ok: true, discount: 1200, skuIds: [1] });
    expect(evaluateCoupon(terms({ scope: 'products', scopeIds: [20], threshold: 6000 }), valid, ctx())).toEqual({ ok: false, reason: '未满足门槛，还差¥10.00', gap: 1000 });
    expect(evaluateCoupon(terms({ scope: 'products', scopeIds: [30] }), valid, ctx())).toEqual({ ok: false, reason: '不适用于所选商品' });
    expect(evaluateCoupon(terms({ excludeProductIds: [10], threshold: 0, type: 'no_threshold' }), valid, ctx())).toEqual({ ok: true, discount: 1000, skuIds: [2] });
  });

  it('caps a 折扣 and rounds the discount down', () => {
    expect(couponDiscount({ type: 'percent_off', amount: 0, rate: 85, cap: 0 }, 999)).toBe(149);
    expect(couponDiscount({ type: 'percent_off', amount: 0, rate: 50, cap: 2000 }, 10000)).toBe(2000);
    expect(couponDiscount({ type: 'no_threshold', amount: 500, rate: 100, cap: 0 }, 300)).toBe(300);
  });

  it('refuses by time, by campaign, and by group or flash prices', () => {
    expect(evaluateCoupon(terms(), { ...valid, validTo: now }, ctx())).toEqual({ ok: false, reason: '已过期' });
    expect(evaluateCoupon(terms(), { ...valid, validFrom: new Date(now.getTime() + 1) }, ctx())).toEqual({ ok: false, reason: '未到可用时间' });
    expect(evaluateCoupon(terms(), valid, ctx({ promotion: 'group' }))).toEqual({ ok: false, reason: '不适用于拼团商品' });
    expect(evaluateCoupon(terms({ combineGroup: true }), valid, ctx({ promotion: 'group' })).ok).toBe(true);
    expect(evaluateCoupon(terms({ combineGroup: true }), valid, ctx({ promotion: 'group', campaignAcceptsCoupons: false }))).toEqual({ ok: false, reason: '该拼团活动不可用券' });
    expect(evaluateCoupon(terms({ combineFlash: true }), valid, ctx({ promotion: 'flash', campaignAcceptsCoupons: false }))).toEqual({ ok: false, reason: '本场秒杀不可用券' });
    expect(evaluateCoupon(terms(), valid, ctx({ promotion: 'flash' }))).toEqual({ ok: false, reason: '不适用于秒杀商品' });
  });

  it('picks the largest discount, then the one expiring first', () => {
    const a = { id: 1, discount: 500, validTo: '2026-12-31T00:00:00Z' };
    const b = { id: 2, discount: 800, validTo: '2026-12-31T00:00:00Z' };
    const c = { id: 3, discount: 800, validTo: '2026-12-10T00:00:00Z' };
    expect(bestCoupon([a, b, c])).toBe(c);
    expect(bestCoupon([a, b])).toBe(b);
    expect(bestCoupon([])).toBeNull();
  });

  it('shows the face and the condition as tickets do', () => {
    expect(couponFace({ type: 'threshold_off', amount: 1000, rate: 100 })).toBe('¥10');
    expect(couponFace({ type: 'percent_off', amount: 0, rate: 85 })).toBe('8.5折');
    expect(couponFace({ type: 'percent_off', amount: 0, rate: 80 })).toBe('8折');
    expect(couponCondition({ type: 'threshold_off', threshold: 9900 })).toBe('满99可用');
    expect(couponCondition({ type: 'no_threshold', threshold: 0 })).toBe('无门槛');
  });
});

describe('proration with a coupon', () => {
  it('spreads a scoped coupon over its lines only, and the nets add up to the total', () => {
    const r = priceOrder({
      lines: [{ skuId: 1, basePrice: 3000, quantity: 2 }, { skuId: 2, basePrice: 1000, quantity: 1 }, { skuId: 3, basePrice: 999, quantity: 3 }],
      adjustments: [{ kind: 'order_discount', source: 'coupon', amount: 1000, combinable: true, label: '券', skuIds: [1, 3] }],
    });
    expect(r.lines.find((l) => l.skuId === 2)).toMatchObject({ discountShare: 0, netAmount: 1000 });
    expect(r.lines.reduce((s, l) => s + l.discountShare, 0)).toBe(1000);
    expect(r.lines.reduce((s, l) => s + l.netAmount, 0)).toBe(r.total);
  });

  it('keeps every line net at or above zero and sums exactly for any cart and coupon', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.record({ skuId: fc.integer({ min: 1, max: 50 }), basePrice: fc.integer({ min: 0, max: 100_000 }), quantity: fc.integer({ min: 1, max: 20 }) }), { minLength: 1, maxLength: 8, selector: (l) => l.skuId }),
      fc.integer({ min: 0, max: 5_000_000 }),
      (lines, amount) => {
        const scope = lines.filter((_, i) => i % 2 === 0).map((l) => l.skuId);
        const r = priceOrder({ lines, adjustments: [{ kind: 'order_discount', source: 'coupon', amount, combinable: true, label: '券', skuIds: scope }] });
        const scopedGoods = lines.filter((l) => scope.includes(l.skuId)).reduce((s, l) => s + l.basePrice * l.quantity, 0);
        expect(r.discount).toBe(Math.min(amount, scopedGoods));
        expect(r.lines.every((l) => l.netAmount >= 0 && l.netAmount <= l.lineTotal)).toBe(true);
        expect(r.lines.filter((l) => !scope.includes(l.skuId)).every((l) => l.discountShare === 0)).toBe(true);
        expect(r.lines.reduce((s, l) => s + l.netAmount, 0)).toBe(r.total);
      },
    ));
  });
});
