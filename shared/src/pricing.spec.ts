import fc from 'fast-check';
import { Adjustment, PricingLineInput, freightFor, mergeLines, priceOrder, prorate, storeFreight } from './pricing';

const rule = { flatFee: 800, freeThreshold: 9900 };
const coupon = (amount: number, combinable = true): Adjustment => ({ kind: 'order_discount', source: 'coupon', amount, combinable, label: '优惠券' });

describe('priceOrder', () => {
  it('sums lines and adds the store freight below the threshold', () => {
    const r = priceOrder({ lines: [{ skuId: 1, basePrice: 1990, quantity: 2 }, { skuId: 2, basePrice: 550, quantity: 1 }], adjustments: [storeFreight(rule)] });
    expect(r.lines.map((l) => [l.lineTotal, l.netAmount])).toEqual([[3980, 3980], [550, 550]]);
    expect(r).toMatchObject({ subtotal: 4530, freight: 800, discount: 0, total: 5330, promotionSavings: 0 });
  });

  it('waives freight at the threshold exactly, and for pickup', () => {
    expect(priceOrder({ lines: [{ skuId: 1, basePrice: 9900, quantity: 1 }], adjustments: [storeFreight(rule)] }).freight).toBe(0);
    expect(freightFor(9899, rule)).toBe(800);
    const pickup = priceOrder({ lines: [{ skuId: 1, basePrice: 100, quantity: 1 }], adjustments: [storeFreight(rule)], fulfilment: 'pickup' });
    expect(pickup).toMatchObject({ freight: 0, total: 100 });
  });

  it('applies a group price, then the tier and leader discounts, then free shipping', () => {
    const r = priceOrder({
      lines: [{ skuId: 7, basePrice: 3000, quantity: 2 }],
      adjustments: [
        storeFreight(rule),
        { kind: 'freight_waiver', source: 'group', combinable: true, label: '拼团包邮' },
        { kind: 'promotion_discount', source: 'group_leader', skuId: 7, perUnit: 300, combinable: true, label: '团长优惠' },
        { kind: 'promotion_price', source: 'group', skuId: 7, unitPrice: 2000, combinable: true, label: '拼团价' },
        { kind: 'promotion_discount', source: 'group_tier', skuId: 7, perUnit: 200, combinable: true, label: '多人团' },
      ],
    });
    expect(r.lines[0]).toMatchObject({ unitPrice: 1500, lineTotal: 3000, netAmount: 3000 });
    expect(r).toMatchObject({ subtotal: 3000, promotionSavings: 3000, freight: 0, total: 3000 });
    expect(r.applied.map((a) => [a.kind, a.amount])).toEqual([['promotion_price', 2000], ['promotion_discount', 600], ['promotion_discount', 400], ['freight_waiver', 800]]);
  });

  it('never takes a unit below 1 fen by a promotion discount', () => {
    const r = priceOrder({ lines: [{ skuId: 1, basePrice: 100, quantity: 3 }], adjustments: [{ kind: 'promotion_discount', source: 'group_tier', skuId: 1, perUnit: 500, combinable: true, label: '' }] });
    expect(r.lines[0].unitPrice).toBe(1);
  });

  it('spreads a coupon over lines in proportion, the odd fen to the largest remainder', () => {
    // 100 over 1:1:1 → 33.33 each; the spare fen goes to the smallest sku id.
    const r = priceOrder({ lines: [{ skuId: 9, basePrice: 300, quantity: 1 }, { skuId: 3, basePrice: 300, quantity: 1 }, { skuId: 5, basePrice: 300, quantity: 1 }], adjustments: [coupon(100)] });
    expect(Object.fromEntries(r.lines.map((l) => [l.skuId, l.discountShare]))).toEqual({ 3: 34, 5: 33, 9: 33 });
    expect(r).toMatchObject({ discount: 100, total: 800 });
  });

  it('clamps a coupon to the goods, and charges freight on the goods left to pay', () => {
    const r = priceOrder({ lines: [{ skuId: 1, basePrice: 1000, quantity: 1 }], adjustments: [coupon(5000), storeFreight(rule)] });
    expect(r).toMatchObject({ discount: 1000, freight: 0, total: 0 });
    const above = priceOrder({ lines: [{ skuId: 1, basePrice: 10000, quantity: 1 }], adjustments: [coupon(200), storeFreight(rule)] });
    expect(above).toMatchObject({ discount: 200, freight: 800, total: 10600 });
  });

  it('skips an adjustment that does not combine, and reports it', () => {
    const flash: Adjustment = { kind: 'promotion_price', source: 'flash', skuId: 1, unitPrice: 500, combinable: false, label: '秒杀价' };
    const r = priceOrder({ lines: [{ skuId: 1, basePrice: 1000, quantity: 1 }], adjustments: [flash, coupon(100)] });
    expect(r).toMatchObject({ discount: 0, total: 500 });
    expect(r.skipped).toEqual([{ kind: 'order_discount', source: 'coupon', label: '优惠券', reason: expect.any(String) }]);
    const lone = priceOrder({ lines: [{ skuId: 1, basePrice: 1000, quantity: 1 }], adjustments: [flash, coupon(100, false)] });
    expect(lone.discount).toBe(0);
    const couponOnly = priceOrder({ lines: [{ skuId: 1, basePrice: 1000, quantity: 1 }], adjustments: [coupon(100, false)] });
    expect(couponOnly.discount).toBe(100);
  });

  it('rejects bad quantities, prices, repeated skus and empty orders', () => {
    expect(() => priceOrder({ lines: [] })).toThrow(RangeError);
    expect(() => priceOrder({ lines: [{ skuId: 1, basePrice: 100, quantity: 0 }] })).toThrow(RangeError);
    expect(() => priceOrder({ lines: [{ skuId: 1, basePrice: 100, quantity: 1.5 }] })).toThrow(RangeError);
    expect(() => priceOrder({ lines: [{ skuId: 1, basePrice: 10.5, quantity: 1 }] })).toThrow(RangeError);
    expect(() => priceOrder({ lines: [{ skuId: 1, basePrice: -1, quantity: 1 }] })).toThrow(RangeError);
    expect(() => priceOrder({ lines: [{ skuId: 1, basePrice: 1, quantity: 1 }, { skuId: 1, basePrice: 1, quantity: 1 }] })).toThrow(RangeError);
  });

  it('merges repeated SKUs', () => {
    expect(mergeLines([{ skuId: 3, quantity: 1 }, { skuId: 4, quantity: 2 }, { skuId: 3, quantity: 5 }])).toEqual([
      { skuId: 3, quantity: 6 },
      { skuId: 4, quantity: 2 },
    ]);
  });
});

describe('priceOrder properties', () => {
  const lineArb = fc.uniqueArray(
    fc.record({ skuId: fc.integer({ min: 1, max: 10_000 }), basePrice: fc.integer({ min: 0, max: 5_000_000 }), quantity: fc.integer({ min: 1, max: 999 }) }),
    { minLength: 1, maxLength: 12, selector: (l) => l.skuId },
  );
  const adjustmentsArb = (lines: PricingLineInput[]) => fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('promotion_price' as const), source: fc.constant('flash' as const), skuId: fc.constantFrom(...lines.map((l) => l.skuId)), unitPrice: fc.integer({ min: 0, max: 5_000_000 }), combinable: fc.boolean(), label: fc.constant('p') }),
      fc.record({ kind: fc.constant('promotion_discount' as const), source: fc.constant('group_tier' as const), skuId: fc.constantFrom(...lines.map((l) => l.skuId)), perUnit: fc.integer({ min: 0, max: 100_000 }), combinable: fc.boolean(), label: fc.constant('d') }),
      fc.record({ kind: fc.constant('order_discount' as const), source: fc.constant('coupon' as const), amount: fc.integer({ min: 0, max: 50_000_000 }), combinable: fc.boolean(), label: fc.constant('c') }),
      fc.constant(storeFreight(rule)),
      fc.constant<Adjustment>({ kind: 'freight_waiver', source: 'group', combinable: true, label: 'w' }),
    ),
    { maxLength: 6 },
  );
  const orderArb = lineArb.chain((lines) => fc.tuple(fc.constant(lines), adjustmentsArb(lines), fc.constantFrom('delivery' as const, 'pickup' as const)));

  it('line nets add up to the total minus freight, and no line is negative or above its line total', () => {
    fc.assert(fc.property(orderArb, ([lines, adjustments, fulfilment]) => {
      const r = priceOrder({ lines, adjustments, fulfilment });
      expect(r.lines.reduce((sum, l) => sum + l.netAmount, 0)).toBe(r.total - r.freight);
      for (const l of r.lines) {
        expect(l.netAmount).toBeGreaterThanOrEqual(0);
        expect(l.netAmount).toBeLessThanOrEqual(l.lineTotal);
        expect(l.lineTotal).toBe(l.unitPrice * l.quantity);
        expect(l.discountShare + l.netAmount).toBe(l.lineTotal);
      }
      expect(r.discount).toBeLessThanOrEqual(r.subtotal);
      if (fulfilment === 'pickup') expect(r.freight).toBe(0);
    }));
  });

  it('does not depend on the order of lines', () => {
    fc.assert(fc.property(orderArb.chain((o) => fc.tuple(fc.constant(o), fc.shuffledSubarray(o[0], { minLength: o[0].length }))), ([[lines, adjustments, fulfilment], shuffled]) => {
      const bySku = (r: ReturnType<typeof priceOrder>) => new Map(r.lines.map((l) => [l.skuId, l]));
      const a = priceOrder({ lines, adjustments, fulfilment });
      const b = priceOrder({ lines: shuffled, adjustments, fulfilment });
      expect(bySku(b)).toEqual(bySku(a));
      expect(b.total).toBe(a.total);
    }));
  });

  it('prorates exactly: shares sum to the amount and none exceeds its weight', () => {
    fc.assert(fc.property(
      fc.uniqueArray(fc.record({ key: fc.integer({ min: 1, max: 1000 }), weight: fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 1000) }) }), { minLength: 1, maxLength: 10, selector: (p) => p.key }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (parts, fraction) => {
        const total = parts.reduce((s, p) => s + p.weight, 0);
        const amount = Math.floor(total * fraction);
        const shares = prorate(amount, parts);
        expect(shares.reduce((s, x) => s + x, 0)).toBe(amount);
        shares.forEach((s, i) => expect(s).toBeLessThanOrEqual(parts[i].weight));
        shares.forEach((s) => expect(s).toBeGreaterThanOrEqual(0));
      },
    ));
  });
});
